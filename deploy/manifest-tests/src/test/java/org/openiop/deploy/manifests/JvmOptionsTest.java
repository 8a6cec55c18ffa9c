package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every place a service runs uses deploy/jvm/service.options, and a container limit the settings fit in. */
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
        for (String service : Repo.SERVICES) {
            String deployment = Repo.read(Repo.path("deploy/k8s/base/" + service + "/deployment.yaml"));
            assertThat(deployment).as(service)
                    .containsPattern("name: JAVA_TOOL_OPTIONS\\s+value: \"" + Pattern.quote(options) + "\"")
                    .containsPattern("name: MALLOC_ARENA_MAX\\s+value: \"2\"")
                    .contains("limits: {cpu: \"1\", memory: 384Mi}");
        }
        assertThat(Repo.read(Repo.path("deploy/local/start"))).contains("deploy/jvm/service.options")
                .contains("MALLOC_ARENA_MAX=2");
    }
}
