package dev.lrsched.samediff;

import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import dev.lrsched.listeners.plateau.LearningRateTarget;
import dev.lrsched.schedules.support.Checks;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A {@link SameDiff} network as the plateau core sees it (a {@link LearningRateTarget}): its
 * {@link TrainingConfig}'s counters and one group, the {@code TrainingConfig}'s updater.
 *
 * <p>In ND4J 1.0.0-M2.1 every trainable variable's {@link GradientUpdater} (built by {@code fit}, or by
 * {@code SameDiff.load(file, true)}) holds that one {@link IUpdater} instance and reads its learning rate at every
 * step. A new setting is therefore installed <em>in place</em> with {@code setLrAndSchedule} (a fixed rate, or
 * {@code ScaledSchedule} around the schedule): training uses it from the next step, the updater state (Adam's
 * moments) is untouched, and {@code sd.save(file, true)} saves it with the configuration. Replacing the updater
 * instead ({@code getTrainingConfig().setUpdater(...)}) only looks like it works: the running updaters keep the
 * old instance and learning rate while a saved model gets the new one. Before a change this class checks that
 * every running updater shares the configuration's instance, and fails with {@link IllegalStateException} if not.
 *
 * <p>Usage: {@code new PlateauController(settings, "loop").step(SameDiffTarget.of("MyLoop", sd), valLoss, "loss");}
 */
public final class SameDiffTarget implements LearningRateTarget {

    /** The group's name in logs and {@code ReductionEvent.getLayers()}. */
    public static final String GROUP = "TrainingConfig.updater";

    private final String owner;
    private final SameDiff sd;
    private final List<Group> groups;

    private SameDiffTarget(String owner, SameDiff sd) {
        this.owner = owner;
        this.sd = sd;
        this.groups = List.of(new Group());
    }

    /**
     * @param owner what error messages name as the caller; not null
     * @throws IllegalStateException if {@code sd} has no training configuration, or its updater no learning rate
     */
    public static SameDiffTarget of(String owner, SameDiff sd) {
        Checks.notNull("owner", owner);
        Checks.notNull("sd", sd);
        TrainingConfig tc = sd.getTrainingConfig();
        if (tc == null || tc.getUpdater() == null) {
            throw new IllegalStateException(owner + ": the SameDiff instance has no TrainingConfig with an updater"
                    + " (sd.setTrainingConfig(...) before training)");
        }
        if (LearningRate.of(tc.getUpdater()).isEmpty()) {
            throw new IllegalStateException(owner + ": the TrainingConfig's updater " + tc.getUpdater()
                    + " has no learning rate (AdaDelta and NoOp have none); there is nothing to reduce");
        }
        return new SameDiffTarget(owner, sd);
    }

    /** The network this target rescales. */
    public SameDiff getSameDiff() {
        return sd;
    }

    private TrainingConfig config() {
        return sd.getTrainingConfig();
    }

    @Override
    public int getIterationCount() {
        return config().getIterationCount();
    }

    @Override
    public int getEpochCount() {
        return config().getEpochCount();
    }

    @Override
    public List<? extends LearningRateGroup> getGroups() {
        return groups;
    }

    @Override
    public String toString() {
        return "SameDiffTarget(" + config().getUpdater() + ")";
    }

    /** The configuration's updater, looked up anew on every call. */
    private final class Group implements LearningRateGroup {

        @Override
        public String name() {
            return GROUP;
        }

        @Override
        public Optional<LearningRate> learningRate() {
            return LearningRate.of(config().getUpdater());
        }

        @Override
        public Optional<LearningRate> biasLearningRate() {
            return Optional.empty();
        }

        @Override
        public void set(LearningRate learningRate, LearningRate biasLearningRate) {
            if (learningRate == null) {
                return;
            }
            IUpdater updater = config().getUpdater();
            if (sd.getUpdaterMap() != null) {
                for (GradientUpdater<?> u : sd.getUpdaterMap().values()) {
                    if (u.getConfig() != updater) {
                        throw new IllegalStateException(owner + ": SameDiff trains with an updater configuration other"
                                + " than its TrainingConfig's (" + u.getConfig() + " vs " + updater + "; was the"
                                + " updater or TrainingConfig replaced after training started?), so a new learning"
                                + " rate would not reach training. Change the learning rate in place"
                                + " (IUpdater.setLrAndSchedule) or set the TrainingConfig before the first fit");
                    }
                }
            }
            learningRate.applyTo(updater);
        }
    }
}
