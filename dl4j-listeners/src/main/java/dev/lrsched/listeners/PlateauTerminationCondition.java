package dev.lrsched.listeners;

import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.schedules.support.Checks;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;

/**
 * Early stopping that knows about ReduceLROnPlateau (Keras users pair the two callbacks): a DL4J
 * {@link EpochTerminationCondition} for {@code EarlyStoppingTrainer} that follows a plateau front end's core
 * ({@link PlateauController#onStep}) and stops training
 * <pre>
 *   after maxReductions reductions of the learning rate without a new best metric in between, or
 *   when patience runs out again while no learning rate can go lower (all at minValue, or within eps of it)
 * </pre>
 * A "new best" is the plateau's own notion ({@code threshold}, {@code thresholdMode}): the best value changed.
 * The condition ignores the score {@code EarlyStoppingTrainer} passes in; the plateau's metric decides. Since
 * the trainer calls the network's {@code onEpochEnd} listeners before its termination conditions, a
 * {@code ReduceLROnPlateauListener} on the network has already evaluated the epoch being judged. Keep
 * {@code evaluateEveryNEpochs(1)} in the early-stopping configuration (conditions are only asked on evaluated
 * epochs).
 *
 * <p>The counters start at {@link #initialize()} (called by the trainer): a plateau restored from a saved state
 * keeps its own counters, this condition counts reductions from the start of the early-stopping run. Like the
 * front end it follows, it belongs to one training run and is not meant to be serialized with the configuration.
 *
 * <p>Usage: {@code new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
 * .epochTerminationConditions(new PlateauTerminationCondition(plateau, 2), new MaxEpochsTerminationCondition(100))}
 */
public final class PlateauTerminationCondition implements EpochTerminationCondition {

    private static final long serialVersionUID = 1L;

    private final transient PlateauController controller;
    private final int maxReductions;

    private double best;
    private long plateaus;
    private int reductionsSinceBest;
    private String reason;

    /**
     * @param plateau       the front end whose reductions count (its {@code ReduceLROnPlateauListener} must be on the
     *                      network the trainer fits)
     * @param maxReductions reductions without a new best after which to stop, {@code >= 1}
     */
    public PlateauTerminationCondition(PlateauFrontEnd plateau, int maxReductions) {
        Checks.notNull("plateau", plateau);
        this.maxReductions = Checks.positive("maxReductions", maxReductions);
        this.controller = plateau.getController();
        this.controller.onStep(this::onStep);
        initialize();
    }

    @Override
    public void initialize() {
        best = controller.getBest();
        plateaus = controller.getNumReductions();
        reductionsSinceBest = 0;
        reason = null;
    }

    private void onStep(PlateauStep step) {
        long nowPlateaus = controller.getNumReductions();
        boolean patienceRanOut = nowPlateaus > plateaus;
        plateaus = nowPlateaus;
        if (Double.compare(step.getBest(), best) != 0) {
            best = step.getBest();
            reductionsSinceBest = 0;
        }
        if (step.isReduced()) {
            reductionsSinceBest++;
        }
        if (reason != null) {
            return;
        }
        if (patienceRanOut && !step.isReduced()) {
            reason = "patience ran out at evaluation #" + step.getEvaluation() + " with no learning rate left to"
                    + " reduce (minValue=" + controller.getSettings().getMinValue() + ", eps="
                    + controller.getSettings().getEps() + "), best " + best;
        } else if (reductionsSinceBest >= maxReductions) {
            reason = reductionsSinceBest + " reduction(s) without a new best metric (best " + best
                    + ") at evaluation #" + step.getEvaluation();
        }
    }

    /** Stops once {@link #getReason()} is set; the score passed by the trainer is not used. */
    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return reason != null;
    }

    /** Why training stopped, or null while it goes on. */
    public String getReason() {
        return reason;
    }

    /** Reductions without a new best after which this condition stops training. */
    public int getMaxReductions() {
        return maxReductions;
    }

    /** Reductions since the last new best metric (or since {@link #initialize()}). */
    public int getReductionsSinceBest() {
        return reductionsSinceBest;
    }

    @Override
    public String toString() {
        return "PlateauTerminationCondition(maxReductions=" + maxReductions + ", or patience ran out at minValue"
                + (reason == null ? "" : "; stopped: " + reason) + ")";
    }
}
