package dev.lrsched.listeners.plateau;

import java.util.Objects;

/**
 * One evaluation of a {@link PlateauController}: what the metric was, the best so far, whether the learning rate
 * was reduced and what it is now. Front ends keep one per evaluation in their history; subscribers get each one
 * ({@link PlateauController#onStep}).
 */
public final class PlateauStep {
    private final long evaluation;
    private final int epoch;
    private final int iteration;
    private final double metric;
    private final double best;
    private final Double learningRate;
    private final boolean reduced;

    /**
     * @param evaluation   1-based index, counting restored evaluations
     * @param epoch        the network's epoch counter at the evaluation
     * @param iteration    the network's iteration counter at the evaluation
     * @param metric       the metric value
     * @param best         the best metric after this evaluation
     * @param learningRate the learning rate of the first group that has one, after this evaluation; or null
     * @param reduced      whether a learning rate changed
     */
    public PlateauStep(long evaluation, int epoch, int iteration, double metric, double best, Double learningRate,
                       boolean reduced) {
        this.evaluation = evaluation;
        this.epoch = epoch;
        this.iteration = iteration;
        this.metric = metric;
        this.best = best;
        this.learningRate = learningRate;
        this.reduced = reduced;
    }

    /** 1-based index of the evaluation (restored evaluations included). */
    public long getEvaluation() {
        return evaluation;
    }

    /** The network's epoch counter at the evaluation. */
    public int getEpoch() {
        return epoch;
    }

    /** The network's iteration counter at the evaluation. */
    public int getIteration() {
        return iteration;
    }

    public double getMetric() {
        return metric;
    }

    /** Best metric after this evaluation. */
    public double getBest() {
        return best;
    }

    /** LR of the first chosen layer that has one, after this evaluation (current counters); null if none. */
    public Double getLearningRate() {
        return learningRate;
    }

    /** Whether a learning rate (main or bias) changed at this evaluation. */
    public boolean isReduced() {
        return reduced;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PlateauStep)) {
            return false;
        }
        PlateauStep s = (PlateauStep) o;
        return evaluation == s.evaluation && epoch == s.epoch && iteration == s.iteration
                && Double.compare(metric, s.metric) == 0 && Double.compare(best, s.best) == 0
                && Objects.equals(learningRate, s.learningRate) && reduced == s.reduced;
    }

    @Override
    public int hashCode() {
        return Objects.hash(evaluation, epoch, iteration, metric, best, learningRate, reduced);
    }

    @Override
    public String toString() {
        return "PlateauStep(evaluation=" + evaluation + ", epoch=" + epoch + ", iteration=" + iteration
                + ", metric=" + metric + ", best=" + best + ", learningRate=" + learningRate
                + ", reduced=" + reduced + ")";
    }
}
