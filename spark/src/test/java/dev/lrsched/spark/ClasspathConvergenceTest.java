package dev.lrsched.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module's test classpath (= compile + provided + runtime + test jars) has no silent DL4J M2/M2.1 mix and no
 * jars leaked by dl4j-spark's parent POM (Spark 3.1.2, Scala 2.12.14). Jars are identified by their Maven
 * repository path {@code .../group/path/artifactId/version/artifactId-version[-classifier].jar}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClasspathConvergenceTest {

    /** The only DL4J artifacts published at 1.0.0-M2 and not at M2.1. */
    private static final Set<String> M2_ONLY = Set.of("org.deeplearning4j:dl4j-spark_2.12", "org.nd4j:nd4j-kryo_2.12");

    private static final Map<String, Set<String>> VERSIONS = new TreeMap<>();

    @BeforeAll
    static void scanClasspath() {
        // Maven passes its local repository (any -Dmaven.repo.local), so group ids are read relative to it.
        Path repository = Path.of(System.getProperty("lrsched.localRepository",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath().normalize();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File jar = new File(entry);
            File versionDir = jar.getParentFile();
            File artifactDir = versionDir == null ? null : versionDir.getParentFile();
            if (!entry.endsWith(".jar") || artifactDir == null) {
                continue;
            }
            String version = versionDir.getName();
            String artifact = artifactDir.getName();
            if (!jar.getName().startsWith(artifact + "-" + version)) {
                continue; // not in a Maven repository layout
            }
            Path groupDir = artifactDir.toPath().toAbsolutePath().normalize().getParent();
            if (groupDir == null || !groupDir.startsWith(repository) || groupDir.equals(repository)) {
                continue; // not in the local repository (e.g. a reactor module's target/classes)
            }
            List<String> groupParts = new ArrayList<>();
            repository.relativize(groupDir).forEach(p -> groupParts.add(p.toString()));
            VERSIONS.computeIfAbsent(String.join(".", groupParts) + ":" + artifact, k -> new TreeSet<>()).add(version);
        }
    }

    @Test
    void everyDl4jNd4jAndDataVecJarIsM21ExceptTheM2OnlySparkArtifacts() {
        List<String> wrong = new ArrayList<>();
        int dl4jJars = 0;
        for (Map.Entry<String, Set<String>> e : VERSIONS.entrySet()) {
            String ga = e.getKey();
            if (ga.startsWith("org.deeplearning4j:") || ga.startsWith("org.nd4j:") || ga.startsWith("org.datavec:")) {
                dl4jJars++;
                Set<String> expected = Set.of(M2_ONLY.contains(ga) ? "1.0.0-M2" : "1.0.0-M2.1");
                if (!e.getValue().equals(expected)) {
                    wrong.add(ga + " " + e.getValue());
                }
            }
        }
        assertThat(wrong).as("DL4J/ND4J/DataVec jars not at the expected version").isEmpty();
        assertThat(VERSIONS).containsKeys("org.deeplearning4j:dl4j-spark_2.12", "org.nd4j:nd4j-kryo_2.12",
                "org.deeplearning4j:deeplearning4j-nn", "org.nd4j:nd4j-native", "org.datavec:datavec-api");
        assertThat(dl4jJars).isGreaterThan(10);
    }

    @Test
    void sparkJarsAreAllTheProvidedVersionAndNothingFromTheLeakedSpark312Stack() {
        String sparkVersion = System.getProperty("lrsched.spark.version");
        assertThat(sparkVersion).as("set by the surefire configuration").isNotBlank();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : VERSIONS.entrySet()) {
            if (e.getKey().startsWith("org.apache.spark:") && !e.getValue().equals(Set.of(sparkVersion))) {
                wrong.add(e.getKey() + " " + e.getValue());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(VERSIONS).containsKey("org.apache.spark:spark-core_2.12")
                .doesNotContainKeys("org.apache.spark:spark-mllib_2.12", "org.apache.spark:spark-sql_2.12",
                        "org.apache.spark:spark-streaming_2.12", "org.apache.spark:spark-graphx_2.12");
    }

    @Test
    void scalaIsOneVersionAtLeast2_12_15() {
        Set<String> scalaLib = VERSIONS.get("org.scala-lang:scala-library");
        assertThat(scalaLib).hasSize(1);
        String v = scalaLib.iterator().next();
        assertThat(v).startsWith("2.12.");
        assertThat(Integer.parseInt(v.substring("2.12.".length()))).as("scala-library %s", v).isGreaterThanOrEqualTo(15);
        assertThat(v).isEqualTo(scala.util.Properties.versionNumberString());
        Set<String> reflect = VERSIONS.get("org.scala-lang:scala-reflect");
        if (reflect != null) {
            assertThat(reflect).containsExactly(v);
        }
    }
}
