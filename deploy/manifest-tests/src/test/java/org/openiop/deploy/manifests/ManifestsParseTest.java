package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openiop.deploy.manifests.Manifests.ManifestFile;

class ManifestsParseTest {

    @Test
    void everyYamlAndJsonManifestUnderDeployParses() {
        // Manifests.all() throws, naming the file, on the first one that does not parse.
        List<ManifestFile> files = Manifests.all();
        for (String dir : Repo.MANIFEST_DIRS) {
            List<Path> onDisk = Repo.files(dir, ".yaml", ".yml", ".json");
            assertThat(onDisk).as(dir).isNotEmpty();
            assertThat(files.stream().map(ManifestFile::path)).containsAll(onDisk);
        }
        assertThat(files).allSatisfy(f -> assertThat(f.documents()).as(f.relative()).isNotEmpty());
    }

    @Test
    void theParserRefusesBrokenYamlDuplicateKeysAndBrokenJson() {
        assertThatThrownBy(() -> Manifests.parseText("a: [1, 2\nb: 3", false)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Manifests.parseText("a: 1\na: 2\n", false)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Manifests.parseText("{\"a\": 1,}", true)).isInstanceOf(RuntimeException.class);
        assertThat(Manifests.parseText("a: 1\n---\nb: 2\n", false)).hasSize(2);
    }
}
