package dev.lrsched.listeners.plateau;

import java.util.Optional;

/**
 * One unit whose learning rate the {@link PlateauController} rescales (torch's "param group"): a DL4J layer with
 * its updater and its optional bias updater, or a SameDiff network's one shared updater.
 */
public interface LearningRateGroup {

    /** Its name in logs and {@link ReductionEvent#getLayers()}, e.g. the layer name. */
    String name();

    /** The learning rate of its (main) updater now, or empty if that has none. */
    Optional<LearningRate> learningRate();

    /** The learning rate of its separate bias updater now, or empty if there is none or it has none. */
    Optional<LearningRate> biasLearningRate();

    /**
     * Installs new settings the way the engine keeps its updater state (Adam moments).
     *
     * @param learningRate     the new main setting, or null to keep it
     * @param biasLearningRate the new bias setting, or null to keep it
     */
    void set(LearningRate learningRate, LearningRate biasLearningRate);
}
