package dev.lrsched.listeners;

/**
 * How the LR range test ({@code LearningRateFinder}) moves the learning rate from {@code startValue} to {@code endValue}
 * (torch-lr-finder's {@code step_mode}).
 */
public enum Sweep {
    /** Geometric spacing (torch-lr-finder {@code step_mode="exp"}, fastai's default). */
    EXPONENTIAL,
    /** Arithmetic spacing (torch-lr-finder {@code step_mode="linear"}). */
    LINEAR;

    /**
     * The learning rate of step {@code step} (0-based) of a sweep over {@code numIterations}
     * steps; steps past the end hold {@code end}.
     */
    public double learningRate(double start, double end, long step, int numIterations) {
        if (step <= 0) {
            return start;
        }
        if (step >= numIterations - 1L) {
            return end;
        }
        double r = (double) step / (numIterations - 1);
        return this == EXPONENTIAL ? start * Math.pow(end / start, r) : start + (end - start) * r;
    }
}
