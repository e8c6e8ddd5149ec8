package dev.lrsched.listeners;

import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.schedules.support.Checks;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * ReduceLROnPlateau for Deeplearning4j: a {@code TrainingListener} that evaluates a metric periodically and, when
 * it has plateaued, multiplies the learning rate of the chosen layers by {@code factor}, for
 * {@code MultiLayerNetwork} and {@code ComputationGraph}. The rule is PyTorch's ({@link PlateauPolicy}); the
 * rescaling ({@link PlateauController}: fixed LR -&gt; reduced LR, schedule -&gt; {@code ScaledSchedule}, Adam
 * state kept, saved with the model) is shared with every other front end. This class only decides <em>when</em>
 * to evaluate and <em>where the metric comes from</em>.
 *
 * <h2>Metric source (at most one; see {@link MetricSource})</h2>
 * {@code validation(iterator, Metric)} (direction from {@link dev.lrsched.listeners.metric.Metric#minimize()}), {@code scoreCalculator(c)}
 * (direction from {@code minimizeScore()}), or nothing: the training score averaged since the previous
 * evaluation (MIN). {@code mode(MIN | MAX)} overrides the direction.
 *
 * <h2>When</h2>
 * {@code evaluateEveryEpochs(n)} (default 1, at {@code onEpochEnd}: {@code fit(iterator[, nEpochs])},
 * {@code EarlyStoppingTrainer}) or {@code evaluateEveryIterations(n)} (at {@code iterationDone}). Loops that
 * call {@code fit(DataSet)}/{@code fit(MultiDataSet)} get no epoch events: call {@link #step(Model)} (evaluate
 * now) or {@link #step(Model, double)} (metric computed by you) at the end of each of your epochs. The
 * listener counts its own evaluations; it never relies on the network's epoch counter (which
 * {@code EarlyStoppingTrainer} overwrites).
 *
 * <h2>Failures</h2>
 * If no chosen layer has a learning rate the listener fails with {@link IllegalStateException} at its first
 * callback, before any update. An exception thrown while evaluating is rethrown as
 * {@link IllegalStateException} naming the evaluation, so {@code fit} fails instead of hanging; an empty
 * validation set is an {@link IllegalStateException} ("validation data is empty ...").
 *
 * <h2>One network at a time</h2>
 * The listener follows the network it is called for. Reused for a later fit on another network (e.g. one restored
 * from a checkpoint) it moves on to that network and continues with its state. Called for a network it has left
 * (two networks training at once) or on a ParallelWrapper worker thread, it throws {@link IllegalStateException}:
 * ParallelWrapper attaches one listener to every worker's copy of the network, where it would see no epoch end
 * and race; use {@code dev.lrsched.parallel.ParallelPlateauController} there.
 *
 * <h2>State</h2>
 * {@link #state()} / {@link #restoreState} (or {@link Builder#restoreState}, {@link Builder#restoreStateFrom})
 * persist the policy, also inside the model file ({@code PlateauSerializer}) and with checkpoints
 * ({@link PlateauCheckpointListener}); {@link #getController()} is where others subscribe. Instances are not
 * thread-safe and belong to one training run.
 *
 * <p>Usage: {@code net.addListeners(ReduceLROnPlateauListener.builder().validation(valIter, Metric.LOSS)
 * .factor(0.5).patience(3).build());}
 */
public final class ReduceLROnPlateauListener extends BaseTrainingListener implements PlateauFrontEnd {

    private static final String OWNER = "ReduceLROnPlateauListener";

    private final MetricSource source;
    private final int evaluateEveryEpochs;
    private final int evaluateEveryIterations;
    private final LayerSelection layers;
    private final PlateauController controller;
    private final NetworkBinding binding;

    private long epochEndsSeen;
    private long iterationsSeen;

    private ReduceLROnPlateauListener(MetricSource source, int evaluateEveryEpochs, int evaluateEveryIterations,
                                      LayerSelection layers, PlateauController controller) {
        this.source = source;
        this.evaluateEveryEpochs = evaluateEveryEpochs;
        this.evaluateEveryIterations = evaluateEveryIterations;
        this.layers = layers;
        this.controller = controller;
        this.binding = new NetworkBinding(OWNER, layers);
    }

    /** A builder; the plateau settings default to PyTorch's ({@link dev.lrsched.listeners.plateau.PlateauSettings}). */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ DL4J callbacks

    @Override
    public void onEpochStart(Model model) {
        network(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        network(model);
        source.iterationDone(model);
        iterationsSeen++;
        if (evaluateEveryIterations > 0 && iterationsSeen % evaluateEveryIterations == 0) {
            step(model);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epochEndsSeen++;
        if (evaluateEveryEpochs > 0 && epochEndsSeen % evaluateEveryEpochs == 0) {
            step(model);
        }
    }

    // ------------------------------------------------------------------ manual entry points

    /**
     * Evaluates the metric source now and steps the policy (reducing the LR if due). Call this at the end of
     * each epoch of a {@code fit(DataSet)} loop, which produces no epoch events. Without a metric source the
     * training score averaged since the previous evaluation is used ({@code model.score()} if no iteration
     * was seen).
     *
     * @return true if the learning rate was reduced
     */
    public boolean step(Model model) {
        Checks.notNull("model", model);
        NetworkAdapter target = network(model);
        double metric = MetricSource.compute(OWNER, controller.nextEvaluation(), source.description(),
                evaluation -> source.evaluate(model, evaluation));
        return controller.step(target, metric, source.description()).isReduced();
    }

    /**
     * Steps the policy with a metric computed by the caller (for example inside an early-stopping setup or a
     * custom loop) and reduces the learning rate of {@code model} if due.
     *
     * @return true if the learning rate was reduced
     */
    public boolean step(Model model, double metric) {
        Checks.notNull("model", model);
        return controller.step(network(model), metric, "metric passed to step(Model, double)").isReduced();
    }

    /** The adapter of {@code model}, built once per network (the layers are resolved here); see {@link NetworkBinding}. */
    NetworkAdapter network(Model model) {
        return binding.adapterFor(model);
    }

    // ------------------------------------------------------------------ state and reporting

    @Override
    public PlateauController getController() {
        return controller;
    }

    /**
     * Continues from a saved {@link #state()} (its settings win). Also clears the partial training-score average
     * and the epoch/iteration counters used for {@code evaluateEvery...}, so resume at an evaluation boundary.
     *
     * @throws IllegalArgumentException if the state's mode differs from this listener's mode
     */
    @Override
    public void restoreState(PlateauPolicy.State state) {
        controller.restoreState(state);
        this.epochEndsSeen = 0;
        this.iterationsSeen = 0;
        source.reset();
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateauListener(source=" + source.description() + ", mode=" + getMode()
                + (evaluateEveryIterations > 0 ? ", evaluateEveryIterations=" + evaluateEveryIterations
                : ", evaluateEveryEpochs=" + evaluateEveryEpochs)
                + ", layers=" + layers + ", policy=" + controller.getPolicy() + ")";
    }

    /**
     * Builder: the timing here; the metric source from {@link MetricSourceBuilder}; every plateau setting, layer
     * choice, callback and saved state from the builders it extends (shared with the other front ends). Values are
     * checked as they are set, conflicts in {@link #build()}.
     */
    public static final class Builder extends MetricSourceBuilder<Builder> {
        private Integer evaluateEveryEpochs;
        private Integer evaluateEveryIterations;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Evaluate at every {@code n}-th {@code onEpochEnd}; {@code > 0}, default 1. */
        public Builder evaluateEveryEpochs(int n) {
            this.evaluateEveryEpochs = Checks.positive("evaluateEveryEpochs", n);
            return this;
        }

        /** Evaluate at every {@code n}-th {@code iterationDone} instead of at epoch ends; {@code > 0}. */
        public Builder evaluateEveryIterations(int n) {
            this.evaluateEveryIterations = Checks.positive("evaluateEveryIterations", n);
            return this;
        }

        /** @throws IllegalArgumentException for conflicting settings or a saved state of the other mode */
        public ReduceLROnPlateauListener build() {
            MetricSource source = metricSource();
            Checks.check(!(evaluateEveryEpochs != null && evaluateEveryIterations != null),
                    "set at most one of evaluateEveryEpochs(int) and evaluateEveryIterations(int)");
            LayerSelection layers = layerSelection();
            int everyEpochs = evaluateEveryIterations != null ? 0 : evaluateEveryEpochs == null ? 1 : evaluateEveryEpochs;
            int everyIterations = evaluateEveryIterations == null ? 0 : evaluateEveryIterations;
            return new ReduceLROnPlateauListener(source, everyEpochs, everyIterations, layers,
                    controller(source.direction(), "listener"));
        }
    }
}
