# chown -R on a parent covers the empty directories made inside it; the one filled with config is not writable.
FROM python:3.12-slim
RUN useradd -u 5005 -U sorter
RUN mkdir -p /sorter/spool /sorter/conf \
    && mv /usr/local/share/sorter-defaults.ini /sorter/conf/ \
    && chown -R sorter:sorter /sorter
USER sorter
ENTRYPOINT ["sorter"]
