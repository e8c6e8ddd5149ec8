package dev.lrsched.samediff;

import dev.lrsched.listeners.metric.EmptyValidationException;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.support.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A {@link Metric} on the validation data the user passes to {@code sd.fit(train, epochs, validation, frequency)}:
 * SameDiff computes the required variables (the output, or the loss variables) during its validation pass and
 * hands them to the listener ({@code activationAvailable}); the value is ready at {@code validationDone}.
 *
 * <p>ND4J 1.0.0-M2.1 calls a listener registered with {@code sd.setListeners} twice per activation in that pass
 * (its list is passed in and added again); the second call for the same batch and variable is ignored here.
 */
final class FitValidationMetric implements SameDiffMetricSource {

    private final Metric metric;
    private final String output;
    private final int labelIndex;
    private final ValidationTotals totals;
    private final Set<String> seenInBatch = new HashSet<>();
    private MultiDataSet batch;
    private long batchExamples;
    private List<String> lossVariables;

    private FitValidationMetric(Metric metric, String output, int labelIndex) {
        this.metric = metric;
        this.output = output;
        this.labelIndex = labelIndex;
        this.totals = new ValidationTotals(metric);
    }

    static FitValidationMetric loss() {
        return new FitValidationMetric(Metric.LOSS, null, 0);
    }

    static FitValidationMetric of(Metric metric, String output, int labelIndex) {
        Checks.notNull("metric", metric);
        Checks.check(metric != Metric.LOSS, "for LOSS use fitValidationLoss(): it needs no output variable");
        Checks.notNull("outputVariable", output);
        Checks.nonNegative("labelIndex", labelIndex);
        return new FitValidationMetric(metric, output, labelIndex);
    }

    @Override
    public Mode direction() {
        return metric.direction();
    }

    @Override
    public String description() {
        return "fit validation " + metric + (output == null ? "" : " of " + output);
    }

    @Override
    public boolean fromFitValidation() {
        return true;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        String[] vars = output != null ? new String[] {output} : sd.getLossVariables().toArray(new String[0]);
        return ListenerVariables.builder().requireVariables(Operation.TRAINING_VALIDATION, vars).build();
    }

    @Override
    public void validationActivation(SameDiff sd, MultiDataSet b, String variable, INDArray activation) {
        if (b != batch) {
            batch = b;
            seenInBatch.clear();
            lossVariables = sd.getLossVariables();
            batchExamples = totals.addBatch(b);
        }
        if (!seenInBatch.add(variable)) {
            return;
        }
        if (metric == Metric.LOSS && lossVariables.contains(variable)) {
            totals.addLoss(activation.sumNumber().doubleValue(), batchExamples);
        } else if (variable.equals(output)) {
            totals.addOutput(activation, b.getLabels(labelIndex), b.getLabelsMaskArray(labelIndex));
        }
    }

    @Override
    public void reset() {
        totals.reset();
        batch = null;
        seenInBatch.clear();
    }

    @Override
    public double evaluate(SameDiff sd, long evaluation) {
        if (totals.isEmpty()) {
            throw new EmptyValidationException("validation data is empty: the validation data passed to fit returned"
                    + " no batches for evaluation #" + evaluation);
        }
        double value = totals.value(sd);
        reset();
        return value;
    }

    @Override
    public String toString() {
        return description();
    }
}
