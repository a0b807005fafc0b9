# Content put in a parent before a directory existed is not in it; a directory moved away and made again is empty;
# echo naming a directory puts nothing in it; install SRC DEST copies a file into its directory.
FROM alpine:3.20
RUN mkdir -p /opt/board && tar -xzf /tmp/board.tgz -C /opt/board \
    && mkdir /opt/board/cache && chown 3000 /opt/board/cache
RUN mkdir -p /srv/board/media && tar -xzf /tmp/media.tgz -C /srv/board/media \
    && mv /srv/board/media /srv/board/media.orig && mkdir -p /srv/board/media && chown 3000 /srv/board/media
RUN mkdir /sessions && chmod 1777 /sessions && echo "session.save_path=/sessions" >> /etc/php.ini
RUN mkdir -p /etc/board && install -m644 /tmp/board.conf /etc/board/board.conf && chown -R 3000 /etc/board
USER 3000
