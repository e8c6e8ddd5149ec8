package dev.lrsched.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates the lrsched checkout so samples write to stable places whatever the working directory. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** The nearest directory at or above {@code start} that contains {@code samples/pom.xml}. */
    public static Optional<Path> findRepoRoot(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples").resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@link #findRepoRoot(Path)} from the working directory, or the working directory itself. */
    public static Path repoRootOrWorkingDir() {
        Path cwd = Path.of("").toAbsolutePath();
        return findRepoRoot(cwd).orElse(cwd);
    }

    /**
     * The output folder for a sample: {@code args[0]} if given (relative to the working directory),
     * else {@code defaultUnderRoot} resolved against the repository root.
     */
    public static Path outputDir(String[] args, String defaultUnderRoot) {
        if (args != null && args.length > 0 && !args[0].isBlank()) {
            return Path.of(args[0]).toAbsolutePath().normalize();
        }
        return repoRootOrWorkingDir().resolve(defaultUnderRoot).normalize();
    }
}
