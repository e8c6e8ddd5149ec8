package dev.lrsched.listeners.metric;

import dev.lrsched.listeners.plateau.Mode;
import org.deeplearning4j.nn.api.Model;

/** {@link MetricSource#trainingScore()}: {@code model.score()} averaged since the previous evaluation. */
final class TrainingScoreMetric implements MetricSource {

    private double sum;
    private long count;

    @Override
    public Mode direction() {
        return Mode.MIN;
    }

    @Override
    public String description() {
        return "average training score";
    }

    @Override
    public void iterationDone(Model model) {
        sum += model.score();
        count++;
    }

    @Override
    public double evaluate(Model model, long evaluation) {
        double score = count > 0 ? sum / count : model.score();
        reset();
        return score;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public String toString() {
        return description();
    }
}
