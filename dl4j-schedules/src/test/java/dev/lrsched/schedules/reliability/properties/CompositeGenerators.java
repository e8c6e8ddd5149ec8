package dev.lrsched.schedules.reliability.properties;

import static dev.lrsched.schedules.reliability.properties.Parameters.nonNegative;
import static dev.lrsched.schedules.reliability.properties.Parameters.positive;
import static dev.lrsched.schedules.reliability.properties.Parameters.steps;
import static dev.lrsched.schedules.reliability.properties.Parameters.types;
import static dev.lrsched.schedules.reliability.properties.Parameters.unit;
import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.attempt;
import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.cumulative;
import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.valid;

import dev.lrsched.schedules.NoiseType;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.reliability.properties.ScheduleGenerators.Attempt;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Generators of the composite schedules (Sequential, Scaled, Warmup, Noisy) of random valid children. */
public final class CompositeGenerators {

    private CompositeGenerators() {
    }

    /** Sequential, Scaled, Warmup and Noisy schedules of random children, nested to {@code depth} (<= 4) levels. */
    public static Arbitrary<ISchedule> composite(Arbitrary<ISchedule> leaf, int depth) {
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<ISchedule> child = Arbitraries.lazy(() -> composite(leaf, depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(1, leaf),
                Tuple.of(1, valid(sequential(child))),
                Tuple.of(1, valid(scaled(child))),
                Tuple.of(1, valid(warmup(child))),
                Tuple.of(1, valid(noisy(child))));
    }

    public static Arbitrary<Attempt> sequential(Arbitrary<ISchedule> child) {
        return Combinators.combine(types(), child.list().ofMinSize(1).ofMaxSize(3), steps().array(int[].class).ofSize(2))
                .as((type, children, gaps) -> attempt(() -> new SequentialSchedule(type, children,
                        cumulative(Arrays.copyOf(gaps, children.size() - 1), 1))));
    }

    public static Arbitrary<Attempt> scaled(Arbitrary<ISchedule> child) {
        return Combinators.combine(child, nonNegative(), Arbitraries.of(true, false))
                .as((c, factor, normal) -> attempt(() -> new ScaledSchedule(c, normal ? Math.min(factor, 1.0) : factor)));
    }

    public static Arbitrary<Attempt> warmup(Arbitrary<ISchedule> child) {
        // the start value independent, or a fraction of the target, or of Double.MAX_VALUE
        Arbitrary<double[]> start = Combinators.combine(Arbitraries.integers().between(0, 2), nonNegative(), unit())
                .as((k, v, f) -> new double[] {k, v, f});
        return Combinators.combine(types(), steps(), start, Arbitraries.of(WarmupShape.class), child,
                        Arbitraries.of(true, false))
                .as((type, steps, st, shape, c, prefix) -> attempt(() -> {
                    double target = ScheduleChecks.value(c, 0, 0) == null ? 1.0 : c.valueAt(0, 0);
                    double ws = st[0] == 0 ? st[1] : st[0] == 1 ? target * st[2] : Double.MAX_VALUE * st[2];
                    return new WarmupSchedule(type, steps, ws, shape, c, prefix);
                }));
    }

    public static Arbitrary<Attempt> noisy(Arbitrary<ISchedule> child) {
        Arbitrary<Double> pct = unit().filter(p -> p > 0);
        Arbitrary<Long> range = Arbitraries.oneOf(Arbitraries.of(0L, 1L, (long) Integer.MAX_VALUE, 1L << 31,
                NoisySchedule.NO_END), Arbitraries.longs().between(0, NoisySchedule.NO_END));
        return Combinators.combine(types(), child, Arbitraries.of(NoiseType.class), pct, positive(),
                        Arbitraries.longs(), range, range)
                .as((type, c, noise, p, std, seed, a, b) -> attempt(() -> new NoisySchedule(type, c, noise, p, std, seed,
                        Math.min(a, b), Math.max(a, b) == Math.min(a, b) ? NoisySchedule.NO_END : Math.max(a, b))));
    }
}
