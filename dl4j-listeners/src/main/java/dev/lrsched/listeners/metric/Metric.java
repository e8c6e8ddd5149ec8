package dev.lrsched.listeners.metric;

import dev.lrsched.listeners.plateau.Mode;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.regression.RegressionEvaluation;

/**
 * A validation metric, and how DL4J computes it: the one place that maps a metric to a DL4J evaluation, used by
 * every front end (the listener on an iterator, the Spark controller on an RDD):
 * <pre>
 *   LOSS                               average loss per example (the network's score; no IEvaluation)
 *   ACCURACY / F1 / PRECISION / RECALL Evaluation.scoreForMetric        (F1: binary = positive class, else macro)
 *   AUC                                ROCMultiClass.calculateAverageAUC (average one-vs-all AUC)
 *   MSE / MAE / RMSE / R2              RegressionEvaluation.scoreForMetric (averaged over columns)
 * </pre>
 * Usage: {@code double acc = Metric.ACCURACY.valueOf(net.doEvaluation(iterator, Metric.ACCURACY.newEvaluation())[0]);}
 */
public enum Metric {
    /** Average loss per example ({@code DataSetLossCalculator(iter, true)}, includes regularization). */
    LOSS(true, Kind.LOSS),
    /** {@code Evaluation} accuracy. */
    ACCURACY(false, Kind.CLASSIFICATION),
    /** {@code Evaluation} F1 (binary: positive class; multi-class: macro average). */
    F1(false, Kind.CLASSIFICATION),
    /** {@code Evaluation} precision. */
    PRECISION(false, Kind.CLASSIFICATION),
    /** {@code Evaluation} recall. */
    RECALL(false, Kind.CLASSIFICATION),
    /** Average one-vs-all AUC ({@code ROCMultiClass}); for other ROC variants use a {@code ScoreCalculator}. */
    AUC(false, Kind.ROC),
    /** {@code RegressionEvaluation} mean squared error, averaged over columns. */
    MSE(true, Kind.REGRESSION),
    /** {@code RegressionEvaluation} mean absolute error, averaged over columns. */
    MAE(true, Kind.REGRESSION),
    /** {@code RegressionEvaluation} root mean squared error, averaged over columns. */
    RMSE(true, Kind.REGRESSION),
    /** {@code RegressionEvaluation} R^2, averaged over columns. */
    R2(false, Kind.REGRESSION);

    private enum Kind { LOSS, CLASSIFICATION, ROC, REGRESSION }

    private final boolean minimize;
    private final Kind kind;

    Metric(boolean minimize, Kind kind) {
        this.minimize = minimize;
        this.kind = kind;
    }

    /** True if smaller values are better. */
    public boolean minimize() {
        return minimize;
    }

    /** {@link Mode#MIN} if smaller values are better, else {@link Mode#MAX}. */
    public Mode direction() {
        return Mode.of(minimize);
    }

    /** A fresh DL4J evaluation for this metric, with an exact ROC (as DL4J's {@code ROCScoreCalculator}). */
    @SuppressWarnings("rawtypes")
    public IEvaluation newEvaluation() {
        return newEvaluation(0);
    }

    /**
     * A fresh DL4J evaluation for this metric.
     *
     * @param rocThresholdSteps threshold steps of AUC's {@code ROCMultiClass}; 0 = exact
     * @throws IllegalStateException for {@link #LOSS}, which is the network's score rather than an evaluation
     */
    @SuppressWarnings("rawtypes")
    public IEvaluation newEvaluation(int rocThresholdSteps) {
        switch (kind) {
            case CLASSIFICATION:
                return new Evaluation();
            case ROC:
                return new ROCMultiClass(rocThresholdSteps);
            case REGRESSION:
                return new RegressionEvaluation();
            default:
                throw new IllegalStateException("LOSS is the network's score, not a DL4J evaluation");
        }
    }

    /**
     * This metric read off an evaluation made by {@link #newEvaluation} and filled by DL4J
     * ({@code doEvaluation}).
     */
    @SuppressWarnings("rawtypes")
    public double valueOf(IEvaluation evaluation) {
        switch (kind) {
            case CLASSIFICATION:
                return ((Evaluation) evaluation).scoreForMetric(Evaluation.Metric.valueOf(name()));
            case ROC:
                return ((ROCMultiClass) evaluation).calculateAverageAUC();
            case REGRESSION:
                return ((RegressionEvaluation) evaluation).scoreForMetric(RegressionEvaluation.Metric.valueOf(name()));
            default:
                throw new IllegalStateException("LOSS is the network's score, not a DL4J evaluation");
        }
    }
}
