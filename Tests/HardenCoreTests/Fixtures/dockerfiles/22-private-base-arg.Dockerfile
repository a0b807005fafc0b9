ARG REGISTRY=registry.example.com
ARG JRE_TAG=21

FROM ${REGISTRY}/platform/jre:${JRE_TAG}
ENV LEDGER_DATA_DIR=/var/lib/ledger
RUN mkdir -p /var/lib/ledger \
 && chown 1000:1000 /var/lib/ledger
COPY target/ledger.jar /app/ledger.jar
USER 1000:1000
EXPOSE 8080
CMD ["java", "-jar", "/app/ledger.jar"]
