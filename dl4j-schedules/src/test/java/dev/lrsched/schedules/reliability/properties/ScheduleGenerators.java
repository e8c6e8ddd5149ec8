package dev.lrsched.schedules.reliability.properties;

import static dev.lrsched.schedules.reliability.properties.Parameters.below;
import static dev.lrsched.schedules.reliability.properties.Parameters.nonNegative;
import static dev.lrsched.schedules.reliability.properties.Parameters.pairs;
import static dev.lrsched.schedules.reliability.properties.Parameters.positive;
import static dev.lrsched.schedules.reliability.properties.Parameters.steps;
import static dev.lrsched.schedules.reliability.properties.Parameters.stepsOrZero;
import static dev.lrsched.schedules.reliability.properties.Parameters.types;
import static dev.lrsched.schedules.reliability.properties.Parameters.unit;

import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineDecayRestartsSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.ExponentialDecaySchedule;
import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.HuggingFaceSchedules;
import dev.lrsched.schedules.InverseSqrtSchedule;
import dev.lrsched.schedules.InverseTimeDecaySchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.NoiseType;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.OneCycleMomentumSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PiecewiseConstantSchedule;
import dev.lrsched.schedules.PolynomialDecaySchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.ScheduleFunction;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineHardRestartsSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.WarmupStableDecaySchedule;
import dev.lrsched.schedules.WsdShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * jqwik generators of <em>valid</em> schedules, one per schedule class, drawing parameters that include
 * the extremes every constructor accepts: 0, {@link Double#MIN_VALUE} (subnormal), 1e-300, 1e300,
 * {@link Double#MAX_VALUE}, periods and steps of 1 and {@link Integer#MAX_VALUE}, both
 * {@link ScheduleType}s and every enum option.
 *
 * <p>Every generator builds through the public constructors, builders and factories. A parameter
 * combination the constructor rejects with an {@link IllegalArgumentException} is "rejected, fine":
 * each generator gives the raw {@link Attempt}s (whose acceptance ratio
 * {@code ScheduleGeneratorsAcceptanceTest} measures), {@link #valid} keeps the accepted ones.
 */
public final class ScheduleGenerators {

    private ScheduleGenerators() {
    }

    /** One construction attempt: the schedule, or the message of the constructor's IllegalArgumentException. */
    public static final class Attempt {
        final ISchedule schedule;
        final String rejection;

        private Attempt(ISchedule schedule, String rejection) {
            this.schedule = schedule;
            this.rejection = rejection;
        }

        public boolean accepted() {
            return schedule != null;
        }

        @Override
        public String toString() {
            return accepted() ? schedule.toString() : "rejected: " + rejection;
        }
    }

    static Attempt attempt(Supplier<ISchedule> constructor) {
        try {
            return new Attempt(Objects.requireNonNull(constructor.get()), null);
        } catch (IllegalArgumentException e) {
            return new Attempt(null, e.getMessage());
        }
    }

    static Arbitrary<ISchedule> valid(Arbitrary<Attempt> attempts) {
        return attempts.filter(Attempt::accepted).map(a -> a.schedule);
    }

    // ---- one generator per schedule class (lrsched's own) ----

    public static Arbitrary<Attempt> linear() {
        return Combinators.combine(types(), nonNegative(), pairs(), steps())
                .as((type, init, se, total) -> attempt(() -> new LinearSchedule(type, init, se[0], se[1], total)));
    }

    public static Arbitrary<Attempt> polynomial() {
        return Combinators.combine(types(), nonNegative(), unit(), positive(), steps())
                .as((type, init, f, power, total) ->
                        attempt(() -> new PolynomialSchedule(type, init, below(init, f), power, total)));
    }

    public static Arbitrary<Attempt> polynomialDecay() {
        return Combinators.combine(types(), pairs(), steps(), positive(), Arbitraries.of(true, false))
                .as((type, ie, steps, power, cycle) ->
                        attempt(() -> new PolynomialDecaySchedule(type, ie[0], steps, ie[1], power, cycle)));
    }

    public static Arbitrary<Attempt> cosineAnnealing() {
        return Combinators.combine(types(), nonNegative(), unit(), steps(), Arbitraries.of(AfterEnd.class))
                .as((type, init, f, period, after) ->
                        attempt(() -> new CosineAnnealingSchedule(type, init, below(init, f), period, after)));
    }

    public static Arbitrary<Attempt> warmupCosine() {
        return Combinators.combine(types(), nonNegative(), unit(), unit(), stepsOrZero(), steps(),
                        Arbitraries.of(AfterEnd.class))
                .as((type, peak, fs, fm, warmup, extra, after) -> attempt(() -> new WarmupCosineSchedule(type,
                        below(peak, fs), peak, below(peak, fm), warmup, (int) Math.min(Integer.MAX_VALUE,
                        (long) warmup + extra), after)));
    }

    public static Arbitrary<Attempt> warmupCosineHardRestarts() {
        return Combinators.combine(types(), nonNegative(), stepsOrZero(), steps(), steps())
                .as((type, peak, warmup, extra, cycles) -> attempt(() -> new WarmupCosineHardRestartsSchedule(type,
                        peak, warmup, (int) Math.min(Integer.MAX_VALUE, (long) warmup + extra), cycles)));
    }

    public static Arbitrary<Attempt> cosineDecayRestarts() {
        Arbitrary<Double> tMul = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(1.0, Math.nextUp(1.0), 1.0 + 1e-9, 1.5, 2.0, 3.0, 1e10, 1e300,
                        Double.MAX_VALUE)),
                Tuple.of(2, Arbitraries.doubles().between(1.0, 10.0)));
        return Combinators.combine(types(), nonNegative(), steps(), tMul, unit(), unit())
                .as((type, init, first, t, m, alpha) ->
                        attempt(() -> new CosineDecayRestartsSchedule(type, init, first, t, m, alpha)));
    }

    public static Arbitrary<Attempt> cyclic() {
        Arbitrary<Double> gamma = unit().filter(g -> g > 0);
        return Combinators.combine(types(), pairs(), steps(), steps(),
                        Arbitraries.of(CyclicMode.class), gamma, Arbitraries.of(true, false))
                .as((type, bm, up, down, mode, g, momentum) -> attempt(() -> {
                    CyclicSchedule c = new CyclicSchedule(type, bm[0], bm[1], up, down, mode, g);
                    return momentum ? c.momentum() : c;
                }));
    }

    public static Arbitrary<Attempt> exponentialDecay() {
        return Combinators.combine(types(), nonNegative(), steps(), unit(), Arbitraries.of(true, false))
                .as((type, init, steps, rate, stair) ->
                        attempt(() -> new ExponentialDecaySchedule(type, init, steps, rate, stair)));
    }

    public static Arbitrary<Attempt> inverseTimeDecay() {
        return Combinators.combine(types(), nonNegative(), steps(), nonNegative(), Arbitraries.of(true, false))
                .as((type, init, steps, rate, stair) ->
                        attempt(() -> new InverseTimeDecaySchedule(type, init, steps, rate, stair)));
    }

    public static Arbitrary<Attempt> inverseSqrt() {
        return Combinators.combine(types(), nonNegative(), stepsOrZero(), steps(), Arbitraries.of(true, false))
                .as((type, init, warmup, timescale, factory) -> attempt(() -> factory
                        ? InverseSqrtSchedule.of(type, init, warmup)
                        : new InverseSqrtSchedule(type, init, warmup, timescale)));
    }

    public static Arbitrary<Attempt> piecewiseConstant() {
        Arbitrary<int[]> gaps = steps().array(int[].class).ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(types(), gaps, nonNegative().list().ofSize(6), Arbitraries.of(true, false))
                .as((type, g, vals, fromZero) -> attempt(() -> {
                    int[] b = cumulative(g, fromZero ? 0 : 1);
                    double[] v = new double[b.length + 1];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = vals.get(i);
                    }
                    return new PiecewiseConstantSchedule(type, b, v);
                }));
    }

    public static Arbitrary<Attempt> warmupStableDecay() {
        Arbitrary<Double> cycles = Arbitraries.oneOf(Arbitraries.of(0.0, 0.5, 1.0, 1e-300, 1e6, 3.25),
                Arbitraries.doubles().between(0.0, 1e6));
        return Combinators.combine(types(), nonNegative(), stepsOrZero(), stepsOrZero(), stepsOrZero(),
                        Arbitraries.of(WsdShape.class), Arbitraries.of(WsdShape.class), Combinators.combine(unit(), cycles)
                                .as((r, c) -> new double[] {r, c}))
                .as((type, peak, w, s, d, ws, ds, rc) -> attempt(() -> WarmupStableDecaySchedule.builder(peak, w, s, d)
                        .scheduleType(type).warmupShape(ws).decayShape(ds).minLrRatio(rc[0]).numCycles(rc[1]).build()));
    }

    /** The Schedules factories that compose schedules (warmupStableDecay, multiStep, warmupLinear, startingAt). */
    public static Arbitrary<Attempt> schedulesFactories() {
        return Combinators.combine(types(), nonNegative(), unit(), steps(), steps(), steps(), Arbitraries.integers().between(0, 3))
                .as((type, v, f, a, b, c, which) -> attempt(() -> {
                    switch (which) {
                        case 0:
                            return Schedules.warmupStableDecay(type, v, below(v, f), a, b, c,
                                    f < 0.5 ? AnnealStrategy.COS : AnnealStrategy.LINEAR);
                        case 1:
                            return Schedules.multiStep(type, v, f, cumulative(new int[] {a, b, c}, 1));
                        case 2:
                            return Schedules.warmupLinear(type, v, a, (int) Math.min(Integer.MAX_VALUE, (long) a + b));
                        default:
                            return Schedules.startingAt(type, a, new LinearSchedule(type, v, f, 1.0, b));
                    }
                }));
    }

    /** Every Hugging Face get_scheduler name (but reduce_lr_on_plateau, which is not a schedule). */
    public static Arbitrary<Attempt> huggingFace() {
        List<String> names = new ArrayList<>(HuggingFaceSchedules.SCHEDULER_NAMES);
        names.remove("reduce_lr_on_plateau");
        return Combinators.combine(Arbitraries.of(names), nonNegative(), stepsOrZero(), steps(), unit(), positive(),
                        Arbitraries.of(WsdShape.class))
                .as((name, lr, w, extra, f, power, shape) -> attempt(() -> {
                    int total = (int) Math.min(Integer.MAX_VALUE, (long) w + extra);
                    Map<String, Object> kw = new HashMap<>();
                    switch (name) {
                        case "polynomial":
                            kw.put("lr_end", below(lr, f));
                            kw.put("power", power);
                            break;
                        case "cosine_with_min_lr":
                        case "cosine_warmup_with_min_lr":
                            kw.put("min_lr_rate", f);
                            break;
                        case "warmup_stable_decay":
                            kw.put("num_decay_steps", Math.max(0, extra / 2));
                            kw.put("decay_type", shape.hfName());
                            kw.put("min_lr_ratio", f);
                            break;
                        case "cosine_with_restarts":
                            kw.put("num_cycles", 1 + extra % 7);
                            break;
                        default:
                            break;
                    }
                    return HuggingFaceSchedules.getScheduler(name, lr, w, total, kw);
                }));
    }

    /** FunctionSchedule with savable (JSON round-trippable) functions whose factor is finite and in [0, 1]. */
    public static Arbitrary<Attempt> function() {
        return Combinators.combine(types(), nonNegative(), Arbitraries.of(true, false))
                .as((type, init, which) -> attempt(() ->
                        new FunctionSchedule(type, init, which ? new SavableFactors.Halving() : new SavableFactors.Reciprocal())));
    }

    // ---- CosineWarmRestarts, OneCycle, OneCycleMomentum, Lambda (ScheduleValuePropertiesTest#compositeOfTabled) ----

    public static Arbitrary<Attempt> cosineWarmRestarts() {
        Arbitrary<Integer> mult = Arbitraries.oneOf(Arbitraries.of(1, 2, 3, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 10));
        Arbitrary<Integer> limit = Arbitraries.oneOf(Arbitraries.just(0), steps());
        Arbitrary<Double> decay = unit().filter(d -> d > 0);
        return Combinators.combine(types(), nonNegative(), unit(), steps(), mult, decay, limit, positive())
                .as((type, init, f, first, m, d, lim, k) -> attempt(() ->
                        new CosineWarmRestartsSchedule(type, init, below(init, f), first, m, d, lim, k)));
    }

    public static Arbitrary<Attempt> oneCycle() {
        Arbitrary<Double> pct = unit().filter(p -> p > 0 && p < 1);
        Arbitrary<Double> div = Arbitraries.oneOf(Arbitraries.of(Double.MIN_VALUE, 1e-300, 1.0, 25.0, 1e4, 1e300,
                Double.MAX_VALUE), positive());
        return Combinators.combine(types(), nonNegative(), steps(), pct, Arbitraries.of(AnnealStrategy.class), div, div,
                        Arbitraries.of(true, false))
                .as((type, max, total, p, strategy, d, fd, three) -> attempt(() ->
                        new OneCycleSchedule(type, max, total, warmupFraction(p, total), strategy, d, fd, three)));
    }

    public static Arbitrary<Attempt> oneCycleMomentum() {
        Arbitrary<Double> pct = unit().filter(p -> p > 0 && p < 1);
        return Combinators.combine(types(), steps(), pct, Arbitraries.of(AnnealStrategy.class),
                        Arbitraries.of(true, false), unit(), unit())
                .as((type, total, p, strategy, three, lo, hi) -> attempt(() ->
                        new OneCycleMomentumSchedule(type, total, warmupFraction(p, total), strategy, three, Math.min(lo, hi),
                                Math.max(lo, hi))));
    }

    /** pctStart {@code p}, raised (where totalSteps allows) so that the warm-up has a positive length. */
    private static double warmupFraction(double p, int totalSteps) {
        return totalSteps * p > 1 || totalSteps < 3 ? p : Math.min(Math.nextDown(1.0), p + 2.0 / totalSteps);
    }

    public static Arbitrary<Attempt> lambda() {
        Arbitrary<String> expressions = Arbitraries.of("1", "0.95^epoch", "1/(1+step)", "(1 + cos(step / 100)) / 2",
                "min(1, (iteration+1)/100)", "exp(-step/1000)", "0");
        return Combinators.combine(types(), nonNegative(), expressions)
                .as((type, init, e) -> attempt(() -> new LambdaSchedule(type, init, e)));
    }

    // ---- composites ----

    /** Every leaf generator of lrsched's own classes, by name (the key names the property). */
    public static Map<String, Arbitrary<Attempt>> ownLeaves() {
        Map<String, Arbitrary<Attempt>> m = new LinkedHashMap<>();
        m.put("Linear", linear());
        m.put("Polynomial", polynomial());
        m.put("PolynomialDecay", polynomialDecay());
        m.put("CosineAnnealing", cosineAnnealing());
        m.put("WarmupCosine", warmupCosine());
        m.put("WarmupCosineHardRestarts", warmupCosineHardRestarts());
        m.put("CosineDecayRestarts", cosineDecayRestarts());
        m.put("Cyclic", cyclic());
        m.put("ExponentialDecay", exponentialDecay());
        m.put("InverseTimeDecay", inverseTimeDecay());
        m.put("InverseSqrt", inverseSqrt());
        m.put("PiecewiseConstant", piecewiseConstant());
        m.put("WarmupStableDecay", warmupStableDecay());
        m.put("Function", function());
        m.put("SchedulesFactories", schedulesFactories());
        m.put("HuggingFace", huggingFace());
        return m;
    }

    /** The leaf generators of the warm restarts, one-cycle and Lambda classes. */
    public static Map<String, Arbitrary<Attempt>> tabledLeaves() {
        Map<String, Arbitrary<Attempt>> m = new LinkedHashMap<>();
        m.put("CosineWarmRestarts", cosineWarmRestarts());
        m.put("OneCycle", oneCycle());
        m.put("OneCycleMomentum", oneCycleMomentum());
        m.put("Lambda", lambda());
        return m;
    }

    /** Any valid leaf of the given generators. */
    public static Arbitrary<ISchedule> anyLeaf(Map<String, Arbitrary<Attempt>> leaves) {
        List<Arbitrary<? extends ISchedule>> all = new ArrayList<>();
        for (Arbitrary<Attempt> a : leaves.values()) {
            all.add(valid(a));
        }
        return Arbitraries.oneOf(all);
    }

    /** Strictly increasing boundaries from gaps (each > 0), starting at {@code gaps[0] - 1 + first}; saturating. */
    static int[] cumulative(int[] gaps, int first) {
        int[] b = new int[gaps.length];
        long acc = first - 1L;
        for (int i = 0; i < gaps.length; i++) {
            acc += Math.max(1, gaps[i]);
            b[i] = (int) Math.min(acc, Integer.MAX_VALUE - (long) (gaps.length - 1 - i));
        }
        return b;
    }
}
