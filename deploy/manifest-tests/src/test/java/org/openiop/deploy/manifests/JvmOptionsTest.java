package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every place a service (and the front door) runs uses deploy/jvm/service.options, and a container limit the settings
 * fit in; the local start and the image run from a class-data-sharing archive.
 */
class JvmOptionsTest {

    private final String options = Repo.read(Repo.path("deploy/jvm/service.options")).strip();

    @Test
    void theOptionsBoundHeapMetaspaceAndCodeCache() {
        assertThat(options).contains("-Xmx").contains("-XX:MaxMetaspaceSize=").contains("-XX:ReservedCodeCacheSize=")
                .contains("-XX:+ExitOnOutOfMemoryError").doesNotContain("MaxRAMPercentage");
    }

    @Test
    void dockerfileComposeAndKubernetesCarryTheSameOptionsAndArenaLimit() {
        assertThat(Repo.read(Repo.path("deploy/docker/Dockerfile")))
                .contains("ENV JAVA_TOOL_OPTIONS=\"" + options + "\"").contains("ENV MALLOC_ARENA_MAX=2");
        String compose = Repo.read(Repo.path("deploy/compose/compose.yaml"));
        assertThat(compose).contains("JAVA_TOOL_OPTIONS: " + options).contains("MALLOC_ARENA_MAX: \"2\"");
        assertThat(Pattern.compile("JAVA_TOOL_OPTIONS:").matcher(compose).results().count()).isEqualTo(1);
        for (String service : java.util.stream.Stream.concat(Repo.SERVICES.stream(), java.util.stream.Stream.of("web-ui"))
                .toList()) {
            String deployment = Repo.read(Repo.path("deploy/k8s/base/" + service + "/deployment.yaml"));
            assertThat(deployment).as(service)
                    .containsPattern("name: JAVA_TOOL_OPTIONS\\s+value: \"" + Pattern.quote(options) + "\"")
                    .containsPattern("name: MALLOC_ARENA_MAX\\s+value: \"2\"")
                    .contains("limits: {cpu: \"1\", memory: 384Mi}");
        }
        assertThat(Repo.read(Repo.path("deploy/local/start"))).contains("deploy/jvm/service.options")
                .contains("MALLOC_ARENA_MAX=2").contains("-XX:ArchiveClassesAtExit=")
                .contains("-XX:SharedArchiveFile=");
    }
}
