package dev.lrsched.spark;

import dev.lrsched.listeners.LearningRateReducer;
import dev.lrsched.listeners.PlateauPolicy;
import dev.lrsched.listeners.PlateauPolicy.NanPolicy;
import dev.lrsched.listeners.PlateauPolicy.State;
import dev.lrsched.listeners.PlateauPolicy.ThresholdMode;
import dev.lrsched.listeners.ReduceLROnPlateauListener.HistoryEntry;
import dev.lrsched.listeners.ReduceLROnPlateauListener.Metric;
import dev.lrsched.listeners.ReduceLROnPlateauListener.Mode;
import dev.lrsched.listeners.ReduceLROnPlateauListener.ReductionEvent;
import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.impl.common.reduce.LongDoubleReduceFunction;
import org.deeplearning4j.spark.impl.graph.scoring.ScoreFlatMapFunctionCGDataSet;
import org.deeplearning4j.spark.impl.graph.scoring.ScoreFlatMapFunctionCGMultiDataSet;
import org.deeplearning4j.spark.impl.multilayer.scoring.ScoreFlatMapFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Tuple2;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReduceLROnPlateau for DL4J Spark training ({@link SparkDl4jMultiLayer}, {@link SparkComputationGraph}): the
 * driver-side adapter of {@link PlateauPolicy} (PyTorch 1.13 {@code ReduceLROnPlateau} rules) and
 * {@link LearningRateReducer} (the rescaling shared with {@code ReduceLROnPlateauListener}).
 *
 * <p>{@code sparkNet.fit(rdd)} never calls the driver network's {@code TrainingListener}s (and listeners set
 * with {@code sparkNet.setListeners} run on per-split worker copies whose LR changes are discarded), so a
 * listener-based ReduceLROnPlateau never fires under Spark. Instead, call this controller on the driver
 * between {@code fit} calls:
 * <pre>
 *   for each epoch:
 *     sparkNet.fit(trainRdd)                       // workers train with the driver network's configuration
 *     controller.step(sparkNet, validationRdd)     // metric through Spark evaluation, then maybe reduce
 *   lr      = learning rate of each chosen layer at the driver network's iteration/epoch counters
 *   newLr   = policy.reduce(lr) = max(lr * factor, minValue), unchanged if lr - newLr &lt;= eps
 *   fixed LR    -&gt; setLearningRate(layer, newLr)
 *   ISchedule s -&gt; setLearningRate(layer, new ScaledSchedule(s, newLr / lr))   (never a fixed double)
 * </pre>
 * The change lives in the driver network's configuration, which {@code fit} broadcasts to the workers, so the
 * next {@code fit} trains with it: a warmup + cosine schedule keeps running on the workers, scaled.
 *
 * <p>Metric sources for {@code step(sparkNet, rdd)}: {@link Metric#LOSS} = average loss per example, computed
 * like {@code sparkNet.calculateScore(rdd, true)} (DL4J's scoring functions) but on a broadcast <em>copy</em> of
 * the parameters (see {@code docs/spark.md}: with Kryo, DL4J's live-parameter broadcast broke the next fit); ACCURACY/F1/PRECISION/RECALL = {@code sparkNet.evaluate(rdd)};
 * AUC = {@code evaluateROCMultiClass(rdd)} (average one-vs-all AUC, {@value #ROC_THRESHOLD_STEPS} threshold
 * steps, DL4J's Spark default); MSE/MAE/RMSE/R2 = {@code evaluateRegression(rdd)}, averaged over columns.
 * The direction ({@link Mode#AUTO}) comes from the metric, as in the listener; {@code step(sparkNet, double)}
 * uses the configured metric's direction for a value computed by the caller. Any exception thrown by the
 * Spark evaluation is rethrown as {@link IllegalStateException} naming the evaluation; a LOSS evaluation of an
 * RDD without examples is an {@link IllegalStateException} ("validation data is empty ...").
 *
 * <p>The controller lives on the driver only (it is not serializable and never enters a Spark closure). It is
 * not thread-safe and belongs to one training run; {@link #state()} / {@link Builder#restoreState(State)}
 * persist it next to the network saved with {@code ModelSerializer}.
 *
 * <p>Usage: {@code SparkPlateauController.builder().metric(Metric.LOSS).factor(0.5).patience(3).minValue(1e-6)
 * .build().fitEpochs(sparkNet, trainRdd, validationRdd, 50);}
 */
public final class SparkPlateauController {

    private static final Logger log = LoggerFactory.getLogger(SparkPlateauController.class);

    /** Threshold steps of the AUC metric's {@code ROCMultiClass} (DL4J Spark's default). */
    public static final int ROC_THRESHOLD_STEPS = SparkDl4jMultiLayer.DEFAULT_ROC_THRESHOLD_STEPS;

    private final Metric metric;
    private final PlateauPolicy.Mode mode;
    private final LearningRateReducer reducer;
    private final Consumer<ReductionEvent> onReduction;
    private PlateauPolicy policy;
    private final List<HistoryEntry> history = new ArrayList<>();

    private SparkPlateauController(Builder b) {
        this.metric = Checks.notNull("metric", b.metric);
        Checks.notNull("mode", b.mode);
        PlateauPolicy.Mode sourceMode = metric.minimize() ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
        this.mode = b.mode == Mode.AUTO ? sourceMode
                : b.mode == Mode.MIN ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
        this.reducer = new LearningRateReducer("SparkPlateauController", b.layerNames, b.layerIndices);
        this.onReduction = b.onReduction;
        this.policy = b.policy.mode(mode).build();
        if (b.restoreState != null) {
            restoreState(b.restoreState);
        }
    }

    /** A builder; metric LOSS, plateau settings PyTorch's defaults ({@link PlateauPolicy.Builder}). */
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
        double value = evaluate(() -> metricOf(sparkNet, validation));
        return stepWith(sparkNet.getNetwork(), value, "validation " + metric);
    }

    /** As {@link #step(SparkDl4jMultiLayer, JavaRDD)}, for a {@link SparkComputationGraph} with DataSets. */
    public boolean step(SparkComputationGraph sparkNet, JavaRDD<DataSet> validation) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("validation", validation);
        double value = evaluate(() -> metricOf(sparkNet, validation));
        return stepWith(sparkNet.getNetwork(), value, "validation " + metric);
    }

    /** As {@link #step(SparkComputationGraph, JavaRDD)}, with a MultiDataSet validation RDD. */
    public boolean stepMultiDataSet(SparkComputationGraph sparkNet, JavaRDD<MultiDataSet> validation) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("validation", validation);
        double value = evaluate(() -> metricOfMultiDataSet(sparkNet, validation));
        return stepWith(sparkNet.getNetwork(), value, "validation " + metric);
    }

    // ------------------------------------------------------------------ loops

    /**
     * {@code nEpochs} times: {@code sparkNet.fit(train)}, then {@link #step(SparkDl4jMultiLayer, JavaRDD)} on
     * {@code validation}, or, if {@code validation} is null, {@code step(sparkNet, sparkNet.getScore())}
     * (the averaged training score of the last fit; use metric LOSS or mode MIN).
     *
     * @return the history entries of these epochs (also appended to {@link #getHistory()})
     */
    public List<HistoryEntry> fitEpochs(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> train,
                                        JavaRDD<DataSet> validation, int nEpochs) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("train", train);
        return fitLoop(nEpochs, () -> sparkNet.fit(train),
                validation == null ? null : () -> step(sparkNet, validation),
                sparkNet::getNetwork, sparkNet::getScore);
    }

    /** As {@link #fitEpochs(SparkDl4jMultiLayer, JavaRDD, JavaRDD, int)}, for a {@link SparkComputationGraph}. */
    public List<HistoryEntry> fitEpochs(SparkComputationGraph sparkNet, JavaRDD<DataSet> train,
                                        JavaRDD<DataSet> validation, int nEpochs) {
        Checks.notNull("sparkNet", sparkNet);
        Checks.notNull("train", train);
        return fitLoop(nEpochs, () -> sparkNet.fit(train),
                validation == null ? null : () -> step(sparkNet, validation),
                sparkNet::getNetwork, sparkNet::getScore);
    }

    /** As {@link #fitEpochs(SparkComputationGraph, JavaRDD, JavaRDD, int)}, with MultiDataSet RDDs. */
    public List<HistoryEntry> fitEpochsMultiDataSet(SparkComputationGraph sparkNet, JavaRDD<MultiDataSet> train,
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
    private List<HistoryEntry> fitLoop(int nEpochs, Runnable fitOnce, Runnable validate,
                                       Supplier<? extends Model> network, DoubleSupplier trainingScore) {
        Checks.positive("nEpochs", nEpochs);
        int first = history.size();
        for (int e = 0; e < nEpochs; e++) {
            fitOnce.run();
            if (validate != null) {
                validate.run();
            } else {
                stepWith(network.get(), trainingScore.getAsDouble(), "average training score");
            }
            logEpoch(e, nEpochs);
        }
        return List.copyOf(history.subList(first, history.size()));
    }

    private void logEpoch(int e, int nEpochs) {
        if (log.isDebugEnabled()) {
            log.debug("SparkPlateauController: epoch {}/{}: {}", e + 1, nEpochs, history.get(history.size() - 1));
        }
    }

    // ------------------------------------------------------------------ internals

    private boolean stepWith(Model network, double value, String description) {
        LearningRateReducer.StepResult r = reducer.step(network, policy, value, description);
        if (r.getReductionEvent() != null && onReduction != null) {
            onReduction.accept(r.getReductionEvent());
        }
        history.add(r.getHistoryEntry());
        return r.isReduced();
    }

    private double evaluate(Supplier<Double> computation) {
        long evaluation = policy.getLastEpoch() + 1;
        try {
            return computation.get();
        } catch (EmptyValidationException e) {
            throw new IllegalStateException(e.getMessage() + " (evaluation #" + evaluation + ")");
        } catch (Exception e) { // SparkException is checked but thrown undeclared from Scala
            throw new IllegalStateException("SparkPlateauController: evaluation #" + evaluation + " (validation "
                    + metric + ") failed: " + e, e);
        }
    }

    /**
     * Average loss per example, as {@code sparkNet.calculateScore(rdd, true)} computes it (same DL4J scoring
     * functions and minibatch size), but broadcasting a <em>copy</em> of the parameters. DL4J broadcasts the live
     * {@code network.params()} view; with Kryo on Spark 3.5 the driver network's parameter buffer was found
     * released afterwards, so the next {@code fit} failed ("You can't use DataBuffer once it was released") or
     * crashed in native code. The copy is destroyed after use.
     */
    private static double averageLoss(JavaRDD<?> rdd, org.deeplearning4j.nn.api.Model network,
                                      java.util.function.Function<Broadcast<INDArray>, JavaRDD<Tuple2<Long, Double>>> scorer) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rdd.context());
        Broadcast<INDArray> params = sc.broadcast(network.params().dup());
        try {
            Tuple2<Long, Double> countAndSum = scorer.apply(params).reduce(new LongDoubleReduceFunction());
            if (countAndSum._1() == 0) {
                throw new EmptyValidationException("validation data is empty: the validation RDD has no examples");
            }
            return countAndSum._2() / countAndSum._1();
        } finally {
            params.destroy();
        }
    }

    private static double averageLoss(SparkDl4jMultiLayer net, JavaRDD<DataSet> rdd) {
        String json = net.getNetwork().getLayerWiseConfigurations().toJson();
        return averageLoss(rdd, net.getNetwork(), p -> rdd.mapPartitions(
                new ScoreFlatMapFunction(json, p, SparkDl4jMultiLayer.DEFAULT_EVAL_SCORE_BATCH_SIZE))
                .map(t -> new Tuple2<>((long) t._1(), t._2())));
    }

    private static double averageLoss(SparkComputationGraph net, JavaRDD<DataSet> rdd) {
        String json = net.getNetwork().getConfiguration().toJson();
        return averageLoss(rdd, net.getNetwork(), p -> rdd.mapPartitions(
                new ScoreFlatMapFunctionCGDataSet(json, p, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
    }

    private static double averageLossMultiDataSet(SparkComputationGraph net, JavaRDD<MultiDataSet> rdd) {
        String json = net.getNetwork().getConfiguration().toJson();
        return averageLoss(rdd, net.getNetwork(), p -> rdd.mapPartitions(
                new ScoreFlatMapFunctionCGMultiDataSet(json, p, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
    }

    private double metricOf(SparkDl4jMultiLayer net, JavaRDD<DataSet> rdd) {
        return metricFrom(() -> averageLoss(net, rdd), () -> net.evaluate(rdd),
                () -> net.evaluateROCMultiClass(rdd), () -> net.evaluateRegression(rdd));
    }

    private double metricOf(SparkComputationGraph net, JavaRDD<DataSet> rdd) {
        return metricFrom(() -> averageLoss(net, rdd), () -> net.evaluate(rdd),
                () -> net.evaluateROCMultiClass(rdd), () -> net.evaluateRegression(rdd));
    }

    private double metricOfMultiDataSet(SparkComputationGraph net, JavaRDD<MultiDataSet> rdd) {
        return metricFrom(() -> averageLossMultiDataSet(net, rdd), () -> net.evaluateMDS(rdd),
                () -> net.doEvaluationMDS(rdd, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE,
                        new ROCMultiClass(ROC_THRESHOLD_STEPS))[0],
                () -> net.evaluateRegressionMDS(rdd));
    }

    /** The configured metric, computed by whichever of the network type's Spark evaluations it needs. */
    private double metricFrom(DoubleSupplier loss, Supplier<Evaluation> classification, Supplier<ROCMultiClass> roc,
                              Supplier<RegressionEvaluation> regression) {
        switch (metric) {
            case LOSS:
                return loss.getAsDouble();
            case ACCURACY:
            case F1:
            case PRECISION:
            case RECALL:
                return classification.get().scoreForMetric(Evaluation.Metric.valueOf(metric.name()));
            case AUC:
                return roc.get().calculateAverageAUC();
            default:
                return regression.get().scoreForMetric(RegressionEvaluation.Metric.valueOf(metric.name()));
        }
    }

    /** Marker for empty validation data, not wrapped as an evaluation failure. */
    private static final class EmptyValidationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EmptyValidationException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ state and reporting

    /** The policy state (settings and counters), for persisting alongside the model. */
    public State state() {
        return policy.state();
    }

    /**
     * Replaces the policy with one restored from {@code state} (like PyTorch {@code load_state_dict}: the
     * state's settings win).
     *
     * @throws IllegalArgumentException if the state's mode differs from this controller's mode
     */
    public void restoreState(State state) {
        Checks.notNull("state", state);
        Checks.check(state.getMode() == mode, "state mode " + state.getMode() + " does not match the controller's"
                + " mode " + mode);
        this.policy = PlateauPolicy.restore(state);
    }

    /** The monitored metric (for {@code step(sparkNet, rdd)}). */
    public Metric getMetric() {
        return metric;
    }

    /** The resolved direction (MIN or MAX). */
    public PlateauPolicy.Mode getMode() {
        return mode;
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

    /** Read-only view of one entry per step of this instance (not restored by restoreState). */
    public List<HistoryEntry> getHistory() {
        return Collections.unmodifiableList(history);
    }

    @Override
    public String toString() {
        return "SparkPlateauController(metric=" + metric + ", mode=" + mode + ", layers="
                + reducer.describeLayers() + ", policy=" + policy + ")";
    }

    /** Builder. Validation happens in {@link #build()} (policy settings) and in the setters (nulls). */
    public static final class Builder {
        private Metric metric = Metric.LOSS;
        private Mode mode = Mode.AUTO;
        private final PlateauPolicy.Builder policy = PlateauPolicy.builder();
        private List<String> layerNames;
        private int[] layerIndices;
        private Consumer<ReductionEvent> onReduction;
        private State restoreState;

        private Builder() {
        }

        /** The metric {@code step(sparkNet, rdd)} computes; its direction is the default mode. Default LOSS. */
        public Builder metric(Metric metric) {
            this.metric = Checks.notNull("metric", metric);
            return this;
        }

        /** AUTO (default: from the metric), or MIN/MAX to override. */
        public Builder mode(Mode mode) {
            this.mode = Checks.notNull("mode", mode);
            return this;
        }

        /** torch {@code factor}, Keras {@code factor}: in (0, 1), default 0.1. */
        public Builder factor(double factor) {
            policy.factor(factor);
            return this;
        }

        /** torch {@code patience} (Keras patience - 1): {@code >= 0}, default 10. */
        public Builder patience(int patience) {
            policy.patience(patience);
            return this;
        }

        /** torch {@code threshold} (Keras {@code min_delta} with ABS): finite, {@code >= 0}, default 1e-4. */
        public Builder threshold(double threshold) {
            policy.threshold(threshold);
            return this;
        }

        /** torch {@code threshold_mode}: REL (default) or ABS (Keras). */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            policy.thresholdMode(thresholdMode);
            return this;
        }

        /** torch/Keras {@code cooldown}: {@code >= 0}, default 0. */
        public Builder cooldown(int cooldown) {
            policy.cooldown(cooldown);
            return this;
        }

        /**
         * torch/Keras {@code min_lr}: finite, {@code >= 0}, default 0. With Adam use a value {@code > 0}: DL4J's
         * Adam treats a learning rate of exactly 0 as epsilon, so 0 is not a freeze.
         */
        public Builder minValue(double minValue) {
            policy.minValue(minValue);
            return this;
        }

        /** torch {@code eps}: finite, {@code >= 0}, default 1e-8. */
        public Builder eps(double eps) {
            policy.eps(eps);
            return this;
        }

        /** What a NaN/infinite metric does: COUNT_AS_BAD (default) or FAIL. */
        public Builder nanPolicy(NanPolicy nanPolicy) {
            policy.nanPolicy(nanPolicy);
            return this;
        }

        /** Reduce only these layers (by name; MultiLayerNetwork default names are "layer0", "layer1", ...). */
        public Builder layers(String... names) {
            Checks.notNull("layers", names);
            Checks.check(names.length > 0, "layers must name at least one layer");
            this.layerNames = Checks.noNulls("layers", Arrays.asList(names.clone()));
            return this;
        }

        /** Reduce only these layers of a MultiLayerNetwork (by index). */
        public Builder layerIndices(int... indices) {
            Checks.notNull("layerIndices", indices);
            Checks.check(indices.length > 0, "layerIndices must name at least one layer");
            this.layerIndices = indices.clone();
            return this;
        }

        /** Called on the driver after each reduction. */
        public Builder onReduction(Consumer<ReductionEvent> callback) {
            this.onReduction = Checks.notNull("onReduction", callback);
            return this;
        }

        /** Start from a saved {@link SparkPlateauController#state()} (its settings win). */
        public Builder restoreState(State state) {
            this.restoreState = Checks.notNull("state", state);
            return this;
        }

        /** @throws IllegalArgumentException for invalid or conflicting settings */
        public SparkPlateauController build() {
            return new SparkPlateauController(this);
        }
    }
}
