package dev.lrsched.schedules;

/**
 * Interpolation shape between two values over a phase of a {@link OneCycleSchedule}, the
 * {@code anneal_strategy} argument of PyTorch {@code OneCycleLR}. {@code pct} runs from 0 to 1 over the phase.
 */
public enum AnnealStrategy {
    /** torch {@code "cos"}: {@code end + (start - end) / 2 * (cos(pi * pct) + 1)}. */
    COS {
        @Override
        double anneal(double start, double end, double pct) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
    },
    /** torch {@code "linear"}: {@code (end - start) * pct + start}. */
    LINEAR {
        @Override
        double anneal(double start, double end, double pct) {
            return (end - start) * pct + start;
        }
    };

    /** Same operations in the same order as torch, so results are bit-identical. */
    abstract double anneal(double start, double end, double pct);
}
