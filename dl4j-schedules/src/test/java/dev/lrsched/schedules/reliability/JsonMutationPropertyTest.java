package dev.lrsched.schedules.reliability;

import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.testing.CompositeJson;
import dev.lrsched.schedules.testing.JsonMutations;
import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.ArrayList;
import java.util.EmptyStackException;
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
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Property: whatever a stored configuration's schedule JSON has been turned into (numbers changed to extremes,
 * fields dropped, repeated or misspelled, enums swapped, values of the wrong type, truncation, wrapping in
 * composites, deep nesting), reading it through DL4J's own mapper either fails with an {@link Exception} that
 * has a message, or gives a schedule that equals its own round trip and whose values are finite and
 * {@code >= 0}. Never an {@link Error}, a message-less exception or a bare {@link EmptyStackException}.
 *
 * <p>Starts from the JSON of every entry of {@link ScheduleExamples}; each try applies one to three
 * {@link JsonMutations}.
 */
class JsonMutationPropertyTest {

    private static final ObjectMapper MAPPER = JsonMappers.getMapper();
    private static final List<String> NAMES = new ArrayList<>(ScheduleExamples.all().keySet());
    private static final Map<String, ISchedule> EXAMPLES = ScheduleExamples.all();
    private static final int[] COUNTERS = {0, 1, 1000, Integer.MAX_VALUE, -1};

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<List<JsonMutations.Mutation>> mutations() {
        Arbitrary<JsonMutations.Mutation> one = Combinators.combine(Arbitraries.of(JsonMutations.Kind.class), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999)).as(JsonMutations.Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 2500, shrinking = ShrinkingMode.FULL)
    void mutatedScheduleJsonFailsCleanlyOrLoadsAValidSchedule(@ForAll("seeds") String seed,
                                                              @ForAll("mutations") List<JsonMutations.Mutation> mutations)
            throws Exception {
        String json = JsonMutations.mutate(CompositeJson.write(EXAMPLES.get(seed)), mutations);
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
        if (!onlyUnmutatedForeignSchedules(s)) {
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


    private static String abbreviate(String json) {
        return json.length() <= 2_000 ? json : json.substring(0, 1_000) + " ... (" + json.length() + " chars) ... "
                + json.substring(json.length() - 500);
    }
}
