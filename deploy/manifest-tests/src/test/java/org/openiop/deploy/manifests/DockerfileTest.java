package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The one image recipe shared by the three services (deploy/docker/Dockerfile; compose passes SERVICE and PORT). */
class DockerfileTest {

    private final String dockerfile = Repo.read(Repo.path("deploy/docker/Dockerfile"));

    @Test
    void runsTheServicesLayeredExecJarOnTemurin17() {
        List<String> from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile).results()
                .map(m -> m.group(1)).toList();
        assertThat(from).isNotEmpty().allMatch(image -> image.equals("eclipse-temurin:17-jre"));
        assertThat(dockerfile).contains("COPY target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar ")
                .contains("-Djarmode=tools").contains("extract --layers --destination");
        // the root pom gives every service's repackaged jar the exec classifier that name points at
        assertThat(Repo.read(Repo.path("pom.xml"))).contains("<classifier>exec</classifier>");
    }

    @Test
    void startsFromTheClassDataSharingArchiveItsTrainingStartMade() {
        // the archive is made after JAVA_TOOL_OPTIONS is set (the same options at training and at run time) and as
        // root before USER (the service only reads it)
        assertThat(dockerfile).containsPattern("(?s)ENV JAVA_TOOL_OPTIONS=.*RUN java -XX:ArchiveClassesAtExit=app\\.jsa "
                + "-Dspring\\.context\\.exit=onRefresh -jar app\\.jar.*USER 10001")
                .contains("ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=app.jsa\", \"-jar\", \"app.jar\"]")
                .doesNotContain("--launcher");
    }

    @Test
    void runsAsNonRootWithAHealthCheckOnTheReadinessProbeOfItsPort() {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        assertThat(lastUser).as("runs as").isNotNull().doesNotStartWith("root").doesNotStartWith("0");
        assertThat(dockerfile).contains("ENV SERVER_PORT=${PORT}").contains("EXPOSE ${PORT}")
                .containsPattern("(?s)HEALTHCHECK.*http://127\\.0\\.0\\.1:\\$\\{SERVER_PORT}/actuator/health/readiness");
    }
}
