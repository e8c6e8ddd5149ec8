package dev.lrsched.schedules.testing;

import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * One representative, non-trivial instance of every lrsched schedule class (and of each mode/shape
 * where the class has several), sized so that interesting things happen within ~30 iterations or a
 * few epochs. Integration tests run every entry through a real network; adding a class means adding
 * one line here.
 */
public final class ScheduleExamples {

    private ScheduleExamples() {
    }

    /** Name -> schedule, in a stable order. */
    public static Map<String, ISchedule> all() {
        Map<String, ISchedule> m = new LinkedHashMap<>();
        m.put("cosine", new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 20));
        m.put("cosine-epoch", new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.01, 3));
        m.put("scaled-cosine", new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 15), 0.5));
        return Collections.unmodifiableMap(m);
    }

    /** {@link #all()} as JUnit arguments (name, schedule). */
    public static List<Arguments> arguments() {
        List<Arguments> out = new ArrayList<>();
        all().forEach((name, s) -> out.add(Arguments.of(name, s)));
        return out;
    }
}
