package dev.lrsched.samples;

import dev.lrsched.samples.plot.Charts;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Renders one PNG per schedule, {@code schedule-<name>.png}, into {@code docs/images/} of the
 * repository (or the folder given as first argument). Add a schedule with one {@link Entry} line.
 */
public final class ScheduleGallery {

    /** One gallery picture: file-name part, schedule, number of steps drawn, chart title. */
    public record Entry(String name, ISchedule schedule, int steps, String description) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(description, "description");
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("name must match [a-z0-9-]+, got '" + name + "'");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
        }

        public String fileName() {
            return "schedule-" + name + ".png";
        }
    }

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** The gallery, in output order. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry("cosine-annealing", new CosineAnnealingSchedule(IT, 0.1, 0.001, 800), 1000,
                    "CosineAnnealingSchedule(0.1 -> 0.001 over 800), holds after"),
            new Entry("scaled", new ScaledSchedule(new CosineAnnealingSchedule(IT, 0.1, 0.001, 800), 0.5), 1000,
                    "ScaledSchedule(cosine, 0.5), as installed by a plateau reduction"),
            new Entry("nd4j-step", new StepSchedule(IT, 0.1, 0.5, 200), 1000,
                    "ND4J StepSchedule(0.1, decay 0.5 every 200)"),
            new Entry("nd4j-exponential", new ExponentialSchedule(IT, 0.1, 0.997), 1000,
                    "ND4J ExponentialSchedule(0.1, gamma 0.997)"),
            new Entry("nd4j-map", new MapSchedule(IT, new TreeMap<>(Map.of(0, 0.1, 300, 0.05, 600, 0.01))), 1000,
                    "ND4J MapSchedule{0: 0.1, 300: 0.05, 600: 0.01}"),
            new Entry("nd4j-inverse", new InverseSchedule(IT, 0.1, 0.01, 1.0), 1000,
                    "ND4J InverseSchedule(0.1, gamma 0.01, power 1)"));

    private ScheduleGallery() {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        Path dir = RepoPaths.outputDir(args, "docs/images");
        for (Path p : render(ENTRIES, dir)) {
            System.out.println("wrote " + p);
        }
    }

    /** Writes every entry's PNG into {@code dir}; returns the files in entry order. */
    public static List<Path> render(List<Entry> entries, Path dir) {
        return entries.stream()
                .map(e -> Charts.savePng(Charts.scheduleCurve(e.description(), e.schedule(), e.steps()),
                        dir.resolve(e.fileName())))
                .toList();
    }
}
