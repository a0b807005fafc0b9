# The last USER is root (for an entrypoint that steps down): the uid to run as is the image's own user.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 812 batch && useradd --system --gid batch --uid 812 batch
USER batch
RUN java -version
USER root
ENTRYPOINT ["/docker-entrypoint.sh"]
