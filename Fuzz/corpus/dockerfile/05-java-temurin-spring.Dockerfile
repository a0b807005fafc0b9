FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests \
 && cp target/*.jar target/app.jar

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 1001 spring \
 && useradd --system --uid 1001 --gid spring --no-create-home --shell /usr/sbin/nologin spring
VOLUME /tmp
WORKDIR /opt/app
COPY --from=build /build/target/app.jar app.jar
USER spring:spring
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/opt/app/app.jar"]
