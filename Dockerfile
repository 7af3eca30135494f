# The posplan service image: the web module built with Maven on a JDK 17, run on a JRE 17 as a non-root user.
#   docker build -t posplan .
#   docker run --rm -p 8080:8080 posplan
# Plain Dockerfile syntax (no BuildKit-only instructions), so the classic builder and Testcontainers build it too.

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Every module's POM first: this layer downloads the dependencies and plugins (building empty modules), and is
# reused until a POM changes. The reactor reads every module the root POM lists, so each needs its POM here.
COPY pom.xml ./
COPY api/pom.xml api/
COPY multimodal/pom.xml multimodal/
COPY planners/pom.xml planners/
COPY web/pom.xml web/
COPY tests/pom.xml tests/
COPY bench/pom.xml bench/
COPY spark/pom.xml spark/
RUN mvn -B -ntp -q -pl web -am -DskipTests -Dspring-boot.repackage.skip=true package
# The sources, and .git when the context is a clone: the build writes its commit into /actuator/info. A git
# worktree's .git is a file pointing outside the context, useless here: it is dropped, and info has no commit.
COPY . .
RUN if [ -f .git ]; then rm .git; fi \
 && mvn -B -ntp -pl web -am -DskipTests package \
 && java -Djarmode=tools -jar web/target/posplan-web-*-exec.jar extract --layers --launcher --destination /layers

FROM ${RUNTIME_IMAGE}
# The health check calls curl, which the Temurin Ubuntu images ship; fail the build here if that ever changes.
RUN command -v curl \
 && groupadd --system --gid 10001 posplan \
 && useradd --system --uid 10001 --gid posplan --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin posplan
WORKDIR /app
# Boot's layers, least often changed first, so a code change replaces only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
# Container-aware heap: the JVM reads the cgroup memory and CPU limits (UseContainerSupport is on by default);
# the heap takes 75% of the memory limit, the rest is metaspace, thread stacks, code cache and buffers. An
# OutOfMemoryError ends the process so the orchestrator restarts it instead of leaving a broken JVM serving.
# JDK_JAVA_OPTIONS is read by the java launcher only; override it with docker run -e.
ENV PORT=8080 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# Healthy = ready to serve (Spring's readiness state); the start period covers a cold start on a busy host.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
