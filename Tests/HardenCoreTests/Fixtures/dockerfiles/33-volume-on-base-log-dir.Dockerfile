# VOLUME on a log directory the base made (where logs often link to /dev/stdout): a pitfall, not a mount.
FROM registry.example.com/web/proxy-base:2.4
RUN mkdir -p /var/log/edge && chown 8080 /var/log/edge
VOLUME /var/log/proxy /var/log/edge
USER 8080
