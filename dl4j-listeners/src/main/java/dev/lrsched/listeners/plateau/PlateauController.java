package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReduceLROnPlateau applied to a network, whatever runs the training: the core under every front end (the
 * {@code ReduceLROnPlateauListener}, the Spark controller, ...). A front end decides <em>when</em> to evaluate
 * and <em>where the metric comes from</em>, then calls {@link #step}; this class steps the {@link PlateauPolicy}
 * (whose javadoc states the rule) and, when it says so, rescales every group of the {@link LearningRateTarget}:
 * <pre>
 *   lr    = the group's learning rate at the target's current iteration/epoch counters
 *   newLr = policy.reduce(lr)
 *   if newLr &lt; lr: group.set(setting.rescaled(lr, newLr, factor))   (fixed or scheduled, see LearningRate)
 * </pre>
 * separately for each group's main and bias updater. With a schedule, {@code minValue} and {@code eps} are
 * checked against the learning rate <em>at the moment of the reduction</em>: the multiplier {@code minValue / lr}
 * puts it exactly on the floor now; a decaying schedule may take it lower later.
 *
 * <p>It keeps one {@link PlateauStep} per evaluation ({@link #getHistory()}), logs each reduction at INFO,
 * and hands every step and every {@link ReductionEvent} to its subscribers ({@link #onStep}, {@link #onReduction}:
 * an LR monitor, an early-stopping condition). {@link #state()} / {@link #restoreState} save and restore the
 * policy, e.g. next to the model saved with {@code ModelSerializer}. Not thread-safe: one training run, one thread.
 *
 * <p>Usage: {@code PlateauController c = new PlateauController(settings.resolved(Mode.MIN), "loop");
 * c.step(target, valLoss, "validation loss");}
 */
public final class PlateauController {

    private static final Logger log = LoggerFactory.getLogger(PlateauController.class);

    private final String owner;
    private PlateauPolicy policy;
    private final List<PlateauStep> history = new ArrayList<>();
    private final List<Consumer<? super PlateauStep>> stepSubscribers = new ArrayList<>();
    private final List<Consumer<? super ReductionEvent>> reductionSubscribers = new ArrayList<>();

    /**
     * @param settings not null, mode MIN or MAX (see {@link PlateauSettings#resolved(Mode)})
     * @param owner    what messages call the front end ("listener" gives "the listener's mode"); not null
     */
    public PlateauController(PlateauSettings settings, String owner) {
        this.policy = new PlateauPolicy(settings);
        this.owner = Checks.notNull("owner", owner);
    }

    /**
     * Steps the policy with {@code metric} and, if a reduction is due, rescales the learning rates of
     * {@code target}. Subscribers are called after the change, on the calling thread.
     *
     * @param description what the metric is, for the log ("validation LOSS", ...)
     * @return this evaluation's step record
     */
    public PlateauStep step(LearningRateTarget target, double metric, String description) {
        Checks.notNull("target", target);
        long evaluation = nextEvaluation();
        int iteration = target.getIterationCount();
        int epoch = target.getEpochCount();
        ReductionEvent event = policy.step(metric)
                ? reduce(target, evaluation, iteration, epoch, metric, description) : null;
        PlateauStep step = new PlateauStep(evaluation, epoch, iteration, metric, policy.getBest(),
                firstLearningRate(target), event != null);
        if (event != null) {
            for (Consumer<? super ReductionEvent> s : reductionSubscribers) {
                s.accept(event);
            }
        }
        history.add(step);
        for (Consumer<? super PlateauStep> s : stepSubscribers) {
            s.accept(step);
        }
        return step;
    }

    /** Applies one reduction to every group; the event, or null if no learning rate changed. */
    private ReductionEvent reduce(LearningRateTarget target, long evaluation, int iteration, int epoch,
                                  double metric, String description) {
        List<String> changed = new ArrayList<>();
        double firstOld = Double.NaN;
        double firstNew = Double.NaN;
        for (LearningRateGroup g : target.getGroups()) {
            Optional<LearningRate> main = g.learningRate();
            LearningRate newMain = reduced(main, iteration, epoch);
            LearningRate newBias = reduced(g.biasLearningRate(), iteration, epoch);
            if (newMain == null && newBias == null) {
                continue;
            }
            if (Double.isNaN(firstOld) && main.isPresent()) {
                firstOld = main.get().valueAt(iteration, epoch);
                firstNew = (newMain != null ? newMain : main.get()).valueAt(iteration, epoch);
            }
            g.set(newMain, newBias);
            changed.add(g.name());
        }
        double best = policy.getBest();
        if (changed.isEmpty()) {
            log.info("ReduceLROnPlateau: evaluation #{} (epoch {}, iteration {}): {} = {}, best {}: plateau, but no"
                            + " learning rate changed by more than eps={} (minValue={})", evaluation, epoch, iteration,
                    description, metric, best, getSettings().getEps(), getSettings().getMinValue());
            return null;
        }
        log.info("ReduceLROnPlateau: evaluation #{} (epoch {}, iteration {}): {} = {}, best {}: learning rate {}"
                        + " -> {} on {} layer(s) {}", evaluation, epoch, iteration, description, metric, best,
                firstOld, firstNew, changed.size(), changed);
        return new ReductionEvent(evaluation, epoch, iteration, metric, best, firstOld, firstNew, changed);
    }

    /** The reduced setting, or null if {@code reduce} leaves the learning rate where it is. */
    private LearningRate reduced(Optional<LearningRate> current, int iteration, int epoch) {
        if (current.isEmpty()) {
            return null;
        }
        double lr = current.get().valueAt(iteration, epoch);
        double newLr = policy.reduce(lr);
        return newLr < lr ? current.get().rescaled(lr, newLr, getSettings().getFactor()) : null;
    }

    private static Double firstLearningRate(LearningRateTarget target) {
        for (LearningRateGroup g : target.getGroups()) {
            Optional<LearningRate> lr = g.learningRate();
            if (lr.isPresent()) {
                double v = lr.get().valueAt(target.getIterationCount(), target.getEpochCount());
                return Double.isNaN(v) ? null : v;
            }
        }
        return null;
    }

    /** Calls {@code subscriber} with every {@link PlateauStep} from now on, after the history is updated. */
    public void onStep(Consumer<? super PlateauStep> subscriber) {
        stepSubscribers.add(Checks.notNull("onStep", subscriber));
    }

    /** Calls {@code subscriber} after every reduction that changed a learning rate, from now on. */
    public void onReduction(Consumer<? super ReductionEvent> subscriber) {
        reductionSubscribers.add(Checks.notNull("onReduction", subscriber));
    }

    /** The 1-based index the next {@link #step} will have (for naming an evaluation before it happens). */
    public long nextEvaluation() {
        return policy.getLastEpoch() + 1;
    }

    /** The policy state (settings and counters), for persisting alongside the model. */
    public PlateauPolicy.State state() {
        return policy.state();
    }

    /**
     * Replaces the policy with one restored from {@code state} (like PyTorch {@code load_state_dict}: the
     * state's settings win). The history is kept.
     *
     * @throws IllegalArgumentException if the state's mode differs from this controller's mode
     */
    public void restoreState(PlateauPolicy.State state) {
        Checks.notNull("state", state);
        Checks.check(state.getMode() == getMode(), "state mode " + state.getMode() + " does not match the " + owner
                + "'s mode " + getMode());
        this.policy = PlateauPolicy.restore(state);
    }

    /** A detached copy of the policy as it is now (stepping it changes nothing here), e.g. to ask {@code isBetter}. */
    public PlateauPolicy getPolicy() {
        return PlateauPolicy.restore(policy.state());
    }

    /** The settings in force (restored ones after {@link #restoreState}). */
    public PlateauSettings getSettings() {
        return policy.getSettings();
    }

    /** MIN or MAX. */
    public Mode getMode() {
        return policy.getMode();
    }

    /** Best metric so far (+/-Infinity before the first finite metric). */
    public double getBest() {
        return policy.getBest();
    }

    /** Evaluations so far (including restored ones). */
    public long getEvaluationCount() {
        return policy.getLastEpoch();
    }

    /** Reductions so far (including restored ones). */
    public long getNumReductions() {
        return policy.getNumReductions();
    }

    /** Read-only view of one step per evaluation of this instance (not restored by {@link #restoreState}). */
    public List<PlateauStep> getHistory() {
        return Collections.unmodifiableList(history);
    }

    @Override
    public String toString() {
        return "PlateauController(" + policy + ", evaluations in history=" + history.size() + ")";
    }
}
