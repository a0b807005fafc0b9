FROM debian:bookworm-slim

RUN addgroup --system --gid 1600 indexer \
 && adduser --system --uid 1600 --ingroup indexer --home /nonexistent \
        --no-create-home --disabled-password indexer

ENV SEARCH_DATA=/srv/index \
    SEARCH_TMP_DIR=/var/tmp/indexer

COPY --chmod=0755 indexer /usr/local/bin/indexer
USER indexer
EXPOSE 9400
CMD ["/usr/local/bin/indexer"]
