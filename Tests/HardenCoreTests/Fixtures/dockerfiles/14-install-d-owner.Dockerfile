FROM alpine:3.20
RUN apk add --no-cache vips

RUN addgroup -S -g 1100 thumbs \
 && adduser -S -D -H -u 1100 -G thumbs thumbs \
 && install -d -o thumbs -g thumbs -m 0750 /var/cache/thumbs /run/thumbs /var/lib/thumbs \
 && install -d -m 0755 /etc/thumbs

COPY thumbs.yaml /etc/thumbs/thumbs.yaml
COPY --chmod=0755 thumbsd /usr/local/bin/thumbsd
USER thumbs:thumbs
EXPOSE 8088
ENTRYPOINT ["/usr/local/bin/thumbsd", "--config", "/etc/thumbs/thumbs.yaml"]
