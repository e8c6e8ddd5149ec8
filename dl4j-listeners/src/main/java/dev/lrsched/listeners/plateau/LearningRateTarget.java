package dev.lrsched.listeners.plateau;

import java.util.List;

/**
 * The network as the {@link PlateauController} sees it: its counters (at which schedules are evaluated) and the
 * groups whose learning rates it may rescale. One implementation per engine: {@code NetworkAdapter} for
 * {@code MultiLayerNetwork} / {@code ComputationGraph} (the listener, Spark, ParallelWrapper front ends); a
 * SameDiff front end has one group, its shared {@code TrainingConfig} updater.
 */
public interface LearningRateTarget {

    /** The iteration counter schedules are evaluated at now. */
    int getIterationCount();

    /** The epoch counter schedules are evaluated at now. */
    int getEpochCount();

    /** The chosen groups that have a learning rate (main or bias), in a fixed order; not empty. */
    List<? extends LearningRateGroup> getGroups();
}
