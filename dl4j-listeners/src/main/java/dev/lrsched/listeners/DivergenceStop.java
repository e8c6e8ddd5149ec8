package dev.lrsched.listeners;

/**
 * The range test's smoothing and its two divergence stops, fed one loss per step (see
 * {@link LearningRateFinder} for the formulas): {@code smoothed > divergenceThreshold x best}
 * (torch-lr-finder, Lightning, fastai) and, from step {@code k} on,
 * {@code smoothed > startLossThreshold x start}, where {@code start} is the mean raw loss of the
 * first {@code k = max(1, min(10, numIterations / 4))} steps. Mutable, one per run.
 */
final class DivergenceStop {

    private final double smoothing;
    private final double divergenceThreshold;
    private final double startLossThreshold;
    private final int startSteps;
    private int steps;
    private double smoothed = Double.NaN;
    private double best = Double.NaN;
    private double startSum;
    private double start = Double.NaN;

    DivergenceStop(double smoothing, double divergenceThreshold, double startLossThreshold, int numIterations) {
        this.smoothing = smoothing;
        this.divergenceThreshold = divergenceThreshold;
        this.startLossThreshold = startLossThreshold;
        this.startSteps = Math.max(1, LearningRateFinderResult.defaultSkipStart(numIterations));
    }

    /** Records a finite loss and returns its smoothed value. */
    double add(double loss) {
        smoothed = (steps == 0 || smoothing == 0) ? loss : smoothing * loss + (1 - smoothing) * smoothed;
        if (steps == 0 || smoothed < best) {
            best = smoothed;
        }
        if (steps < startSteps) {
            startSum += loss;
            if (steps == startSteps - 1) {
                start = startSum / startSteps;
            }
        }
        steps++;
        return smoothed;
    }

    /** Why the last added step ({@code step}, at learning rate {@code lr}) diverged, or null if it did not. */
    String divergence(int step, double lr) {
        if (smoothed > divergenceThreshold * best) {
            return "smoothed loss " + smoothed + " exceeded " + divergenceThreshold + " x best " + best
                    + " at iteration " + step + " (lr=" + lr + ")";
        }
        if (steps > startSteps && smoothed > startLossThreshold * start) {
            return "smoothed loss " + smoothed + " exceeded " + startLossThreshold + " x the starting loss " + start
                    + " (mean of the first " + startSteps + ") at iteration " + step + " (lr=" + lr + ")";
        }
        return null;
    }
}
