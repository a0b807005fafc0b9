# Redirections are not arguments, and an escaped quote inside double quotes does not end the string.
FROM alpine:3.20
RUN make -C /build CFLAGS="-O2 -DSTATE_DIR=\\\"/var/lib/beacon\\\"" install && \
    addgroup -S -g 4100 beacon 2>/dev/null && \
    adduser -S -u 4100 -D -H -G beacon beacon > /dev/null && \
    mkdir -p /var/lib/beacon && \
    chown -R beacon:beacon /var/lib/beacon
ENTRYPOINT ["/usr/bin/beacon"]
