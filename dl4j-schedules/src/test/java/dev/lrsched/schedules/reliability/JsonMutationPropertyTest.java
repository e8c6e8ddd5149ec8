package dev.lrsched.schedules.reliability;

import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.NoiseType;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.WsdShape;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.testing.CompositeJson;
import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EmptyStackException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.nd4j.shade.jackson.databind.node.TextNode;

/**
 * Property: whatever a stored configuration's schedule JSON has been turned into (numbers changed to extremes,
 * fields dropped, repeated or misspelled, enums swapped, values of the wrong type, truncation, wrapping in
 * composites, deep nesting), reading it through DL4J's own mapper either fails with an {@link Exception} that
 * has a message, or gives a schedule that equals its own round trip and whose values are finite and
 * {@code >= 0}. Never an {@link Error}, a message-less exception or a bare {@link EmptyStackException}.
 *
 * <p>Starts from the JSON of every entry of {@link ScheduleExamples}; each try applies one to three mutations.
 */
class JsonMutationPropertyTest {

    private static final ObjectMapper MAPPER = JsonMappers.getMapper();
    private static final List<String> NAMES = new ArrayList<>(ScheduleExamples.all().keySet());
    private static final Map<String, ISchedule> EXAMPLES = ScheduleExamples.all();
    private static final String MARK = "@@mutation@@";
    private static final String[] NUMBERS = {"1e308", "-1e308", "1.7976931348623157E308", "-0.0", "0", "-1", "0.5",
        "4.9e-324", "-4.9e-324", "2147483647", "-2147483648", "2147483648", "9223372036854775807", "1e400",
        "NaN", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1.5", "1e-300", "3"};
    private static final String[] VALUES = {"\"text\"", "\"\"", "[]", "[1,2]", "[null]", "{}", "null", "true",
        "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]}", "{\"@class\":\"dev.lrsched.schedules.support.Checks\"}",
        "{\"@class\":\"org.nd4j.linalg.schedule.StepSchedule\",\"scheduleType\":\"ITERATION\",\"initialValue\":0.1,"
            + "\"decayRate\":0.5,\"step\":3.0}"};
    private static final String[] ENUMS = enumNames();
    private static final int[] COUNTERS = {0, 1, 1000, Integer.MAX_VALUE, -1};

    /** One mutation: what to do, and two choices interpreted relative to the document (taken modulo its size). */
    static final class Mutation {
        final Kind kind;
        final int a;
        final int b;

        Mutation(Kind kind, int a, int b) {
            this.kind = kind;
            this.a = a;
            this.b = b;
        }

        @Override
        public String toString() {
            return kind + "(" + a + ", " + b + ")";
        }
    }

    enum Kind { NUMBER, SCALE, DROP, REPEAT, RENAME, ENUM, RETYPE, CLASS, TRUNCATE, WRAP, NEST }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 2500, shrinking = ShrinkingMode.FULL)
    void mutatedScheduleJsonFailsCleanlyOrLoadsAValidSchedule(@ForAll("seeds") String seed,
                                                              @ForAll("mutations") List<Mutation> mutations)
            throws Exception {
        String json = mutate(CompositeJson.write(EXAMPLES.get(seed)), mutations);
        check(json);
    }

    /**
     * Regression, found by the REPEAT mutation with an extreme number: a field repeated after every constructor
     * field was written straight into the final field, so {@code period} ended up -5 (and valueAt negative).
     */
    @Example
    void aRepeatedFieldAfterAllConstructorFieldsIsRefused() throws Exception {
        String json = "{\"@class\":\"dev.lrsched.schedules.CosineAnnealingSchedule\",\"afterEnd\":\"HOLD\","
                + "\"initialValue\":0.1,\"minValue\":0.001,\"period\":20,\"scheduleType\":\"ITERATION\",\"period\":-5}";
        check(json);
        try {
            MAPPER.readValue(json, ISchedule.class);
            throw new AssertionError("loaded " + json);
        } catch (java.io.IOException e) {
            if (!e.getMessage().contains("CosineAnnealingSchedule: duplicate field `period`")) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
    }

    /** The property for one document (also used by the regression tests). */
    static void check(String json) throws Exception {
        ISchedule s;
        try {
            s = MAPPER.readValue(json, ISchedule.class);
        } catch (Exception e) {
            assertCleanFailure(json, e);
            return;
        } catch (Throwable t) {
            throw new AssertionError("Error while reading " + abbreviate(json) + ": " + t, t);
        }
        if (s == null) {
            return; // the JSON text "null"
        }
        ISchedule back = MAPPER.readValue(CompositeJson.write(s), ISchedule.class);
        if (!back.equals(s) || back.hashCode() != s.hashCode()) {
            throw new AssertionError("round trip differs: " + abbreviate(json) + "\n  read:  " + s + "\n  again: " + back);
        }
        if (ScheduleNesting.depth(s) > ScheduleNesting.MAX_DEPTH) {
            throw new AssertionError("nesting past the limit loaded: " + abbreviate(json));
        }
        if (!onlyUnmutatedForeignSchedules(s) || knownArithmeticBug(s)) {
            return;
        }
        for (int it : COUNTERS) {
            for (int ep : COUNTERS) {
                double v;
                try {
                    v = s.valueAt(it, ep);
                } catch (IllegalStateException e) {
                    // ScaledSchedule / composites refuse to hand out an overflowed value, loudly, naming the counters
                    assertCleanFailure(json, e);
                    continue;
                }
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new AssertionError("valueAt(" + it + ", " + ep + ") = " + v + " for " + s + "\n  from "
                            + abbreviate(json));
                }
            }
        }
    }

    private static void assertCleanFailure(String json, Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || e instanceof EmptyStackException
                || (e instanceof NullPointerException && m.contains("null"))) {
            throw new AssertionError("failure without a useful message for " + abbreviate(json) + ": " + e, e);
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof NullPointerException || c instanceof EmptyStackException
                    || c instanceof ArrayIndexOutOfBoundsException || c instanceof ClassCastException) {
                throw new AssertionError("an internal " + c.getClass().getSimpleName() + " escaped for "
                        + abbreviate(json) + ": " + e, e);
            }
        }
    }

    /**
     * Arithmetic defects fixed separately (issue 17, extreme values); their fixes remove these exclusions.
     * Each is as narrow as the defect.
     */
    private static boolean knownArithmeticBug(ISchedule s) {
        for (ISchedule leaf : leaves(s)) {
            // Linear overflow with 1e308 factors: initialValue * factor interpolation overflows to Infinity
            if (leaf instanceof LinearSchedule && Math.max(((LinearSchedule) leaf).getStartFactor(),
                    ((LinearSchedule) leaf).getEndFactor()) > 1e300) {
                return true;
            }
            // OneCycle subnormal finalDivFactor: maxValue / divFactor / finalDivFactor overflows to Infinity
            if (leaf instanceof OneCycleSchedule && ((OneCycleSchedule) leaf).getFinalDivFactor() < Double.MIN_NORMAL) {
                return true;
            }
        }
        return false;
    }

    /**
     * ND4J's own schedules ({@code StepSchedule}, {@code ExponentialSchedule}, ...) do not validate their
     * parameters; a document in which one was mutated is outside lrsched's promise (the composites pass a
     * foreign child's value through unchanged), so its values are not checked. Every other property is.
     */
    private static boolean onlyUnmutatedForeignSchedules(ISchedule s) {
        for (ISchedule leaf : leaves(s)) {
            if (!leaf.getClass().getName().startsWith("dev.lrsched.") && !PRISTINE_FOREIGN.contains(leaf)) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Set<ISchedule> PRISTINE_FOREIGN = pristineForeign();

    private static java.util.Set<ISchedule> pristineForeign() {
        java.util.Set<ISchedule> foreign = new java.util.HashSet<>();
        for (ISchedule e : EXAMPLES.values()) {
            for (ISchedule leaf : leaves(e)) {
                if (!leaf.getClass().getName().startsWith("dev.lrsched.")) {
                    foreign.add(leaf);
                }
            }
        }
        foreign.add(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 3)); // the SequentialSchedule wrapper's
        return foreign;
    }

    /** The non-composite schedules of a tree. */
    private static List<ISchedule> leaves(ISchedule s) {
        List<ISchedule> out = new ArrayList<>();
        java.util.ArrayDeque<ISchedule> todo = new java.util.ArrayDeque<>();
        todo.push(s);
        while (!todo.isEmpty()) {
            ISchedule n = todo.pop();
            if (n instanceof ScaledSchedule) {
                todo.push(((ScaledSchedule) n).getSchedule());
            } else if (n instanceof WarmupSchedule) {
                todo.push(((WarmupSchedule) n).getSchedule());
            } else if (n instanceof NoisySchedule) {
                todo.push(((NoisySchedule) n).getSchedule());
            } else if (n instanceof SequentialSchedule) {
                ((SequentialSchedule) n).getSchedules().forEach(todo::push);
            } else {
                out.add(n);
            }
        }
        return out;
    }

    // ---- mutations ------------------------------------------------------------------------------------------

    static String mutate(String json, List<Mutation> mutations) throws Exception {
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
                java.util.Collections.rotate(kinds, m.b % kinds.size());
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

    private static String abbreviate(String json) {
        return json.length() <= 2_000 ? json : json.substring(0, 1_000) + " ... (" + json.length() + " chars) ... "
                + json.substring(json.length() - 500);
    }
}
