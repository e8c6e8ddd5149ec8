package dev.lrsched.spark;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.network.NetworkPlateauBuilder;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.schedules.support.Checks;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongToDoubleFunction;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReduceLROnPlateau for DL4J Spark training ({@link SparkDl4jMultiLayer}, {@link SparkComputationGraph}): the
 * driver-side front end of the plateau core ({@link PlateauController}: PyTorch 1.13 rules, the listener's
 * rescaling). It only adds Spark evaluation of a validation RDD.
 *
 * <p>{@code sparkNet.fit(rdd)} never calls the driver network's {@code TrainingListener}s (and listeners set
 * with {@code sparkNet.setListeners} run on per-split worker copies whose LR changes are discarded), so a
 * listener-based ReduceLROnPlateau never fires under Spark. Instead, call this controller on the driver
 * between {@code fit} calls:
 * <pre>
 *   for each epoch:
 *     sparkNet.fit(trainRdd)                       // workers train with the driver network's configuration
 *     controller.step(sparkNet, validationRdd)     // metric through Spark evaluation, then maybe reduce
 * </pre>
 * A reduction changes the driver network's configuration (a fixed LR, or a {@code ScaledSchedule} around the
 * schedule), which the next {@code fit} broadcasts to the workers: a warmup + cosine schedule keeps running on
 * the workers, scaled.
 *
 * <p>Metrics for {@code step(sparkNet, rdd)}: {@link Metric#LOSS} = average loss per example, computed like
 * {@code sparkNet.calculateScore(rdd, true)} but on a broadcast <em>copy</em> of the parameters (see
 * {@code docs/spark.md}: with Kryo, DL4J's live-parameter broadcast broke the next fit); every other metric
 * through {@code sparkNet.doEvaluation} with the evaluation {@link Metric} names (AUC with
 * {@value #ROC_THRESHOLD_STEPS} threshold steps, DL4J Spark's default). The direction ({@code Mode.AUTO}) comes
 * from the metric; {@code step(sparkNet, double)} uses it for a value computed by the caller. Any exception
 * thrown by the Spark evaluation is rethrown as {@link IllegalStateException} naming the evaluation; a LOSS
 * evaluation of an RDD without examples is an {@link IllegalStateException} ("validation data is empty ...").
 *
 * <p>The controller lives on the driver only (it is not serializable and never enters a Spark closure). It is
 * not thread-safe and belongs to one training run; {@link #state()} / {@link Builder#restoreState} persist it
 * next to the network saved with {@code ModelSerializer}.
 *
 * <p>Usage: {@code SparkPlateauController.builder().metric(Metric.LOSS).factor(0.5).patience(3).minValue(1e-6)
 * .build().fitEpochs(sparkNet, trainRdd, validationRdd, 50);}
 */
public final class SparkPlateauController implements PlateauFrontEnd {

    private static final Logger log = LoggerFactory.getLogger(SparkPlateauController.class);
    private static final String OWNER = "SparkPlateauController";

    /** Threshold steps of the AUC metric's {@code ROCMultiClass} (DL4J Spark's default). */
    public static final int ROC_THRESHOLD_STEPS = SparkMetrics.ROC_THRESHOLD_STEPS;

    private final Metric metric;
    private final LayerSelection layers;
    private final PlateauController controller;
    private NetworkAdapter network;

    private SparkPlateauController(Metric metric, LayerSelection layers, PlateauController controller) {
        this.metric = metric;
        this.layers = layers;
        this.controller = controller;
    }

    /** A builder; metric LOSS, plateau settings PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ step with a metric

    /**
     * Steps the policy with a metric computed by the caller (direction of the configured metric, or the mode)
     * and reduces the driver network's learning rates if due. Call after {@code sparkNet.fit(...)}.
     *
     * @return true if the learning rate was reduced
     */
    public boolean step(SparkDl4jMultiLayer sparkNet, double metric) {
        Checks.notNull("sparkNet", sparkNet);
        return stepWith(sparkNet.getNetwork(), metric, "metric passed to step(sparkNet, double)");
    }

    /** As {@link #step(SparkDl4jMultiLayer, double)}, for a {@link SparkComputationGraph}. */
    public boolean step(SparkComputationGraph sparkNet, double metric) {
        Checks.notNull("sparkNet", sparkNet);
        return stepWith(sparkNet.getNetwork(), metric, "metric passed to step(sparkNet, double)");
    }

    // ------------------------------------------------------------------ step with Spark evaluation

    /**
     * Computes the configured metric on {@code validation} through Spark evaluation, steps the policy and
     * reduces the driver network's learning rates if due.
     *
     * @return true if the learning rate was reduced
     */
    public boolean step(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> validation) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("validation", validation);
        return stepOn(sparkNet.getNetwork(), e -> SparkMetrics.of(metric, sparkNet, validation, e));
    }

    /** As {@link #step(SparkDl4jMultiLayer, JavaRDD)}, for a {@link SparkComputationGraph} with DataSets. */
    public boolean step(SparkComputationGraph sparkNet, JavaRDD<DataSet> validation) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("validation", validation);
        return stepOn(sparkNet.getNetwork(), e -> SparkMetrics.of(metric, sparkNet, validation, e));
    }

    /** As {@link #step(SparkComputationGraph, JavaRDD)}, with a MultiDataSet validation RDD. */
    public boolean stepMultiDataSet(SparkComputationGraph sparkNet, JavaRDD<MultiDataSet> validation) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("validation", validation);
        return stepOn(sparkNet.getNetwork(), e -> SparkMetrics.ofMultiDataSet(metric, sparkNet, validation, e));
    }

    // ------------------------------------------------------------------ loops

    /**
     * {@code nEpochs} times: {@code sparkNet.fit(train)}, then {@link #step(SparkDl4jMultiLayer, JavaRDD)} on
     * {@code validation}, or, if {@code validation} is null, {@code step(sparkNet, sparkNet.getScore())}
     * (the averaged training score of the last fit; use metric LOSS or mode MIN).
     *
     * @return the steps of these epochs (also appended to {@link #getHistory()})
     */
    public List<PlateauStep> fitEpochs(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> train,
                                       JavaRDD<DataSet> validation, int nEpochs) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("train", train);
        return fitLoop(nEpochs, () -> sparkNet.fit(train),
                validation == null ? null : () -> step(sparkNet, validation),
                sparkNet::getNetwork, sparkNet::getScore);
    }

    /** As {@link #fitEpochs(SparkDl4jMultiLayer, JavaRDD, JavaRDD, int)}, for a {@link SparkComputationGraph}. */
    public List<PlateauStep> fitEpochs(SparkComputationGraph sparkNet, JavaRDD<DataSet> train,
                                       JavaRDD<DataSet> validation, int nEpochs) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("train", train);
        return fitLoop(nEpochs, () -> sparkNet.fit(train),
                validation == null ? null : () -> step(sparkNet, validation),
                sparkNet::getNetwork, sparkNet::getScore);
    }

    /** As {@link #fitEpochs(SparkComputationGraph, JavaRDD, JavaRDD, int)}, with MultiDataSet RDDs. */
    public List<PlateauStep> fitEpochsMultiDataSet(SparkComputationGraph sparkNet, JavaRDD<MultiDataSet> train,
                                                   JavaRDD<MultiDataSet> validation, int nEpochs) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("train", train);
        return fitLoop(nEpochs, () -> sparkNet.fitMultiDataSet(train),
                validation == null ? null : () -> stepMultiDataSet(sparkNet, validation),
                sparkNet::getNetwork, sparkNet::getScore);
    }

    /**
     * The loop behind every {@code fitEpochs}: fit once, then step on the validation data, or (when
     * {@code validate} is null) on the averaged training score of that fit.
     */
    private List<PlateauStep> fitLoop(int nEpochs, Runnable fitOnce, Runnable validate,
                                      Supplier<? extends Model> network, DoubleSupplier trainingScore) {
        Checks.positive("nEpochs", nEpochs);
        List<PlateauStep> history = controller.getHistory();
        int first = history.size();
        for (int e = 0; e < nEpochs; e++) {
            fitOnce.run();
            if (validate != null) {
                validate.run();
            } else {
                stepWith(network.get(), trainingScore.getAsDouble(), "average training score");
            }
            if (log.isDebugEnabled()) {
                log.debug("SparkPlateauController: epoch {}/{}: {}", e + 1, nEpochs, history.get(history.size() - 1));
            }
        }
        return List.copyOf(history.subList(first, history.size()));
    }

    // ------------------------------------------------------------------ internals

    /** Evaluates (failures name the evaluation), then steps. */
    private boolean stepOn(Model network, LongToDoubleFunction evaluation) {
        String description = "validation " + metric;
        double value = MetricSource.compute(OWNER, controller.nextEvaluation(), description, evaluation);
        return stepWith(network, value, description);
    }

    private boolean stepWith(Model network, double value, String description) {
        if (this.network == null || this.network.getModel() != network) {
            this.network = NetworkAdapter.of(OWNER, network, layers);
        }
        return controller.step(this.network, value, description).isReduced();
    }

    // ------------------------------------------------------------------ state and reporting

    @Override
    public PlateauController getController() {
        return controller;
    }

    /** The monitored metric (for {@code step(sparkNet, rdd)}). */
    public Metric getMetric() {
        return metric;
    }

    @Override
    public String toString() {
        return "SparkPlateauController(metric=" + metric + ", mode=" + getMode() + ", layers=" + layers
                + ", policy=" + controller.getPolicy() + ")";
    }

    /**
     * Builder: the metric here, every plateau setting, layer choice, callback and saved state from
     * {@link NetworkPlateauBuilder} (shared with the listener). Settings are checked as they are set.
     */
    public static final class Builder extends NetworkPlateauBuilder<Builder> {
        private Metric metric = Metric.LOSS;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The metric {@code step(sparkNet, rdd)} computes; its direction is the default mode. Default LOSS. */
        public Builder metric(Metric metric) {
            this.metric = Checks.notNull("metric", metric);
            return this;
        }

        /** @throws IllegalArgumentException for conflicting settings or a saved state of the other mode */
        public SparkPlateauController build() {
            return new SparkPlateauController(metric, layerSelection(), controller(metric.direction(), "controller"));
        }
    }
}
