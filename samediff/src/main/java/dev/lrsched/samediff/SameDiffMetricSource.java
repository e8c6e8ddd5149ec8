package dev.lrsched.samediff;

import dev.lrsched.listeners.plateau.Mode;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where {@link SameDiffPlateauListener}'s metric comes from: validation data evaluated at the epoch end
 * ({@link IteratorMetric}), the validation data passed to {@code fit} ({@link FitValidationMetric}), or a function
 * of the network. Stateful; belongs to one listener.
 */
interface SameDiffMetricSource {

    /** MIN or MAX: the direction {@code Mode.AUTO} resolves to. */
    Mode direction();

    /** What the metric is, for logs and messages. */
    String description();

    /** True if the metric is known at {@code validationDone} of a fit with validation data, not at epoch end. */
    default boolean fromFitValidation() {
        return false;
    }

    /** Variables SameDiff must compute for this source during fit validation. */
    default ListenerVariables requiredVariables(SameDiff sd) {
        return ListenerVariables.empty();
    }

    /** An activation computed during fit validation. */
    default void validationActivation(SameDiff sd, MultiDataSet batch, String variable, INDArray activation) {
    }

    /** Forgets what fit validation collected (at each epoch start). */
    default void reset() {
    }

    /**
     * The metric now (epoch-end sources) or of the fit validation just done.
     *
     * @param evaluation the 1-based index of this evaluation, for messages
     */
    double evaluate(SameDiff sd, long evaluation);
}
