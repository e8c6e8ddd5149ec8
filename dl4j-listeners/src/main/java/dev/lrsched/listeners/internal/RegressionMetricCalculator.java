package dev.lrsched.listeners.internal;

import org.deeplearning4j.earlystopping.scorecalc.base.BaseIEvaluationScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * DL4J's {@code RegressionScoreCalculator} has no {@link MultiDataSetIterator} constructor in M2.1; this is
 * the same calculation (column-averaged regression metric) for MultiDataSet validation data. Not public API.
 */
public final class RegressionMetricCalculator extends BaseIEvaluationScoreCalculator<Model, RegressionEvaluation> {

    private static final long serialVersionUID = 1L;

    private final RegressionEvaluation.Metric metric;

    public RegressionMetricCalculator(RegressionEvaluation.Metric metric, MultiDataSetIterator iterator) {
        super(iterator);
        this.metric = metric;
    }

    @Override
    protected RegressionEvaluation newEval() {
        return new RegressionEvaluation();
    }

    @Override
    protected double finalScore(RegressionEvaluation eval) {
        return eval.scoreForMetric(metric);
    }

    @Override
    public boolean minimizeScore() {
        return metric.minimize();
    }
}
