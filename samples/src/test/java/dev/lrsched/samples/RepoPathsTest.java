package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepoPathsTest {

    @Test
    void findsTheDirectoryHoldingSamplesPom() {
        // surefire runs in the samples module directory: the root is its parent
        Path root = RepoPaths.findRepoRoot(Path.of("")).orElseThrow();
        assertThat(Files.isRegularFile(root.resolve("samples/pom.xml"))).isTrue();
        assertThat(RepoPaths.findRepoRoot(root.resolve("samples/src/main"))).contains(root);
        assertThat(RepoPaths.outputDir(new String[0], "docs/images")).isEqualTo(root.resolve("docs/images"));
        assertThat(RepoPaths.outputDir(new String[] {"/tmp/x"}, "docs/images")).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void backendIsReported() {
        assertThat(Backends.describe()).isNotBlank();
    }
}
