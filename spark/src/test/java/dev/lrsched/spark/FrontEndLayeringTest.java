package dev.lrsched.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A front end knows the core and nothing of the other front ends: the Spark module's main sources import from
 * {@code dl4j-listeners} only the core packages ({@code plateau}, {@code metric}, {@code network}), never the
 * listener's package {@code dev.lrsched.listeners}. Read from the import lines; a violation names file and import.
 */
class FrontEndLayeringTest {

    private static final Path ROOT = Paths.get("src/main/java/dev/lrsched/spark");
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?(dev\\.lrsched\\.listeners\\.(?:([a-z]+)\\.)?[A-Z][\\w.]*);", Pattern.MULTILINE);
    private static final List<String> CORE = List.of("plateau", "metric", "network");

    @Test
    void sparkImportsOnlyTheCorePackagesOfTheListenersModule() throws IOException {
        assertThat(ROOT).isDirectory();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        List<String> imports = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (Path f : sources) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                imports.add(m.group(1));
                if (m.group(2) == null || !CORE.contains(m.group(2))) {
                    violations.add(ROOT.relativize(f) + " imports " + m.group(1));
                }
            }
        }
        assertThat(imports).as("the check reads the imports").isNotEmpty();
        assertThat(violations).isEmpty();
    }
}
