package dev.lrsched.samediff;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauFrontEndBuilder;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.schedules.support.Checks;
import java.util.function.ToDoubleFunction;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * ReduceLROnPlateau for SameDiff: a SameDiff {@link org.nd4j.autodiff.listeners.Listener} on the plateau core
 * ({@link PlateauController}: PyTorch 1.13 rules, settings, history, state). At every epoch end of
 * {@code sd.fit(iterator, epochs, ...)} it computes the metric and, when it has plateaued, rescales the learning
 * rate of the {@code TrainingConfig}'s updater in place ({@link SameDiffTarget}: a fixed rate becomes the
 * reduced rate, a schedule becomes a {@code ScaledSchedule} around it, Adam's state is kept,
 * {@code sd.save(file, true)} saves it).
 *
 * <h2>Metric source (one)</h2>
 * <ul>
 *   <li>{@code validationLoss(iterator)} / {@code validation(iterator, Metric, outputVariable)}: held-out data,
 *       evaluated at the epoch end with {@code sd.output} / {@code sd.evaluate} (which leave training as it
 *       was);</li>
 *   <li>{@code fitValidationLoss()} / {@code fitValidation(Metric, outputVariable)}: the validation data passed to
 *       {@code sd.fit(train, epochs, validation, frequency)}, read as SameDiff computes it; the step happens at
 *       {@code validationDone}, so only on validated epochs;</li>
 *   <li>{@code metric(description, Mode, function)}: your own value, at the epoch end.</li>
 * </ul>
 * There is no training-score source: the loss SameDiff 1.0.0-M2.1 hands to listeners during training is 0 (it
 * computes gradients, not the loss value); compute the metric on data instead. LOSS is the loss variables' value
 * averaged per example plus the regularization score, as DL4J's {@code LOSS}; the other metrics use the
 * {@link Metric} mapping of every lrsched front end.
 *
 * <p>Counters: at {@code epochEnd} SameDiff has advanced the iteration counter but not yet the epoch counter (as
 * DL4J's {@code onEpochEnd}); a schedule is rescaled at those counters. {@link #step(SameDiff)} and
 * {@link #step(SameDiff, double)} serve loops of your own ({@code sd.fit(DataSet)} per batch fires no epoch
 * events). The listener counts its own evaluations. Saved state: {@link #state()} as JSON next to the file of
 * {@code sd.save(file, true)} (SameDiff's format has no room for extra entries); resume with
 * {@code Builder.restoreState}. Not thread-safe; one training run.
 *
 * <p>Usage: {@code sd.setListeners(SameDiffPlateauListener.builder().validationLoss(valIter).factor(0.5).patience(3)
 * .build());}
 */
public final class SameDiffPlateauListener extends BaseListener implements PlateauFrontEnd {

    private static final String OWNER = "SameDiffPlateauListener";

    private final SameDiffMetricSource source;
    private final PlateauController controller;
    private SameDiffTarget target;

    private SameDiffPlateauListener(SameDiffMetricSource source, PlateauController controller) {
        this.source = source;
        this.controller = controller;
    }

    /** A builder; the plateau settings default to PyTorch's. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ SameDiff callbacks

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING || operation == Operation.TRAINING_VALIDATION;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        return source.requiredVariables(sd);
    }

    @Override
    public void epochStart(SameDiff sd, At at) {
        target(sd);
        source.reset();
    }

    @Override
    public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
        if (!source.fromFitValidation()) {
            step(sd);
        }
        return ListenerResponse.CONTINUE;
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
                                    INDArray activation) {
        if (at.operation() == Operation.TRAINING_VALIDATION) {
            source.validationActivation(sd, batch, varName, activation);
        }
    }

    @Override
    public ListenerResponse validationDone(SameDiff sd, At at, long validationTimeMillis) {
        if (source.fromFitValidation()) {
            step(sd);
        }
        return ListenerResponse.CONTINUE;
    }

    // ------------------------------------------------------------------ manual entry points

    /**
     * Computes the metric now and steps the policy (reducing the learning rate if due).
     *
     * @return this evaluation's step
     */
    public PlateauStep step(SameDiff sd) {
        SameDiffTarget t = target(sd);
        double metric = MetricSource.compute(OWNER, controller.nextEvaluation(), source.description(),
                evaluation -> source.evaluate(sd, evaluation));
        return controller.step(t, metric, source.description());
    }

    /** Steps the policy with a metric computed by the caller and reduces the learning rate if due. */
    public PlateauStep step(SameDiff sd, double metric) {
        return controller.step(target(sd), metric, "metric passed to step(SameDiff, double)");
    }

    private SameDiffTarget target(SameDiff sd) {
        Checks.notNull("sd", sd);
        if (target == null || target.getSameDiff() != sd) {
            target = SameDiffTarget.of(OWNER, sd);
        }
        return target;
    }

    @Override
    public PlateauController getController() {
        return controller;
    }

    @Override
    public String toString() {
        return "SameDiffPlateauListener(source=" + source.description() + ", mode=" + getMode() + ", policy="
                + controller.getPolicy() + ")";
    }

    /**
     * Builder: exactly one metric source here; every plateau setting, the reduction callback and a saved state
     * from {@link PlateauFrontEndBuilder} (shared with every front end).
     */
    public static final class Builder extends PlateauFrontEndBuilder<Builder> {
        private SameDiffMetricSource source;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The loss on this validation data at every epoch end (reset before each evaluation). */
        public Builder validationLoss(DataSetIterator iterator) {
            return source(IteratorMetric.loss(iterator));
        }

        /** As {@link #validationLoss(DataSetIterator)}, for MultiDataSets. */
        public Builder validationLoss(MultiDataSetIterator iterator) {
            return source(IteratorMetric.loss(iterator));
        }

        /** {@code metric} of {@code outputVariable} against the labels of this validation data, at every epoch end. */
        public Builder validation(DataSetIterator iterator, Metric metric, String outputVariable) {
            return source(IteratorMetric.of(iterator, metric, outputVariable));
        }

        /** As {@link #validation(DataSetIterator, Metric, String)}, against the labels at {@code labelIndex}. */
        public Builder validation(MultiDataSetIterator iterator, Metric metric, String outputVariable, int labelIndex) {
            return source(IteratorMetric.of(iterator, metric, outputVariable, labelIndex));
        }

        /** The loss on the validation data passed to {@code fit}, at each {@code validationDone}. */
        public Builder fitValidationLoss() {
            return source(FitValidationMetric.loss());
        }

        /** {@code metric} of {@code outputVariable} on the validation data passed to {@code fit} (labels 0). */
        public Builder fitValidation(Metric metric, String outputVariable) {
            return source(FitValidationMetric.of(metric, outputVariable, 0));
        }

        /**
         * Your own metric, computed at every epoch end.
         *
         * @param direction MIN or MAX
         */
        public Builder metric(String description, Mode direction, ToDoubleFunction<SameDiff> metric) {
            return source(new FunctionMetric(description, direction, metric));
        }

        private Builder source(SameDiffMetricSource chosen) {
            Checks.check(source == null, "set exactly one metric source (validationLoss, validation, fitValidationLoss,"
                    + " fitValidation or metric); got " + (source == null ? "" : source.description()) + " and "
                    + chosen.description());
            this.source = chosen;
            return this;
        }

        /** @throws IllegalArgumentException without a metric source, or for a saved state of the other mode */
        public SameDiffPlateauListener build() {
            Checks.check(source != null, "set a metric source (validationLoss, validation, fitValidationLoss,"
                    + " fitValidation or metric): SameDiff passes no usable training loss to listeners");
            return new SameDiffPlateauListener(source, controller(source.direction(), "listener"));
        }
    }

    /** {@link Builder#metric}: a value your function computes from the network. */
    private record FunctionMetric(String description, Mode direction, ToDoubleFunction<SameDiff> function)
            implements SameDiffMetricSource {
        FunctionMetric {
            Checks.notNull("description", description);
            Checks.notNull("direction", direction);
            Checks.check(direction != Mode.AUTO, "direction must be MIN or MAX, got AUTO");
            Checks.notNull("metric", function);
        }

        @Override
        public double evaluate(SameDiff sd, long evaluation) {
            return function.applyAsDouble(sd);
        }
    }
}
