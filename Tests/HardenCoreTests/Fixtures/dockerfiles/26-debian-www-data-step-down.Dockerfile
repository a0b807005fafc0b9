# No USER: the entrypoint drops to www-data, which base-passwd fixes at 33 on Debian; the Dockerfile only chowns.
FROM debian:bookworm-slim
RUN set -eux; apt-get update; apt-get install -y --no-install-recommends lighttpd; rm -rf /var/lib/apt/lists/*
RUN mkdir -p /var/www/uploads && chown www-data:www-data /var/www/uploads
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
