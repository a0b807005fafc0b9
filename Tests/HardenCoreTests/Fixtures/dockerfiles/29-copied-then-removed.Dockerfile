# A package copied into /tmp and removed by the next RUN is no content of the image: /tmp stays writable.
FROM debian:bookworm-slim
COPY toolkit.deb /tmp/toolkit.deb
RUN apt-get update && apt-get install -y /tmp/toolkit.deb && rm -f /tmp/toolkit.deb
COPY bundle/ /tmp/bundle/
RUN cp -r /tmp/bundle/* /opt/toolkit/ && rm -rf /tmp/*
USER 7001
ENTRYPOINT ["toolkit"]
