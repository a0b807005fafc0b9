FROM alpine:3.20
RUN apk add --no-cache ca-certificates tini

# BusyBox adduser: -S system account, -D no password, -H no home directory.
# Without -G a BusyBox system account is put into the existing "nogroup"
# group, whose gid this file does not say.
RUN adduser -S -D -H -u 1000 -s /sbin/nologin metrics

COPY --chmod=0755 bin/metrics-agent /usr/local/bin/metrics-agent
USER metrics
EXPOSE 9100
ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/metrics-agent"]
