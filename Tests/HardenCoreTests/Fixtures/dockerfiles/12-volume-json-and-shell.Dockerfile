FROM debian:bookworm-slim
RUN groupadd --gid 4000 ingest \
 && useradd --uid 4000 --gid 4000 --no-create-home --shell /usr/sbin/nologin ingest
RUN ["install", "--directory", "--owner=4000", "--group=4000", "--mode=0750", "/var/lib/ingest", "/var/log/ingest"]
COPY ingestd /usr/local/bin/ingestd
VOLUME ["/var/lib/ingest", "/var/log/ingest"]
VOLUME /var/cache/ingest /scratch
USER 4000
EXPOSE 7000/tcp
CMD ["ingestd", "--spool", "/scratch"]
