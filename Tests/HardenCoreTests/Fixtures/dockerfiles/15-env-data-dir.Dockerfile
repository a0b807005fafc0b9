FROM python:3.12-alpine

ENV APP_DATA_DIR=/var/lib/notes \
    APP_LOG_DIR=/var/log/notes \
    PYTHONUNBUFFERED=1

# BusyBox adduser without -S and -G creates a group of the same name whose gid equals the uid.
RUN adduser -D -u 1200 notes \
 && mkdir -p "$APP_LOG_DIR" \
 && chown notes:notes "$APP_LOG_DIR"

COPY . /opt/notes
RUN pip install --no-cache-dir /opt/notes
USER notes
EXPOSE 5000
CMD ["notes-server"]
