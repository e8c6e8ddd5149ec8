package dev.lrsched.schedules.reliability.properties;

import dev.lrsched.schedules.testing.ScheduleAssertions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The checks behind the property suite: value finite and {@code >= 0} at every probe counter, and
 * {@code equals}/{@code hashCode}/values consistent with a JSON round trip through DL4J's mapper.
 */
final class ScheduleChecks {

    /** Counters every schedule is probed at, as DL4J's int: 0, 1, the int boundary and wrapped negatives. */
    static final int[] FIXED_COUNTERS = {0, 1, 2, 3, 7, 100, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1};

    /** Message prefixes of the documented IllegalStateExceptions (a product that overflows, a user factor). */
    private static final String[] DOCUMENTED_FAILURES = {"ScaledSchedule:", "NoisySchedule:", "FunctionSchedule function",
            "LambdaSchedule expression"};

    private ScheduleChecks() {
    }

    /**
     * Every probe counter of {@code schedule}: the fixed ones, {@code extra}, and n-1, n, n+1 and pairwise
     * sums for every int n in its JSON (periods, boundaries, warm-up lengths of nested children).
     */
    static int[] probes(ISchedule schedule, int... extra) {
        TreeSet<Long> ints = new TreeSet<>();
        try {
            collectInts(JsonMappers.getMapper().readTree(JsonMappers.getMapper().writeValueAsString(schedule)), ints);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + schedule + " as JSON", e);
        }
        List<Long> base = new ArrayList<>(ints);
        if (base.size() > 10) {
            base = base.subList(0, 10); // the smallest: deep composites would otherwise probe thousands of counters
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (int c : FIXED_COUNTERS) {
            out.add(c);
        }
        for (int c : extra) {
            out.add(c);
        }
        for (long n : base) {
            for (long m : base) {
                long s = n + (n == m ? 0 : m);
                for (long d = -1; d <= 1; d++) {
                    long c = s + d;
                    if (c >= 0 && c <= 0xFFFF_FFFFL) {
                        out.add((int) c); // above Integer.MAX_VALUE: DL4J's wrapped negative counter
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collectInts(JsonNode node, TreeSet<Long> out) {
        if (node.isIntegralNumber()) {
            out.add(node.longValue());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectInts(it.next(), out);
        }
    }

    /** Finite and >= 0 at every probe counter in both counter roles; only documented exceptions. */
    static void assertFiniteNonNegative(ISchedule schedule, int[] probes, int... extra) {
        for (int c : probes) {
            check(schedule, c, c);
            check(schedule, c, 0);
            check(schedule, 0, c);
            for (int e : extra) {
                check(schedule, c, e);
                check(schedule, e, c);
            }
        }
    }

    /** The value at (iteration, epoch), or NaN boxed as null for a documented IllegalStateException. */
    static Double value(ISchedule schedule, int iteration, int epoch) {
        try {
            return schedule.valueAt(iteration, epoch);
        } catch (IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            for (String prefix : DOCUMENTED_FAILURES) {
                if (m.startsWith(prefix)) {
                    return null;
                }
            }
            throw new AssertionError(schedule + " at iteration=" + iteration + " epoch=" + epoch
                    + " threw an undocumented IllegalStateException", e);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(schedule + " at iteration=" + iteration + " epoch=" + epoch + " threw " + e, e);
        }
    }

    private static void check(ISchedule schedule, int iteration, int epoch) {
        Double v = value(schedule, iteration, epoch);
        if (v != null && !(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new AssertionError(schedule + " at iteration=" + Integer.toUnsignedLong(iteration) + " epoch="
                    + Integer.toUnsignedLong(epoch) + " (int " + iteration + ", " + epoch + ") gave " + v);
        }
    }

    /** equals, hashCode and every probed value survive DL4J's JSON round trip. */
    static void assertJsonRoundTrip(ISchedule schedule, int[] probes) {
        ISchedule back = ScheduleAssertions.dl4jJsonRoundTrip(schedule);
        if (!back.equals(schedule) || !schedule.equals(back)) {
            throw new AssertionError("JSON round trip changed " + schedule + " into " + back);
        }
        if (back.hashCode() != schedule.hashCode()) {
            throw new AssertionError("JSON round trip changed the hashCode of " + schedule);
        }
        for (int c : probes) {
            Double a = value(schedule, c, c);
            Double b = value(back, c, c);
            if (!(a == null ? b == null : b != null && Double.compare(a, b) == 0)) {
                throw new AssertionError("JSON round trip of " + schedule + " changed the value at " + c + ": " + a
                        + " -> " + b);
            }
        }
    }
}
