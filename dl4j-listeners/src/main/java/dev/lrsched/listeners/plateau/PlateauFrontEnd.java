package dev.lrsched.listeners.plateau;

import java.util.List;

/**
 * What every plateau front end (the listener, the Spark controller, ...) offers, read from its
 * {@link PlateauController}: the same getters and state methods everywhere. Code that wants to follow a run (an
 * LR monitor, an early-stopping condition, a checkpoint) subscribes to, or saves, {@link #getController()}.
 */
public interface PlateauFrontEnd {

    /** The core this front end steps: subscribe with {@code onStep} / {@code onReduction}, save its state. */
    PlateauController getController();

    /** The policy state (settings and counters), for persisting alongside the model. */
    default PlateauPolicy.State state() {
        return getController().state();
    }

    /**
     * Continues from a saved {@link #state()} (like PyTorch {@code load_state_dict}: the state's settings win).
     *
     * @throws IllegalArgumentException if the state's mode differs from this front end's mode
     */
    default void restoreState(PlateauPolicy.State state) {
        getController().restoreState(state);
    }

    /** The resolved direction (MIN or MAX). */
    default Mode getMode() {
        return getController().getMode();
    }

    /** Best metric so far (+/-Infinity before the first finite metric). */
    default double getBest() {
        return getController().getBest();
    }

    /** Evaluations so far (including restored ones). */
    default long getEvaluationCount() {
        return getController().getEvaluationCount();
    }

    /** Reductions so far (including restored ones). */
    default long getNumReductions() {
        return getController().getNumReductions();
    }

    /** Read-only view of one step per evaluation of this instance (not restored by {@link #restoreState}). */
    default List<PlateauStep> getHistory() {
        return getController().getHistory();
    }
}
