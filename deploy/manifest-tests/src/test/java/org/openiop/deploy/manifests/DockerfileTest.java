package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DockerfileTest {

    @Test
    void imagesRunTheLayeredExecJarOnTemurin17AsNonRootWithAnActuatorHealthCheck() {
        for (String service : Repo.SERVICES) {
            String dockerfile = Repo.read(Repo.path(service + "/Dockerfile"));
            List<String> from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile).results()
                    .map(m -> m.group(1)).toList();
            assertThat(from).as(service).isNotEmpty().allMatch(image -> image.equals("eclipse-temurin:17-jre"));
            assertThat(dockerfile).as(service).contains("COPY target/" + service + "-0.1.0-SNAPSHOT-exec.jar ")
                    .contains("-Djarmode=tools").contains("extract --layers")
                    .contains("org.springframework.boot.loader.launch.JarLauncher");
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
            String lastUser = null;
            while (user.find()) {
                lastUser = user.group(1);
            }
            assertThat(lastUser).as(service + " runs as").isNotNull().doesNotStartWith("root").doesNotStartWith("0");
            int port = ServiceCatalog.port(service);
            assertThat(dockerfile).as(service).containsPattern("(?s)HEALTHCHECK.*http://127\\.0\\.0\\.1:" + port
                    + "/actuator/health/readiness");
            assertThat(dockerfile).contains("EXPOSE " + port);
        }
    }
}
