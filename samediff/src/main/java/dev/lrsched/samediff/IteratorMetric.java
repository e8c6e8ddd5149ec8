package dev.lrsched.samediff;

import dev.lrsched.listeners.metric.EmptyValidationException;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.support.Checks;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A {@link Metric} on a validation iterator, evaluated at the epoch end with SameDiff's own inference: LOSS
 * through {@code sd.output(batch, lossVariables)} per batch, every other metric through
 * {@code sd.evaluate(iterator, outputVariable, labelIndex, metric.newEvaluation())}. The iterator is reset
 * before each evaluation (SameDiff never puts inference behind an async prefetcher).
 */
final class IteratorMetric implements SameDiffMetricSource {

    private final MultiDataSetIterator data;
    private final Metric metric;
    private final String output;
    private final int labelIndex;
    private final ValidationTotals totals;

    private IteratorMetric(MultiDataSetIterator data, Metric metric, String output, int labelIndex) {
        this.data = data;
        this.metric = metric;
        this.output = output;
        this.labelIndex = labelIndex;
        this.totals = new ValidationTotals(metric);
    }

    static IteratorMetric loss(MultiDataSetIterator data) {
        return new IteratorMetric(Checks.notNull("iterator", data), Metric.LOSS, null, 0);
    }

    static IteratorMetric loss(DataSetIterator data) {
        return loss(new MultiDataSetIteratorAdapter(Checks.notNull("iterator", data)));
    }

    static IteratorMetric of(MultiDataSetIterator data, Metric metric, String output, int labelIndex) {
        Checks.notNull("iterator", data);
        Checks.notNull("metric", metric);
        Checks.check(metric != Metric.LOSS, "for LOSS use validationLoss(iterator): it needs no output variable");
        Checks.notNull("outputVariable", output);
        Checks.nonNegative("labelIndex", labelIndex);
        return new IteratorMetric(data, metric, output, labelIndex);
    }

    static IteratorMetric of(DataSetIterator data, Metric metric, String output) {
        return of(new MultiDataSetIteratorAdapter(Checks.notNull("iterator", data)), metric, output, 0);
    }

    @Override
    public Mode direction() {
        return metric.direction();
    }

    @Override
    public String description() {
        return "validation " + metric + (output == null ? "" : " of " + output);
    }

    @Override
    public double evaluate(SameDiff sd, long evaluation) {
        if (data.resetSupported()) {
            data.reset();
        }
        if (!data.hasNext()) {
            throw EmptyValidationException.forIterator(evaluation);
        }
        totals.reset();
        if (metric == Metric.LOSS) {
            String[] losses = sd.getLossVariables().toArray(new String[0]);
            while (data.hasNext()) {
                MultiDataSet batch = data.next();
                totals.addLoss(sum(sd.output(batch, losses)), totals.addBatch(batch));
            }
        } else {
            sd.evaluate(data, output, labelIndex, totals.evaluation());
        }
        return totals.value(sd);
    }

    /** The loss variables' values, summed over variables and elements. */
    static double sum(Map<String, INDArray> losses) {
        double sum = 0;
        for (INDArray v : losses.values()) {
            sum += v.sumNumber().doubleValue();
        }
        return sum;
    }

    @Override
    public String toString() {
        return description();
    }
}
