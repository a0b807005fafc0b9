FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*

# The primary group is the stock "users" group; USER below overrides it with "media".
RUN groupadd -g 3000 media \
 && useradd -u 3001 -g users -G media -M -s /usr/sbin/nologin transcoder \
 && mkdir -p /srv/media/incoming /srv/media/outgoing \
 && chown -R transcoder:media /srv/media \
 && chmod -R g+w /srv/media

COPY transcode.sh /usr/local/bin/transcode
USER transcoder:media
CMD ["/usr/local/bin/transcode"]
