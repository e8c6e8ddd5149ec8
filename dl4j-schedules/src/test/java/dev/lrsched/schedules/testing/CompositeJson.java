package dev.lrsched.schedules.testing;

import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Schedule JSON as DL4J's mapper writes it (compact), and composite schedules nested around a given child
 * JSON text, built as strings (so that nesting far deeper than Jackson could write is possible).
 */
public final class CompositeJson {

    /** The composite classes, by simple name. */
    public static final List<String> KINDS = List.of("ScaledSchedule", "WarmupSchedule", "NoisySchedule",
            "SequentialSchedule");

    private static final LinearSchedule LEAF = new LinearSchedule(ScheduleType.ITERATION, 0.1, 1.0, 0.5, 10);
    private static final Map<String, String[]> TEMPLATES = templates();

    private CompositeJson() {
    }

    /** Compact JSON of {@code value} by DL4J's mapper. */
    public static String write(Object value) {
        try {
            return JsonMappers.getMapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain leaf schedule's JSON. */
    public static String leaf() {
        return write(LEAF);
    }

    /** {@code levels} composites around {@code child} (JSON text), cycling through {@code kinds} from the outside in. */
    public static String nested(int levels, String child, List<String> kinds) {
        StringBuilder head = new StringBuilder();
        List<String> tails = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            String[] parts = TEMPLATES.get(kinds.get(i % kinds.size()));
            head.append(parts[0]);
            tails.add(parts[1]);
        }
        head.append(child);
        for (int i = levels - 1; i >= 0; i--) {
            head.append(tails.get(i));
        }
        return head.toString();
    }

    /** One composite of the given kind around {@code child}. */
    public static String wrap(String kind, String child) {
        return nested(1, child, Collections.singletonList(kind));
    }

    private static Map<String, String[]> templates() {
        String leaf = write(LEAF);
        Map<String, ISchedule> composites = new LinkedHashMap<>();
        composites.put("ScaledSchedule", new ScaledSchedule(LEAF, 0.5));
        composites.put("WarmupSchedule", new WarmupSchedule(ScheduleType.ITERATION, 2, 0.0, WarmupShape.LINEAR, LEAF));
        composites.put("NoisySchedule", NoisySchedule.builder(ScheduleType.ITERATION, LEAF).build());
        composites.put("SequentialSchedule", SequentialSchedule.of(ScheduleType.ITERATION, LEAF, 5,
                new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 3)));
        Map<String, String[]> templates = new LinkedHashMap<>();
        for (Map.Entry<String, ISchedule> e : composites.entrySet()) {
            String json = write(e.getValue());
            int at = json.indexOf(leaf);
            if (at < 0) {
                throw new IllegalStateException("no child in " + json);
            }
            templates.put(e.getKey(), new String[] {json.substring(0, at), json.substring(at + leaf.length())});
        }
        return templates;
    }
}
