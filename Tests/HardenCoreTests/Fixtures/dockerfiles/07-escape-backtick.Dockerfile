# escape=`
FROM debian:bookworm-slim

RUN apt-get update `
 && apt-get install -y --no-install-recommends ca-certificates `
 && rm -rf /var/lib/apt/lists/*

# The escape character is a backtick in this file: the trailing backslash of
# the label value is a literal character, not a line continuation.
LABEL org.example.relay.spool-share=\\fileserver\relay\
RUN groupadd --gid 1500 relay `
 && useradd --uid 1500 --gid relay --no-create-home --shell /usr/sbin/nologin relay `
 && mkdir -p /var/spool/relay `
 && chown relay:relay /var/spool/relay

COPY relay.conf /etc/relay/relay.conf
COPY --chmod=0755 relayd /usr/local/bin/relayd
USER relay
EXPOSE 2525
CMD ["/usr/local/bin/relayd", "--config", "/etc/relay/relay.conf"]
