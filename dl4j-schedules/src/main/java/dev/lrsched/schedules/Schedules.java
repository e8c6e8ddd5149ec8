package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Static factories for every lrsched schedule, named after the PyTorch / Hugging Face / Keras
 * schedule they reproduce: start typing {@code Schedules.} and pick one.
 *
 * <p>Every factory takes the {@link ScheduleType} first: {@code ITERATION} (the network's global
 * iteration count, i.e. torch's "step the scheduler every batch" and Hugging Face's steps) or
 * {@code EPOCH} (torch's "step the scheduler every epoch"). The result is an immutable
 * {@link ISchedule} to hand to any DL4J updater, momentum or dropout setting:
 *
 * <pre>{@code
 * new Adam(Schedules.warmupCosine(ScheduleType.ITERATION, 1e-3, 500, 10_000))
 * }</pre>
 *
 * <p>Arguments are validated by the constructed classes: an {@code IllegalArgumentException} names
 * the parameter, the value and the allowed range.
 */
public final class Schedules {

    private Schedules() {
    }

    /** A constant value (ND4J {@link FixedSchedule}; torch {@code ConstantLR} with factor 1). */
    public static ISchedule constant(double value) {
        Checks.nonNegative("value", value);
        return new FixedSchedule(value);
    }

    /**
     * Cosine annealing to {@code minValue} over {@code period} steps, then constant: torch
     * {@code CosineAnnealingLR(T_max=period, eta_min=minValue)}, Keras {@code CosineDecay}.
     *
     * @see CosineAnnealingSchedule
     */
    public static CosineAnnealingSchedule cosine(ScheduleType type, double initialValue, double minValue, int period) {
        return new CosineAnnealingSchedule(type, initialValue, minValue, period);
    }

    /**
     * SGDR warm restarts: torch {@code CosineAnnealingWarmRestarts(T_0=firstPeriod, T_mult=periodMultiplier,
     * eta_min=minValue)}.
     *
     * @see CosineWarmRestartsSchedule
     */
    public static CosineWarmRestartsSchedule cosineWarmRestarts(ScheduleType type, double initialValue, double minValue,
                                                                int firstPeriod, int periodMultiplier) {
        return CosineWarmRestartsSchedule.of(type, initialValue, minValue, firstPeriod, periodMultiplier);
    }

    /**
     * Linear warmup from 0 to {@code peakValue} over {@code warmupSteps}, then cosine decay to 0 at
     * {@code totalSteps}: Hugging Face {@code get_cosine_schedule_with_warmup(optimizer(lr=peakValue),
     * num_warmup_steps=warmupSteps, num_training_steps=totalSteps)}.
     *
     * @see WarmupCosineSchedule
     */
    public static WarmupCosineSchedule warmupCosine(ScheduleType type, double peakValue, int warmupSteps, int totalSteps) {
        return new WarmupCosineSchedule(type, 0.0, peakValue, 0.0, warmupSteps, totalSteps);
    }

    /**
     * Linear warmup from {@code warmupStartValue} to {@code peakValue}, cosine decay to {@code minValue}
     * at {@code totalSteps}: Keras {@code CosineDecay(initial_learning_rate=warmupStartValue,
     * warmup_target=peakValue, warmup_steps, decay_steps=totalSteps - warmupSteps, alpha=minValue/peakValue)},
     * HF {@code get_cosine_with_min_lr_schedule_with_warmup(min_lr=minValue)} when the start is 0.
     *
     * @see WarmupCosineSchedule
     */
    public static WarmupCosineSchedule warmupCosine(ScheduleType type, double warmupStartValue, double peakValue,
                                                    double minValue, int warmupSteps, int totalSteps) {
        return new WarmupCosineSchedule(type, warmupStartValue, peakValue, minValue, warmupSteps, totalSteps);
    }

    /**
     * Linear warmup from 0 to {@code peakValue} over {@code warmupSteps}, then linear decay to 0 at
     * {@code totalSteps}: Hugging Face {@code get_linear_schedule_with_warmup}.
     */
    public static WarmupSchedule warmupLinear(ScheduleType type, double peakValue, int warmupSteps, int totalSteps) {
        Checks.check(totalSteps > warmupSteps,
                "totalSteps must be > warmupSteps (" + warmupSteps + "), got " + totalSteps);
        return WarmupSchedule.linear(type, warmupSteps, 0.0,
                new LinearSchedule(type, peakValue, 1.0, 0.0, totalSteps - warmupSteps));
    }

    /**
     * Linear warmup from {@code warmupStartValue} to whatever {@code schedule} starts at, then
     * {@code schedule} from its own step 0 (Hugging Face {@code get_constant_schedule_with_warmup} when
     * {@code schedule} is constant and the start is 0).
     *
     * @see WarmupSchedule
     */
    public static WarmupSchedule warmup(ScheduleType type, int warmupSteps, double warmupStartValue, ISchedule schedule) {
        return WarmupSchedule.linear(type, warmupSteps, warmupStartValue, schedule);
    }

    /**
     * Warmup-Stable-Decay (Hugging Face {@code get_wsd_schedule} with {@code warmup_type="linear"},
     * {@code min_lr_ratio = minValue / peakValue}): linear warmup from {@code minValue} to {@code peakValue}
     * over {@code warmupSteps}, {@code peakValue} for {@code stableSteps}, then a decay to {@code minValue}
     * over {@code decaySteps} ({@code COS}: HF {@code decay_type="cosine"}, {@code LINEAR}: {@code "linear"}),
     * then {@code minValue}. Built from {@link SequentialSchedule}, so it serializes like any other.
     *
     * @param warmupSteps {@code >= 0}; 0 skips the warmup phase
     * @param stableSteps {@code >= 0}; 0 skips the stable phase
     * @param decaySteps  {@code > 0}
     */
    public static SequentialSchedule warmupStableDecay(ScheduleType type, double peakValue, double minValue,
                                                       int warmupSteps, int stableSteps, int decaySteps,
                                                       AnnealStrategy decayShape) {
        Checks.nonNegative("peakValue", peakValue);
        Checks.inClosedRange("minValue", minValue, 0.0, peakValue);
        Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.nonNegative("stableSteps", stableSteps);
        Checks.positive("decaySteps", decaySteps);
        Checks.notNull("decayShape", decayShape);
        Checks.check((long) warmupSteps + stableSteps + decaySteps <= Integer.MAX_VALUE,
                "warmupSteps + stableSteps + decaySteps must be <= " + Integer.MAX_VALUE + ", got "
                        + ((long) warmupSteps + stableSteps + decaySteps));
        double ratio = peakValue == 0.0 ? 1.0 : minValue / peakValue;
        List<ISchedule> phases = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>();
        int at = 0;
        if (warmupSteps > 0) {
            phases.add(new LinearSchedule(type, peakValue, ratio, 1.0, warmupSteps));
            at += warmupSteps;
        }
        if (stableSteps > 0) {
            if (at > 0) {
                bounds.add(at);
            }
            phases.add(new FixedSchedule(peakValue));
            at += stableSteps;
        }
        if (at > 0) {
            bounds.add(at);
        }
        phases.add(decayShape == AnnealStrategy.COS
                ? new CosineAnnealingSchedule(type, peakValue, minValue, decaySteps)
                : new LinearSchedule(type, peakValue, 1.0, ratio, decaySteps));
        return new SequentialSchedule(type, phases, bounds.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * torch {@code OneCycleLR(max_lr=maxValue, total_steps=totalSteps)} with torch's defaults
     * ({@code pct_start=0.3, anneal_strategy='cos', div_factor=25, final_div_factor=1e4}); use
     * {@link OneCycleSchedule#builder(double, int)} to change them.
     */
    public static OneCycleSchedule oneCycle(ScheduleType type, double maxValue, int totalSteps) {
        return OneCycleSchedule.builder(maxValue, totalSteps).scheduleType(type).build();
    }

    /**
     * torch {@code CyclicLR(base_lr, max_lr, step_size_up=stepSize, mode='triangular')}.
     *
     * @see CyclicSchedule
     */
    public static CyclicSchedule cyclic(ScheduleType type, double baseValue, double maxValue, int stepSize) {
        return CyclicSchedule.triangular(type, baseValue, maxValue, stepSize);
    }

    /**
     * torch {@code LinearLR(start_factor, end_factor, total_iters)} on a base value.
     *
     * @see LinearSchedule
     */
    public static LinearSchedule linear(ScheduleType type, double initialValue, double startFactor, double endFactor,
                                        int totalIters) {
        return new LinearSchedule(type, initialValue, startFactor, endFactor, totalIters);
    }

    /**
     * torch {@code PolynomialLR(total_iters=totalSteps, power)} ({@code endValue = 0}) and HF polynomial
     * decay ({@code lr_end = endValue}).
     *
     * @see PolynomialSchedule
     */
    public static PolynomialSchedule polynomial(ScheduleType type, double initialValue, double endValue, double power,
                                                int totalSteps) {
        return new PolynomialSchedule(type, initialValue, endValue, power, totalSteps);
    }

    /**
     * torch {@code LambdaLR(lr_lambda)} with the lambda written as a math expression over
     * {@code iteration}, {@code epoch} and {@code step}, e.g. {@code "1 / (1 + 0.01 * epoch)"}.
     *
     * @see LambdaSchedule
     */
    public static LambdaSchedule lambda(ScheduleType type, double initialValue, String expression) {
        return new LambdaSchedule(type, initialValue, expression);
    }

    /**
     * torch {@code SequentialLR(schedulers, milestones=boundaries)}: phase k runs
     * {@code schedules[k]} from its own step 0.
     *
     * @see SequentialSchedule
     */
    public static SequentialSchedule sequential(ScheduleType type, List<ISchedule> schedules, int... boundaries) {
        return new SequentialSchedule(type, schedules, boundaries);
    }

    /**
     * torch {@code StepLR(step_size, gamma)}: {@code initialValue * gamma^floor(t / stepSize)} (ND4J
     * {@link StepSchedule}).
     *
     * @param gamma in [0, 1]: a decay (torch also accepts gamma &gt; 1, which grows until the value overflows
     *              to Infinity; lrsched rejects it)
     */
    public static ISchedule step(ScheduleType type, double initialValue, double gamma, int stepSize) {
        Checks.nonNegative("initialValue", initialValue);
        Checks.inClosedRange("gamma", gamma, 0.0, 1.0);
        Checks.positive("stepSize", stepSize);
        return new StepSchedule(type, initialValue, gamma, stepSize);
    }

    /**
     * torch {@code MultiStepLR(milestones, gamma)}: {@code initialValue * gamma^(number of milestones <= t)}.
     * Built as a {@link SequentialSchedule} of constants (ND4J's {@code MapSchedule} boxes on every call
     * and fails on wrapped counters).
     *
     * @param milestones strictly increasing, each {@code > 0}
     * @param gamma in [0, 1]: a decay (torch also accepts gamma &gt; 1, which grows until the value overflows
     *              to Infinity; lrsched rejects it)
     */
    public static SequentialSchedule multiStep(ScheduleType type, double initialValue, double gamma, int... milestones) {
        Checks.nonNegative("initialValue", initialValue);
        Checks.inClosedRange("gamma", gamma, 0.0, 1.0);
        Checks.notNull("milestones", milestones);
        for (int i = 0; i < milestones.length; i++) {
            int previous = i == 0 ? 0 : milestones[i - 1];
            Checks.check(milestones[i] > previous, "milestones must be strictly increasing and > 0, got milestones["
                    + i + "]=" + milestones[i] + (i == 0 ? "" : " after " + previous));
        }
        List<ISchedule> phases = new ArrayList<>();
        double v = initialValue;
        phases.add(new FixedSchedule(v));
        for (int i = 0; i < milestones.length; i++) {
            v *= gamma;
            phases.add(new FixedSchedule(v));
        }
        return new SequentialSchedule(type, phases, milestones.clone());
    }

    /**
     * torch {@code ExponentialLR(gamma)}: {@code initialValue * gamma^t} (ND4J {@link ExponentialSchedule}).
     *
     * @param gamma in [0, 1]: a decay (torch also accepts gamma &gt; 1, which grows until the value overflows
     *              to Infinity; lrsched rejects it)
     */
    public static ISchedule exponential(ScheduleType type, double initialValue, double gamma) {
        Checks.nonNegative("initialValue", initialValue);
        Checks.inClosedRange("gamma", gamma, 0.0, 1.0);
        return new ExponentialSchedule(type, initialValue, gamma);
    }

    /**
     * {@code schedule} started at counter {@code start} instead of 0: for a schedule installed on a network
     * that has already trained (DL4J's counters are global and survive {@code ModelSerializer}, so a fresh
     * cosine installed at iteration 5000 would otherwise begin 5000 steps in). Before {@code start} it holds
     * the schedule's first value. A {@link SequentialSchedule} of that constant and {@code schedule}, so it
     * serializes like any other.
     *
     * <pre>{@code
     * net.setLearningRate(Schedules.startingAt(ScheduleType.ITERATION, net.getIterationCount(),
     *         Schedules.cosine(ScheduleType.ITERATION, 1e-3, 1e-5, 2_000)));
     * }</pre>
     *
     * @param start the counter (selected by {@code type}) at which {@code schedule} sees step 0; {@code >= 0}
     */
    public static ISchedule startingAt(ScheduleType type, int start, ISchedule schedule) {
        Checks.notNull("type", type);
        Checks.nonNegative("start", start);
        Checks.notNull("schedule", schedule);
        if (start == 0) {
            return schedule;
        }
        double first = Checks.nonNegative("schedule value at step 0", schedule.valueAt(0, 0));
        return SequentialSchedule.of(type, new FixedSchedule(first), start, schedule);
    }

    /** {@code schedule} multiplied by {@code factor}. @see ScaledSchedule */
    public static ScaledSchedule scaled(ISchedule schedule, double factor) {
        return new ScaledSchedule(schedule, factor);
    }

    // ---- Hugging Face and Keras names (every HF get_scheduler name: HuggingFaceSchedules.getScheduler) ----

    /** HF {@code get_inverse_sqrt_schedule(num_warmup_steps=warmupSteps)}, default timescale. @see InverseSqrtSchedule */
    public static InverseSqrtSchedule inverseSqrt(ScheduleType type, double initialValue, int warmupSteps) {
        return InverseSqrtSchedule.of(type, initialValue, warmupSteps);
    }

    /** Keras {@code ExponentialDecay(initialValue, decaySteps, decayRate, staircase)}. @see ExponentialDecaySchedule */
    public static ExponentialDecaySchedule exponentialDecay(ScheduleType type, double initialValue, int decaySteps,
                                                            double decayRate, boolean staircase) {
        return new ExponentialDecaySchedule(type, initialValue, decaySteps, decayRate, staircase);
    }

    /** Keras {@code InverseTimeDecay(initialValue, decaySteps, decayRate, staircase)}. @see InverseTimeDecaySchedule */
    public static InverseTimeDecaySchedule inverseTimeDecay(ScheduleType type, double initialValue, int decaySteps,
                                                            double decayRate, boolean staircase) {
        return new InverseTimeDecaySchedule(type, initialValue, decaySteps, decayRate, staircase);
    }

    /** Keras {@code PiecewiseConstantDecay(boundaries, values)} (inclusive boundaries). @see PiecewiseConstantSchedule */
    public static PiecewiseConstantSchedule piecewiseConstant(ScheduleType type, int[] boundaries, double... values) {
        return new PiecewiseConstantSchedule(type, boundaries, values);
    }

    /** Keras {@code CosineDecayRestarts(initialValue, firstDecaySteps, tMul, mMul, alpha)}. @see CosineDecayRestartsSchedule */
    public static CosineDecayRestartsSchedule cosineDecayRestarts(ScheduleType type, double initialValue,
                                                                  int firstDecaySteps, double tMul, double mMul,
                                                                  double alpha) {
        return new CosineDecayRestartsSchedule(type, initialValue, firstDecaySteps, tMul, mMul, alpha);
    }
}
