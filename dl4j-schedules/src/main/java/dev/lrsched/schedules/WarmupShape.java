package dev.lrsched.schedules;

/**
 * How {@link WarmupSchedule} rises from {@code warmupStartValue} (start) to the wrapped schedule's
 * first value (target) over {@code warmupSteps} steps, with {@code f = t / warmupSteps} in {@code [0, 1)}.
 *
 * <p>The constant names are persisted in saved models' JSON: never rename them.
 */
public enum WarmupShape {

    /**
     * {@code start + (target - start) * f}: Hugging Face {@code get_constant_schedule_with_warmup} /
     * {@code get_linear_schedule_with_warmup} (with start 0), Keras {@code CosineDecay} warmup phase.
     */
    LINEAR,

    /** {@code start + (target - start) * (1 - cos(pi * f)) / 2}: a smooth S-curve, flat at both ends. */
    COSINE,

    /**
     * {@code start * (target / start)^f}: geometric interpolation, a straight line on a log axis;
     * requires {@code warmupStartValue > 0}. A target of 0 gives 0 for every {@code f > 0}.
     */
    EXPONENTIAL
}
