package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Hugging Face {@code transformers.get_scheduler} for DL4J: every {@code SchedulerType} name, with HF's
 * own argument names, mapped to the lrsched schedule that reproduces it. HF steps the scheduler once per
 * optimizer step, so every schedule returned here reads {@link ScheduleType#ITERATION}.
 *
 * <pre>{@code
 * // HF: get_scheduler("cosine_with_min_lr", optimizer(lr=3e-4), num_warmup_steps=500,
 * //                   num_training_steps=10_000, scheduler_specific_kwargs={"min_lr_rate": 0.1})
 * ISchedule lr = HuggingFaceSchedules.getScheduler("cosine_with_min_lr", 3e-4, 500, 10_000,
 *         Map.of("min_lr_rate", 0.1));
 * }</pre>
 *
 * <table>
 *   <caption>name: HF function, lrsched schedule ({@code lr}, {@code W = num_warmup_steps},
 *   {@code T = num_training_steps})</caption>
 *   <tr><td>{@code linear}</td><td>{@code get_linear_schedule_with_warmup}: {@link WarmupSchedule} (linear from
 *       0) around {@code LinearSchedule(lr, 1, 0, T - W)}; {@code W = 0}: the {@code LinearSchedule}</td></tr>
 *   <tr><td>{@code cosine}</td><td>{@code get_cosine_schedule_with_warmup}: {@code WarmupCosineSchedule(0, lr,
 *       0, W, T, EXTRAPOLATE)}; {@code num_cycles} must be 0.5 (its default)</td></tr>
 *   <tr><td>{@code cosine_with_restarts}</td><td>{@code get_cosine_with_hard_restarts_schedule_with_warmup}:
 *       {@link WarmupCosineHardRestartsSchedule}; {@code num_cycles} (default 1) an integer</td></tr>
 *   <tr><td>{@code polynomial}</td><td>{@code get_polynomial_decay_schedule_with_warmup}: {@code WarmupSchedule}
 *       around {@code PolynomialSchedule(lr, lr_end, power, T - W)}; {@code lr_end} (default 1e-7) must be
 *       {@code < lr}, {@code power} default 1</td></tr>
 *   <tr><td>{@code constant}</td><td>{@code get_constant_schedule}: ND4J {@code FixedSchedule(lr)}</td></tr>
 *   <tr><td>{@code constant_with_warmup}</td><td>{@code get_constant_schedule_with_warmup}:
 *       {@code WarmupSchedule} around {@code FixedSchedule(lr)}</td></tr>
 *   <tr><td>{@code inverse_sqrt}</td><td>{@code get_inverse_sqrt_schedule}: {@link InverseSqrtSchedule};
 *       {@code timescale} (default {@code W}, or 10 000 when {@code W = 0}). HF's {@code get_scheduler}
 *       silently drops a {@code timescale} in {@code scheduler_specific_kwargs}; lrsched applies it</td></tr>
 *   <tr><td>{@code reduce_lr_on_plateau}</td><td>not a function of the step: rejected with a pointer to
 *       {@code dev.lrsched.listeners.ReduceLROnPlateauListener} (module dl4j-listeners)</td></tr>
 *   <tr><td>{@code cosine_with_min_lr}</td><td>{@code get_cosine_with_min_lr_schedule_with_warmup}:
 *       {@code WarmupCosineSchedule(0, lr, min, W, T, EXTRAPOLATE)}; exactly one of {@code min_lr},
 *       {@code min_lr_rate} ({@code min = min_lr_rate * lr})</td></tr>
 *   <tr><td>{@code cosine_warmup_with_min_lr}</td><td>{@code get_cosine_with_min_lr_schedule_with_warmup_lr_rate}:
 *       HF's warmup and cosine run one step ahead ({@code (t + 1) / W}, progress {@code (t - W + 1) / (T - W)}),
 *       which is {@code WarmupCosineSchedule(start, lr, min, W - 1, T - 1, EXTRAPOLATE)} with
 *       {@code start = warmup_lr_rate * lr} (default {@code lr / W}); needs {@code W >= 2}, or {@code W = 1}
 *       without {@code warmup_lr_rate}</td></tr>
 *   <tr><td>{@code warmup_stable_decay}</td><td>{@code get_wsd_schedule}: {@link WarmupStableDecaySchedule};
 *       {@code num_decay_steps} required, {@code num_stable_steps} (default {@code T - W - num_decay_steps}),
 *       {@code warmup_type}, {@code decay_type}, {@code min_lr_ratio}, {@code num_cycles}</td></tr>
 * </table>
 *
 * <p>Every returned schedule matches HF's lambda times {@code lr} at every step, including after
 * {@code T} (HF's cosines keep following the cosine there, hence {@code EXTRAPOLATE}), to rounding: near
 * 2<sup>32</sup> steps HF's own cosine argument (about 1e9 radians) carries an error of about 1e-7. Where HF silently
 * accepts something meaningless, this factory rejects it with an {@link IllegalArgumentException} naming
 * the HF argument: an unknown or mismatched key in {@code scheduler_specific_kwargs} (HF raises a
 * {@code TypeError} for most, ignores them for {@code constant}, {@code constant_with_warmup} and
 * {@code inverse_sqrt}), {@code num_training_steps <= num_warmup_steps}, a negative count.
 */
public final class HuggingFaceSchedules {

    /** HF's {@code SchedulerType} values, in HF's order. */
    public static final List<String> SCHEDULER_NAMES = List.of("linear", "cosine", "cosine_with_restarts",
            "polynomial", "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau",
            "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay");

    private static final ScheduleType IT = ScheduleType.ITERATION;

    private HuggingFaceSchedules() {
    }

    /** {@link #getScheduler(String, double, Integer, Integer, Map)} without {@code scheduler_specific_kwargs}. */
    public static ISchedule getScheduler(String name, double learningRate, Integer numWarmupSteps,
                                         Integer numTrainingSteps) {
        return getScheduler(name, learningRate, numWarmupSteps, numTrainingSteps, Collections.emptyMap());
    }

    /**
     * HF {@code get_scheduler(name, optimizer, num_warmup_steps, num_training_steps, scheduler_specific_kwargs)}.
     *
     * @param name                     a {@code SchedulerType} value, e.g. {@code "cosine"} (see
     *                                 {@link #SCHEDULER_NAMES})
     * @param learningRate             the optimizer's {@code lr}; finite, {@code >= 0}
     * @param numWarmupSteps           HF {@code num_warmup_steps}; {@code null} only for {@code constant}
     * @param numTrainingSteps         HF {@code num_training_steps}; {@code null} for {@code constant},
     *                                 {@code constant_with_warmup}, {@code inverse_sqrt}, and for
     *                                 {@code warmup_stable_decay} with {@code num_stable_steps}
     * @param schedulerSpecificKwargs  HF {@code scheduler_specific_kwargs} (numbers as {@link Number}, types as
     *                                 {@link String}); {@code null} means none
     * @throws IllegalArgumentException naming the HF argument, the value and the allowed range
     */
    public static ISchedule getScheduler(String name, double learningRate, Integer numWarmupSteps,
                                         Integer numTrainingSteps, Map<String, ?> schedulerSpecificKwargs) {
        Checks.notNull("name", name);
        Checks.check(SCHEDULER_NAMES.contains(name), "name must be one of " + SCHEDULER_NAMES + ", got '" + name + "'");
        double lr = Checks.nonNegative("learningRate", learningRate);
        Kwargs kw = new Kwargs(name, schedulerSpecificKwargs == null ? Collections.emptyMap() : schedulerSpecificKwargs);
        switch (name) {
            case "constant":
                kw.allow();
                return new FixedSchedule(lr);
            case "reduce_lr_on_plateau":
                throw new IllegalArgumentException("'reduce_lr_on_plateau' is not a schedule of the step counter: use a"
                        + " constant learning rate (or any schedule) with dev.lrsched.listeners.ReduceLROnPlateauListener"
                        + " from the dl4j-listeners module, which reduces it when a metric stops improving");
            default:
                break;
        }
        int w = nonNegative("num_warmup_steps", require(name, "num_warmup_steps", numWarmupSteps));
        switch (name) {
            case "constant_with_warmup":
                kw.allow();
                return warmupFromZero(w, new FixedSchedule(lr));
            case "inverse_sqrt":
                kw.allow("timescale");
                return new InverseSqrtSchedule(IT, lr, w, kw.integer("timescale", w > 0 ? w : 10_000));
            case "warmup_stable_decay":
                return warmupStableDecay(lr, w, numTrainingSteps, kw);
            default:
                break;
        }
        int t = require(name, "num_training_steps", numTrainingSteps);
        Checks.check(t > w, "num_training_steps must be > num_warmup_steps (" + w + ") for '" + name + "', got " + t);
        switch (name) {
            case "linear":
                kw.allow();
                return warmupFromZero(w, new LinearSchedule(IT, lr, 1.0, 0.0, t - w));
            case "cosine":
                kw.allow("num_cycles");
                kw.halfCycle();
                return new WarmupCosineSchedule(IT, 0.0, lr, 0.0, w, t, AfterEnd.EXTRAPOLATE);
            case "cosine_with_restarts":
                kw.allow("num_cycles");
                return new WarmupCosineHardRestartsSchedule(IT, lr, w, t, kw.integer("num_cycles", 1));
            case "polynomial": {
                kw.allow("lr_end", "power");
                double lrEnd = kw.number("lr_end", 1e-7);
                Checks.check(lr > lrEnd, "lr_end (" + lrEnd + ") must be smaller than initial lr (" + lr + ")");
                return warmupFromZero(w, new PolynomialSchedule(IT, lr, lrEnd, kw.number("power", 1.0), t - w));
            }
            case "cosine_with_min_lr":
                kw.allow("num_cycles", "min_lr", "min_lr_rate");
                kw.halfCycle();
                return new WarmupCosineSchedule(IT, 0.0, lr, kw.minLr(lr), w, t, AfterEnd.EXTRAPOLATE);
            case "cosine_warmup_with_min_lr":
                return cosineWarmupWithMinLr(lr, w, t, kw);
            default:
                throw new IllegalStateException(name); // unreachable: every name is handled above
        }
    }

    private static ISchedule warmupFromZero(int warmupSteps, ISchedule schedule) {
        return warmupSteps == 0 ? schedule : WarmupSchedule.linear(IT, warmupSteps, 0.0, schedule);
    }

    private static ISchedule cosineWarmupWithMinLr(double lr, int w, int t, Kwargs kw) {
        kw.allow("num_cycles", "min_lr", "min_lr_rate", "warmup_lr_rate");
        kw.halfCycle();
        double min = kw.minLr(lr);
        boolean hasRate = kw.has("warmup_lr_rate");
        Checks.check(w >= 2 || (w == 1 && !hasRate), "num_warmup_steps must be >= 2 for 'cosine_warmup_with_min_lr'"
                + (w == 1 ? " with warmup_lr_rate" : "") + " (its cosine starts one step early), got " + w);
        double start = hasRate ? Checks.inClosedRange("warmup_lr_rate", kw.number("warmup_lr_rate", 0.0), 0.0, 1.0) * lr
                : lr / w;
        return new WarmupCosineSchedule(IT, start, lr, min, w - 1, t - 1, AfterEnd.EXTRAPOLATE);
    }

    private static ISchedule warmupStableDecay(double lr, int w, Integer numTrainingSteps, Kwargs kw) {
        kw.allow("num_decay_steps", "num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio", "num_cycles");
        Checks.check(kw.has("num_decay_steps"), "'warmup_stable_decay' requires num_decay_steps in"
                + " scheduler_specific_kwargs");
        int d = nonNegative("num_decay_steps", kw.integer("num_decay_steps", 0));
        int s;
        if (kw.has("num_stable_steps")) {
            s = nonNegative("num_stable_steps", kw.integer("num_stable_steps", 0)); // HF: wins over num_training_steps
        } else {
            Checks.check(numTrainingSteps != null, "Either num_training_steps or num_stable_steps must be specified.");
            long stable = (long) numTrainingSteps - w - d;
            Checks.check(stable >= 0, "num_training_steps - num_warmup_steps - num_decay_steps must be >= 0, got "
                    + numTrainingSteps + " - " + w + " - " + d + " = " + stable);
            s = (int) stable;
        }
        return new WarmupStableDecaySchedule(IT, lr, w, s, d,
                WsdShape.fromHfName("warmup_type", kw.string("warmup_type", "linear")),
                WsdShape.fromHfName("decay_type", kw.string("decay_type", "cosine")),
                kw.number("min_lr_ratio", 0.0), kw.number("num_cycles", 0.5));
    }

    private static int require(String name, String argument, Integer value) {
        Checks.check(value != null, "'" + name + "' requires " + argument + ", please provide that argument");
        return value;
    }

    private static int nonNegative(String argument, int value) {
        return Checks.nonNegative(argument, value);
    }

    /** Typed, checked access to {@code scheduler_specific_kwargs}. */
    private static final class Kwargs {
        private final String name;
        private final Map<String, ?> values;

        Kwargs(String name, Map<String, ?> values) {
            this.name = name;
            this.values = values;
        }

        /** Rejects every key not in {@code allowed}. */
        void allow(String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (String key : new TreeSet<>(values.keySet())) {
                Checks.check(ok.contains(key), "scheduler_specific_kwargs for '" + name + "' may contain only "
                        + new TreeSet<>(ok) + ", got '" + key + "'");
            }
        }

        boolean has(String key) {
            return values.get(key) != null;
        }

        double number(String key, double defaultValue) {
            Object v = values.get(key);
            if (v == null) {
                return defaultValue;
            }
            Checks.check(v instanceof Number, key + " must be a number, got " + v.getClass().getSimpleName() + " " + v);
            return Checks.finite(key, ((Number) v).doubleValue());
        }

        int integer(String key, int defaultValue) {
            double v = number(key, defaultValue);
            Checks.check(v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE,
                    key + " must be an integer for '" + name + "', got " + values.get(key));
            return (int) v;
        }

        String string(String key, String defaultValue) {
            Object v = values.get(key);
            if (v == null) {
                return defaultValue;
            }
            Checks.check(v instanceof String, key + " must be a string, got " + v.getClass().getSimpleName() + " " + v);
            return (String) v;
        }

        /** HF's num_cycles for the half-cosine schedules: only its default is provided. */
        void halfCycle() {
            double cycles = number("num_cycles", 0.5);
            Checks.check(cycles == 0.5, "num_cycles must be 0.5 for '" + name + "' (other values are not provided),"
                    + " got " + cycles);
        }

        /** HF: exactly one of min_lr and min_lr_rate; the minimum learning rate. */
        double minLr(double lr) {
            boolean hasMin = has("min_lr");
            boolean hasRate = has("min_lr_rate");
            Checks.check(!(hasMin && hasRate), "Only one of min_lr or min_lr_rate should be set");
            Checks.check(hasMin || hasRate, "One of min_lr or min_lr_rate should be set through the"
                    + " scheduler_specific_kwargs");
            return hasMin ? Checks.inClosedRange("min_lr", number("min_lr", 0.0), 0.0, lr)
                    : Checks.inClosedRange("min_lr_rate", number("min_lr_rate", 0.0), 0.0, 1.0) * lr;
        }
    }
}
