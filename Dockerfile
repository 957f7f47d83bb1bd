# natca-intercom: the shaded jar on a Java 17 runtime, running as a non-root user.
#   docker build -t natca-intercom .
#   docker run --rm -e INTERCOM_ACCESS_TOKEN -e DATABASE_URL natca-intercom daily-sync
#   docker run --rm -p 8080:8080 -e INTERCOM_ACCESS_TOKEN -e INTERCOM_CLIENT_SECRET -e DATABASE_URL natca-intercom webhook-serve
# .do/app.yaml builds its job and service from this file. Checked against the jar by DeploymentSpecTest.

# 1. Build: the whole reactor (the app's tests need the sandbox module), tests left to CI.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY lib/pom.xml lib/
COPY app/pom.xml app/
COPY sandbox/pom.xml sandbox/
COPY lib/src lib/src
COPY app/src app/src
COPY sandbox/src sandbox/src
RUN mvn -B -ntp -q package -DskipTests

# 2. Run: a JRE only, the jar, and a user without privileges.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 natca \
 && useradd --system --uid 10001 --gid natca --home-dir /app --shell /usr/sbin/nologin natca \
 && mkdir /app && chown natca:natca /app
WORKDIR /app
COPY --from=build --chown=root:root /src/app/target/natca-intercom.jar /app/natca-intercom.jar
USER 10001:10001
# webhook-serve's default PORT
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/natca-intercom.jar"]
CMD ["--help"]
