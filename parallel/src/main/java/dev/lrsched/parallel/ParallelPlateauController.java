package dev.lrsched.parallel;

import dev.lrsched.listeners.MetricSourceBuilder;
import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * ReduceLROnPlateau for DL4J {@link ParallelWrapper} training: the driver-side front end of the plateau core
 * ({@link PlateauController}: PyTorch 1.13 rules, the listener's rescaling), with every metric source of the
 * {@code ReduceLROnPlateauListener} (validation iterators and {@code Metric}, a {@code ScoreCalculator}, the
 * training score). It runs on the thread that calls {@code ParallelWrapper.fit}, between fits:
 * <pre>
 *   per epoch:
 *     wrapper.fit(train)           // workers train replicas; averaged into the main network
 *     evaluate the main network    // the metric source, on this thread
 *     step the plateau             // maybe reduce the main network's learning rates (fixed LR or ScaledSchedule)
 *     main.epochCount += 1         // ParallelWrapper never advances it (fit(DataSet) per batch)
 * </pre>
 * {@link #fitEpochs} runs that loop; after a {@code wrapper.fit} of your own, call {@link #endEpoch}.
 *
 * <h2>Why a reduction reaches the workers</h2>
 * In DL4J 1.0.0-M2.1 every {@code ParallelWrapper.fit} creates its trainers anew (its {@code close()} drops
 * them): worker 0 trains the main network itself, each other worker a network built from the main network's
 * configuration JSON (learning rates and counters included), parameters and updater state. A reduction made
 * on the main network after one fit is therefore used by every worker in the next fit, and the epoch counter
 * advanced here reaches them too, so EPOCH schedules advance. (A {@code ReduceLROnPlateauListener} attached to
 * the network or the wrapper runs on the worker threads instead, and fails with an explanation.)
 *
 * <h2>DL4J's own caveats (not changed by this class)</h2>
 * <ul>
 *   <li>Iteration counter: each worker counts only its own minibatches, and the main network is worker 0's, so
 *       after a fit its iteration counter has grown by its share (about batches / workers). ITERATION
 *       schedules advance once per averaging round: size them in rounds, not batches.</li>
 *   <li>Work after the last averaging round of a fit is dropped for the other workers (their replicas are
 *       closed; only worker 0's updates are in the main network). Use {@code averagingFrequency(1)} or a number
 *       of batches per epoch that is a multiple of {@code workers * averagingFrequency}.</li>
 *   <li>Replicas copy the main network's parameters on their own threads while worker 0 may already be
 *       training it, so a fit's first averaging round does not always start every worker from the same
 *       parameters; ParallelWrapper training is not reproducible run to run.</li>
 * </ul>
 *
 * <h2>Training score</h2>
 * Without a metric source the metric is the minibatch score averaged over all workers' iterations since the
 * previous evaluation: the controller adds a small collecting listener to the wrapper ({@code setListeners}
 * adds) the first time it sees it, before a fit in {@link #fitEpoch}/{@link #fitEpochs}, at the end of the epoch
 * in {@link #endEpoch} (so in a loop of your own the first epoch falls back to the main network's score, which
 * ParallelWrapper sets to the last averaged score).
 *
 * <p>The controller lives on the driver, is not thread-safe and belongs to one training run; {@link #state()} /
 * {@code Builder.restoreState} / {@code restoreStateFrom(modelFile)} persist it.
 *
 * <p>Usage: {@code ParallelPlateauController.builder().validation(valIter, Metric.LOSS).factor(0.5).patience(3)
 * .build().fitEpochs(wrapper, trainIter, 50);}
 */
public final class ParallelPlateauController implements PlateauFrontEnd {

    private static final String OWNER = "ParallelPlateauController";

    private final MetricSource source;
    private final LayerSelection layers;
    private final PlateauController controller;
    private final List<ParallelWrapper> collecting = new ArrayList<>();
    private NetworkAdapter network;

    /** A builder; metric: the training score unless a source is set; plateau settings PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private ParallelPlateauController(MetricSource source, LayerSelection layers, PlateauController controller) {
        this.source = source;
        this.layers = layers;
        this.controller = controller;
    }

    /**
     * {@code nEpochs} times {@link #fitEpoch(ParallelWrapper, DataSetIterator)}.
     *
     * @return the steps of these epochs (also appended to {@link #getHistory()})
     */
    public List<PlateauStep> fitEpochs(ParallelWrapper wrapper, DataSetIterator train, int nEpochs) {
        Checks.notNull("train", train);
        return loop(wrapper, nEpochs, w -> w.fit(train));
    }

    /** As {@link #fitEpochs(ParallelWrapper, DataSetIterator, int)}, with MultiDataSets (ComputationGraph). */
    public List<PlateauStep> fitEpochs(ParallelWrapper wrapper, MultiDataSetIterator train, int nEpochs) {
        Checks.notNull("train", train);
        return loop(wrapper, nEpochs, w -> w.fit(train));
    }

    /** One epoch: {@code wrapper.fit(train)}, then {@link #endEpoch(ParallelWrapper)}. */
    public PlateauStep fitEpoch(ParallelWrapper wrapper, DataSetIterator train) {
        Checks.notNull("train", train);
        return loop(wrapper, 1, w -> w.fit(train)).get(0);
    }

    /** As {@link #fitEpoch(ParallelWrapper, DataSetIterator)}, with MultiDataSets (ComputationGraph). */
    public PlateauStep fitEpoch(ParallelWrapper wrapper, MultiDataSetIterator train) {
        Checks.notNull("train", train);
        return loop(wrapper, 1, w -> w.fit(train)).get(0);
    }

    private List<PlateauStep> loop(ParallelWrapper wrapper, int nEpochs, Consumer<ParallelWrapper> fitOnce) {
        Checks.notNull("wrapper", wrapper);
        Checks.positive("nEpochs", nEpochs);
        collectTrainingScore(wrapper);
        List<PlateauStep> steps = new ArrayList<>();
        for (int e = 0; e < nEpochs; e++) {
            fitOnce.accept(wrapper);
            steps.add(endEpoch(wrapper));
        }
        return steps;
    }

    /**
     * Ends an epoch after your own {@code wrapper.fit(...)}: evaluates the metric source on the main network,
     * steps the policy (reducing the main network's learning rates if due), then advances the main network's
     * epoch counter by one (as {@code MultiLayerNetwork.fit(iterator)} does after its {@code onEpochEnd}).
     *
     * @return this evaluation's step
     */
    public PlateauStep endEpoch(ParallelWrapper wrapper) {
        Checks.notNull("wrapper", wrapper);
        collectTrainingScore(wrapper);
        Model main = wrapper.getModel();
        NetworkAdapter target = network(main);
        double metric = MetricSource.compute(OWNER, controller.nextEvaluation(), source.description(),
                evaluation -> evaluate(main, evaluation));
        return advanceEpoch(target, controller.step(target, metric, source.description()));
    }

    /** As {@link #endEpoch(ParallelWrapper)} with a metric computed by the caller (the source's direction). */
    public PlateauStep endEpoch(ParallelWrapper wrapper, double metric) {
        Checks.notNull("wrapper", wrapper);
        NetworkAdapter target = network(wrapper.getModel());
        return advanceEpoch(target, controller.step(target, metric, "metric passed to endEpoch(wrapper, double)"));
    }

    private static PlateauStep advanceEpoch(NetworkAdapter target, PlateauStep step) {
        target.setCounters(target.getIterationCount(), target.getEpochCount() + 1);
        return step;
    }

    private double evaluate(Model main, long evaluation) {
        synchronized (source) {
            return source.evaluate(main, evaluation);
        }
    }

    private NetworkAdapter network(Model main) {
        if (network == null || network.getModel() != main) {
            network = NetworkAdapter.of(OWNER, main, layers);
        }
        return network;
    }

    /** Adds the training-score collector to {@code wrapper} once (only needed for the training-score source). */
    private void collectTrainingScore(ParallelWrapper wrapper) {
        if (collecting.stream().noneMatch(w -> w == wrapper)) {
            collecting.add(wrapper);
            wrapper.setListeners(new TrainingScoreCollector(source));
        }
    }

    /** Feeds every worker's iterations to the source (the training score accumulates there), one at a time. */
    private static final class TrainingScoreCollector extends BaseTrainingListener {
        private final MetricSource source;

        TrainingScoreCollector(MetricSource source) {
            this.source = source;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            synchronized (source) {
                source.iterationDone(model);
            }
        }
    }

    @Override
    public PlateauController getController() {
        return controller;
    }

    @Override
    public String toString() {
        return "ParallelPlateauController(source=" + source.description() + ", mode=" + getMode() + ", layers="
                + layers + ", policy=" + controller.getPolicy() + ")";
    }

    /**
     * Builder: the metric source from {@link MetricSourceBuilder} (shared with the listener); every plateau
     * setting, layer choice, callback and saved state from the builders it extends. Values are checked as they are
     * set, conflicts in {@link #build()}.
     */
    public static final class Builder extends MetricSourceBuilder<Builder> {

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @throws IllegalArgumentException for conflicting settings or a saved state of the other mode */
        public ParallelPlateauController build() {
            MetricSource source = metricSource();
            return new ParallelPlateauController(source, layerSelection(), controller(source.direction(), "controller"));
        }
    }
}
