package dev.lrsched.schedules.testing;

import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.NoiseType;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.WsdShape;
import dev.lrsched.schedules.support.ScheduleNesting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.nd4j.shade.jackson.databind.node.TextNode;

/**
 * Mutations of schedule JSON for property tests: numbers changed to extremes, fields dropped, repeated or
 * misspelled, enums swapped, values of the wrong type, {@code "@class"} swapped, truncation, wrapping in
 * composites, deep nesting. A mutation is a kind and two choices taken modulo the document's size, so jqwik
 * can shrink it.
 */
public final class JsonMutations {

    private static final ObjectMapper MAPPER = JsonMappers.getMapper();
    private static final Map<String, ISchedule> EXAMPLES = ScheduleExamples.all();
    private static final List<String> NAMES = new ArrayList<>(EXAMPLES.keySet());
    private static final String MARK = "@@mutation@@";
    static final String[] NUMBERS = {"1e308", "-1e308", "1.7976931348623157E308", "-0.0", "0", "-1", "0.5",
        "4.9e-324", "-4.9e-324", "2147483647", "-2147483648", "2147483648", "9223372036854775807", "1e400",
        "NaN", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1.5", "1e-300", "3"};
    private static final String[] VALUES = {"\"text\"", "\"\"", "[]", "[1,2]", "[null]", "{}", "null", "true",
        "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]}", "{\"@class\":\"dev.lrsched.schedules.support.Checks\"}",
        "{\"@class\":\"org.nd4j.linalg.schedule.StepSchedule\",\"scheduleType\":\"ITERATION\",\"initialValue\":0.1,"
            + "\"decayRate\":0.5,\"step\":3.0}"};
    private static final String[] ENUMS = enumNames();

    private JsonMutations() {
    }

    /** One mutation: what to do, and two choices interpreted relative to the document (taken modulo its size). */
    public static final class Mutation {
        final Kind kind;
        final int a;
        final int b;

        public Mutation(Kind kind, int a, int b) {
            this.kind = kind;
            this.a = a;
            this.b = b;
        }

        @Override
        public String toString() {
            return kind + "(" + a + ", " + b + ")";
        }
    }

    public enum Kind { NUMBER, SCALE, DROP, REPEAT, RENAME, ENUM, RETYPE, CLASS, TRUNCATE, WRAP, NEST }

    // ---- mutations ------------------------------------------------------------------------------------------

    public static String mutate(String json, List<Mutation> mutations) throws Exception {
        String text = json;
        for (Mutation m : mutations) {
            text = apply(text, m);
        }
        return text;
    }

    private static String apply(String json, Mutation m) throws Exception {
        switch (m.kind) {
            case TRUNCATE:
                return json.substring(0, m.a % (json.length() + 1));
            case WRAP:
                return CompositeJson.wrap(CompositeJson.KINDS.get(m.a % CompositeJson.KINDS.size()), json);
            case NEST: {
                int[] levels = {ScheduleNesting.MAX_DEPTH - 1, ScheduleNesting.MAX_DEPTH,
                    ScheduleNesting.MAX_DEPTH + 1, 200, 5_000};
                List<String> kinds = new ArrayList<>(CompositeJson.KINDS);
                Collections.rotate(kinds, m.b % kinds.size());
                return CompositeJson.nested(levels[m.a % levels.length], json, kinds.subList(0, 1 + m.b % kinds.size()));
            }
            default:
                break;
        }
        if (json.length() > 20_000) {
            return json; // deeply nested already: the mutations below would only cost time
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            return json; // already broken text (truncated): leave it
        }
        if (root == null || !root.isContainerNode()) {
            return json;
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return json;
        }
        Slot slot = slots.get(m.a % slots.size());
        switch (m.kind) {
            case NUMBER:
                return replaced(root, slot, NUMBERS[m.b % NUMBERS.length]);
            case SCALE: {
                if (!slot.value().isNumber()) {
                    return json;
                }
                double[] factors = {-1, 1e10, 1e-10, 1e300, 2, 0.5, 0};
                double v = slot.value().asDouble() * factors[m.b % factors.length];
                return replaced(root, slot, slot.value().isIntegralNumber() && Math.abs(v) < 9e18
                        ? Long.toString((long) v) : Double.toString(v));
            }
            case DROP:
                if (slot.parent instanceof ObjectNode) {
                    ((ObjectNode) slot.parent).remove(slot.key);
                } else {
                    ((ArrayNode) slot.parent).remove(slot.index);
                }
                return MAPPER.writeValueAsString(root);
            case REPEAT: {
                if (!(slot.parent instanceof ObjectNode)) {
                    return json;
                }
                ObjectNode o = (ObjectNode) slot.parent;
                // the repeat either keeps the value or takes an extreme number
                o.set(MARK, m.b % 2 == 0 ? slot.value() : TextNode.valueOf(MARK + "value"));
                String text = MAPPER.writeValueAsString(root).replace("\"" + MARK + "\"",
                        MAPPER.writeValueAsString(slot.key));
                return text.replace("\"" + MARK + "value\"", NUMBERS[m.b % NUMBERS.length]);
            }
            case RENAME: {
                if (!(slot.parent instanceof ObjectNode)) {
                    return json;
                }
                ObjectNode o = (ObjectNode) slot.parent;
                JsonNode v = o.remove(slot.key);
                o.set(renamed(slot.key, m.b), v);
                return MAPPER.writeValueAsString(root);
            }
            case ENUM:
                if (!slot.value().isTextual() || "@class".equals(slot.key)) {
                    return json;
                }
                return replaced(root, slot, MAPPER.writeValueAsString(ENUMS[m.b % ENUMS.length]));
            case RETYPE:
                return replaced(root, slot, VALUES[m.b % VALUES.length]);
            case CLASS: {
                List<Slot> classes = new ArrayList<>();
                for (Slot s : slots) {
                    if ("@class".equals(s.key)) {
                        classes.add(s);
                    }
                }
                if (classes.isEmpty()) {
                    return json;
                }
                Slot c = classes.get(m.a % classes.size());
                ISchedule other = EXAMPLES.get(NAMES.get(m.b % NAMES.size()));
                return replaced(root, c, MAPPER.writeValueAsString(other.getClass().getName()));
            }
            default:
                throw new IllegalStateException(m.kind.toString());
        }
    }

    private static String renamed(String key, int b) {
        if (key.isEmpty()) {
            return "x";
        }
        int i = b % key.length();
        switch (b % 3) {
            case 0:
                return key.substring(0, i) + key.substring(i + 1); // drop a character
            case 1:
                char c = key.charAt(i);
                char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return key.substring(0, i) + (swapped == c ? '_' : swapped) + key.substring(i + 1);
            default:
                return key.substring(0, i) + 's' + key.substring(i); // insert a character
        }
    }

    /** Writes {@code root} with the slot's value replaced by the raw JSON text {@code raw}. */
    private static String replaced(JsonNode root, Slot slot, String raw) throws Exception {
        slot.set(TextNode.valueOf(MARK));
        return MAPPER.writeValueAsString(root).replace("\"" + MARK + "\"", raw);
    }

    /** A position in a document: a field of an object or an element of an array. */
    private static final class Slot {
        final JsonNode parent;
        final String key;
        final int index;

        Slot(JsonNode parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) parent).set(key, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                slots.add(new Slot(node, k, -1));
                collect(node.get(k), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots);
            }
        }
    }

    private static String[] enumNames() {
        List<String> names = new ArrayList<>();
        for (Class<? extends Enum<?>> e : List.of(AfterEnd.class, AnnealStrategy.class, CyclicMode.class,
                NoiseType.class, WarmupShape.class, WsdShape.class, ScheduleType.class)) {
            for (Enum<?> c : e.getEnumConstants()) {
                names.add(c.name());
            }
        }
        names.addAll(Arrays.asList("HOURLY", "", "iteration", "linear", "1-sqrt", " ITERATION"));
        return names.toArray(new String[0]);
    }
}
