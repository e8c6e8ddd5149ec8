package dev.lrsched.listeners.plateau;

import java.util.List;
import java.util.Objects;

/**
 * A reduction that changed at least one learning rate, passed to {@link PlateauController#onReduction}
 * subscribers (and the front ends' {@code onReduction(callback)}) right after it was applied.
 */
public final class ReductionEvent {
    private final long evaluation;
    private final int epoch;
    private final int iteration;
    private final double metric;
    private final double best;
    private final double oldLearningRate;
    private final double newLearningRate;
    private final List<String> layers;

    /** The fields as the getters describe them; {@code layers} is copied. */
    public ReductionEvent(long evaluation, int epoch, int iteration, double metric, double best,
                          double oldLearningRate, double newLearningRate, List<String> layers) {
        this.evaluation = evaluation;
        this.epoch = epoch;
        this.iteration = iteration;
        this.metric = metric;
        this.best = best;
        this.oldLearningRate = oldLearningRate;
        this.newLearningRate = newLearningRate;
        this.layers = List.copyOf(layers);
    }

    /** 1-based index of the evaluation that reduced. */
    public long getEvaluation() {
        return evaluation;
    }

    /** The network's epoch counter at the reduction. */
    public int getEpoch() {
        return epoch;
    }

    /** The network's iteration counter at the reduction. */
    public int getIteration() {
        return iteration;
    }

    public double getMetric() {
        return metric;
    }

    public double getBest() {
        return best;
    }

    /** LR of the first changed layer's main updater before the reduction (NaN if only bias LRs changed). */
    public double getOldLearningRate() {
        return oldLearningRate;
    }

    /** LR of the first changed layer's main updater after the reduction (NaN if only bias LRs changed). */
    public double getNewLearningRate() {
        return newLearningRate;
    }

    /** Names of the layers (groups) whose learning rate, main or bias, changed. */
    public List<String> getLayers() {
        return layers;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReductionEvent)) {
            return false;
        }
        ReductionEvent e = (ReductionEvent) o;
        return evaluation == e.evaluation && epoch == e.epoch && iteration == e.iteration
                && Double.compare(metric, e.metric) == 0 && Double.compare(best, e.best) == 0
                && Double.compare(oldLearningRate, e.oldLearningRate) == 0
                && Double.compare(newLearningRate, e.newLearningRate) == 0 && layers.equals(e.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(evaluation, epoch, iteration, metric, best, oldLearningRate, newLearningRate, layers);
    }

    @Override
    public String toString() {
        return "ReductionEvent(evaluation=" + evaluation + ", epoch=" + epoch + ", iteration=" + iteration
                + ", metric=" + metric + ", best=" + best + ", oldLearningRate=" + oldLearningRate
                + ", newLearningRate=" + newLearningRate + ", layers=" + layers + ")";
    }
}
