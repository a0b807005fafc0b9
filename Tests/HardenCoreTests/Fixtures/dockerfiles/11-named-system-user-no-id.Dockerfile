FROM alpine:3.20
RUN apk add --no-cache ca-certificates

# Neither the group nor the user is given an id: both come from the system range
# at build time, so the uid the image runs as cannot be read from this file.
RUN addgroup -S mailer && adduser -S -D -H -G mailer -s /sbin/nologin mailer

COPY --chmod=0755 mailer /usr/local/bin/mailer
USER mailer
EXPOSE 2525
ENTRYPOINT ["/usr/local/bin/mailer"]
