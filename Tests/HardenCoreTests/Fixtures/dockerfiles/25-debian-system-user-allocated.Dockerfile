# useradd -r without -u on Debian: the first system account takes 999 (SYS_UID_MAX), its group too.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
RUN groupadd -r ledger && useradd -r -g ledger ledger
RUN mkdir -p /srv/ledger/journal && chown -R ledger /srv/ledger
COPY ledgerd /usr/local/bin/ledgerd
USER ledger
ENTRYPOINT ["ledgerd"]
