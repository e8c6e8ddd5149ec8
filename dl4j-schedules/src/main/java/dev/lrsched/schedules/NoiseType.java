package dev.lrsched.schedules;

/**
 * The distribution of {@link NoisySchedule}'s relative noise, timm's {@code noise_type}.
 *
 * <p>The constant names are persisted in saved models' JSON: never rename them.
 */
public enum NoiseType {

    /**
     * timm {@code 'normal'}: a normal deviate with standard deviation {@code noiseStd}, truncated to
     * {@code (-noisePct, noisePct)} (timm redraws until the deviate falls inside; lrsched draws the same
     * truncated distribution in one step through its inverse distribution function).
     */
    NORMAL,

    /** timm's other {@code noise_type}: uniform on {@code [-noisePct, noisePct)}. */
    UNIFORM
}
