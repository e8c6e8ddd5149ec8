package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's arrows point one way: {@code plateau} (the core) &lt;- {@code metric}, {@code network} &lt;- the front
 * ends in {@code dev.lrsched.listeners}. Read from the import lines of {@code src/main/java}; a violation names
 * the file and the import.
 */
class PackageLayeringTest {

    private static final Path ROOT = Paths.get("src/main/java/dev/lrsched/listeners");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.lrsched\\.listeners\\.([a-z]+\\.)?([A-Z]\\w*)",
            Pattern.MULTILINE);

    /** Package -> the lrsched.listeners packages it may import ("" = the front-end package). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "plateau", Set.of("plateau"),
            "metric", Set.of("metric", "plateau"),
            "network", Set.of("network", "plateau"),
            "", Set.of("", "plateau", "metric", "network"));

    @Test
    void lowerPackagesNeverImportHigherOnes() throws IOException {
        assertThat(ROOT).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = ROOT.relativize(f).getNameCount() == 1 ? "" : ROOT.relativize(f).getName(0).toString();
                Matcher m = IMPORT.matcher(read(f));
                while (m.find()) {
                    String target = m.group(1) == null ? "" : m.group(1).replace(".", "");
                    if (!ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
                        violations.add(ROOT.relativize(f) + " imports " + m.group(0).substring(7));
                    }
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
