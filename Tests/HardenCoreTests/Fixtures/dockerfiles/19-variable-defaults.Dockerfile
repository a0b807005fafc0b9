ARG JAVA_VERSION
ARG ALPINE=1

FROM eclipse-temurin:${JAVA_VERSION:-17}-jre${ALPINE:+-alpine}
ARG APP_USER
ARG DEBUG
ENV APP_PORT=${APP_PORT:-8080} \
    JAVA_TOOL_OPTIONS="${DEBUG:+-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005}"

RUN addgroup -S -g 1500 billing \
 && adduser -S -D -H -u 1500 -G billing billing

COPY build/libs/billing.jar /opt/billing/billing.jar
USER ${APP_USER:-billing}
EXPOSE ${APP_PORT} ${DEBUG:+5005}
ENTRYPOINT ["java", "-jar", "/opt/billing/billing.jar"]
