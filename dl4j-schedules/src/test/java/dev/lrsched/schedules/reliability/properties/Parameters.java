package dev.lrsched.schedules.reliability.properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Parameter arbitraries of {@link ScheduleGenerators}: every range a schedule constructor accepts, with its
 * extremes (0, {@link Double#MIN_VALUE}, 1e-300, 1e300, {@link Double#MAX_VALUE}, 1 and
 * {@link Integer#MAX_VALUE}) drawn often.
 */
final class Parameters {

    private Parameters() {
    }

    /** Non-negative finite doubles: exact extremes, small "normal" values and a log-uniform spread over the whole range. */
    public static Arbitrary<Double> nonNegative() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0.0, Double.MIN_VALUE, 1e-320, Double.MIN_NORMAL, 1e-300, 1e-8,
                        1e-3, 0.1, 0.5, 1.0, 2.0, 1e8, 1e300, 1e307, 1e308, Double.MAX_VALUE / 2,
                        Math.nextDown(Double.MAX_VALUE), Double.MAX_VALUE)),
                Tuple.of(2, Arbitraries.doubles().between(0.0, 10.0)),
                Tuple.of(3, Arbitraries.doubles().between(-324.0, 308.25)
                        .map(e -> Math.min(Double.MAX_VALUE, Math.pow(10.0, e)))));
    }

    /**
     * Two non-negative doubles, half the time correlated (one a random fraction of the other, or of
     * {@link Double#MAX_VALUE}): sums like {@code a + (b - a) * f} overflow only for such pairs.
     */
    public static Arbitrary<double[]> pairs() {
        Arbitrary<Double> huge = Arbitraries.doubles().between(0.0, 1.0).map(f -> f * Double.MAX_VALUE);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(nonNegative(), nonNegative()).as((a, b) -> new double[] {a, b})),
                Tuple.of(1, Combinators.combine(nonNegative(), unit()).as((a, f) -> new double[] {a, a * f})),
                Tuple.of(1, Combinators.combine(nonNegative(), unit()).as((a, f) -> new double[] {a * f, a})),
                Tuple.of(1, huge.map(a -> new double[] {a, Double.MAX_VALUE})),
                Tuple.of(1, huge.map(a -> new double[] {Double.MAX_VALUE, a})));
    }

    /** Strictly positive finite doubles. */
    public static Arbitrary<Double> positive() {
        return nonNegative().filter(d -> d > 0);
    }

    /** Doubles in [0, 1], with 0, 1 and their neighbours. */
    public static Arbitrary<Double> unit() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(0.0, Double.MIN_VALUE, 1e-300, 1e-16, 0.5,
                        Math.nextDown(1.0), 1.0)),
                Tuple.of(3, Arbitraries.doubles().between(0.0, 1.0)));
    }

    /** Positive ints: 1, 2, small, large and {@link Integer#MAX_VALUE}. */
    public static Arbitrary<Integer> steps() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(1, 2, 3, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE)),
                Tuple.of(2, Arbitraries.integers().between(1, 1000)),
                Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
    }

    /** Non-negative ints (0 included). */
    public static Arbitrary<Integer> stepsOrZero() {
        return Arbitraries.oneOf(Arbitraries.just(0), steps());
    }

    /** Both counter roles. */
    public static Arbitrary<ScheduleType> types() {
        return Arbitraries.of(ScheduleType.class);
    }

    /** A value {@code <= upper}: {@code upper} times a factor in [0, 1], or upper itself. */
    static double below(double upper, double f) {
        return upper * f;
    }
}
