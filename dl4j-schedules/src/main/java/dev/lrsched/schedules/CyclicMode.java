package dev.lrsched.schedules;

/**
 * Amplitude policy of a {@link CyclicSchedule}, the {@code mode} argument of PyTorch {@code CyclicLR}.
 */
public enum CyclicMode {
    /** torch {@code mode="triangular"}: every cycle has the full amplitude {@code maxValue - baseValue}. */
    TRIANGULAR,
    /** torch {@code mode="triangular2"}: the amplitude halves each cycle, {@code 1 / 2^(cycle - 1)}. */
    TRIANGULAR2,
    /** torch {@code mode="exp_range"}: the amplitude is scaled by {@code gamma^t}, {@code t} the counter. */
    EXP_RANGE
}
