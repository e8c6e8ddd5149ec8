package dev.lrsched.samediff;

import dev.lrsched.listeners.metric.Metric;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One evaluation's running totals over validation batches:
 * <pre>
 *   LOSS   sum over batches of (the loss variables' values summed) * batch examples / total examples
 *          + sd.calcRegularizationScore()          (the per-example mean for SameDiff's default MEAN_BY_... losses,
 *                                                   with regularization, as DL4J's LOSS)
 *   other  metric.valueOf(evaluation filled with every batch's output)   (the lrsched Metric mapping)
 * </pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class ValidationTotals {

    private final Metric metric;
    private IEvaluation evaluation;
    private double weightedLoss;
    private long examples;
    private long batches;

    ValidationTotals(Metric metric) {
        this.metric = metric;
        reset();
    }

    void reset() {
        evaluation = metric == Metric.LOSS ? null : metric.newEvaluation();
        weightedLoss = 0;
        examples = 0;
        batches = 0;
    }

    /** Counts a validation batch; returns its number of examples (the weight of its loss values). */
    long addBatch(MultiDataSet batch) {
        long n = batch.getFeatures(0).size(0);
        examples += n;
        batches++;
        return n;
    }

    /** A loss value of a batch with {@code batchExamples} examples (one call per loss variable, or their sum). */
    void addLoss(double loss, long batchExamples) {
        weightedLoss += loss * batchExamples;
    }

    /** A batch's output for the evaluation. */
    void addOutput(INDArray output, INDArray labels, INDArray labelMask) {
        evaluation.eval(labels, output, labelMask);
    }

    /** The evaluation, to be filled by {@code sd.evaluate} (which counts no batches here). */
    IEvaluation evaluation() {
        return evaluation;
    }

    boolean isEmpty() {
        return batches == 0;
    }

    double value(SameDiff sd) {
        return metric == Metric.LOSS ? weightedLoss / examples + sd.calcRegularizationScore() : metric.valueOf(evaluation);
    }
}
