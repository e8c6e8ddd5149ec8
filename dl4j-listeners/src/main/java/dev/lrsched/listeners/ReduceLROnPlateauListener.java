package dev.lrsched.listeners;

import dev.lrsched.listeners.PlateauPolicy.NanPolicy;
import dev.lrsched.listeners.PlateauPolicy.State;
import dev.lrsched.listeners.PlateauPolicy.ThresholdMode;
import dev.lrsched.listeners.internal.NonAsyncDataSetIterator;
import dev.lrsched.listeners.internal.NonAsyncMultiDataSetIterator;
import dev.lrsched.listeners.internal.RegressionMetricCalculator;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ROCScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.RegressionScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReduceLROnPlateau for Deeplearning4j: a {@code TrainingListener} that evaluates a metric periodically,
 * feeds it to a {@link PlateauPolicy} (PyTorch's {@code ReduceLROnPlateau} logic, see there for the exact
 * rules, the patience table and the Keras names) and, when the metric has plateaued, multiplies the learning
 * rate of the chosen layers by {@code factor}.
 *
 * <h2>What is reduced, and how</h2>
 * For each chosen layer whose updater has a learning rate (and separately for its {@code biasUpdater}, if
 * one is configured and has a learning rate):
 * <pre>
 *   lr      = learning rate now (the schedule evaluated at the network's current iteration/epoch counters)
 *   newLr   = policy.reduce(lr) = max(lr * factor, minValue), unchanged if lr - newLr &lt;= eps
 *   fixed LR         -&gt; net.setLearningRate(layer, newLr)
 *   ISchedule s      -&gt; net.setLearningRate(layer, new ScaledSchedule(s, newLr / lr))
 *                       (an existing ScaledSchedule gets its factor multiplied, never nested)
 * </pre>
 * So warmup/cosine/step schedules keep running, scaled: after reductions with factors {@code f1, f2} the
 * layer's LR at any later step is {@code f1 * f2 * s(iteration, epoch)}. With a schedule, {@code minValue}
 * and {@code eps} are checked against the LR <em>at the moment of the reduction</em>: if {@code lr * factor}
 * would fall below {@code minValue}, the multiplier {@code minValue / lr} is used, so the LR is exactly
 * {@code minValue} now; a decaying schedule may take it lower later. DL4J's {@code setLearningRate} keeps
 * updater state (Adam moments) and the change lives in the network configuration, so {@code ModelSerializer}
 * saves it. Layers without a learning rate (AdaDelta, NoOp, frozen layers) are skipped with one WARN; if no
 * chosen layer has a learning rate the listener fails with {@link IllegalStateException} at its first callback.
 * The rescaling itself is {@link LearningRateReducer}, shared with the Spark controller
 * ({@code dev.lrsched.spark.SparkPlateauController}), whose {@code step} is this listener's {@code step}.
 *
 * <h2>Metric source (at most one)</h2>
 * <ul>
 *   <li>{@code validation(iterator, Metric)}: loss or an evaluation metric on held-out data; the direction
 *       comes from {@link Metric#minimize()}. The iterator is wrapped so DL4J never puts it behind an
 *       {@code AsyncDataSetIterator} (which can hang when the iterator throws, deeplearning4j#7828) and is
 *       reset before each evaluation.</li>
 *   <li>{@code scoreCalculator(ScoreCalculator)}: any DL4J early-stopping calculator; direction from
 *       {@code minimizeScore()}. Its iterators are used as given (prefer in-memory/non-async iterators).</li>
 *   <li>nothing: the training score ({@code model.score()}) averaged over the iterations since the previous
 *       evaluation (MIN).</li>
 * </ul>
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
 * An exception thrown while evaluating is rethrown as {@link IllegalStateException} naming the evaluation,
 * so {@code fit} fails instead of hanging; an empty validation set is an {@link IllegalStateException}
 * ("validation data is empty ..."). A non-finite metric follows {@link PlateauPolicy.NanPolicy}.
 *
 * <h2>State</h2>
 * {@link #state()} returns the policy state (best, bad-epoch and cooldown counters, evaluations seen,
 * reductions); pass it to {@link Builder#restoreState(State)} or {@link #restoreState(State)} when resuming,
 * together with the network saved by {@code ModelSerializer}. Instances are not thread-safe and belong to
 * one training run.
 *
 * <p>Usage: {@code net.addListeners(ReduceLROnPlateauListener.builder().validation(valIter, Metric.LOSS)
 * .factor(0.5).patience(3).build());}
 */
public final class ReduceLROnPlateauListener extends BaseTrainingListener {

    private static final Logger log = LoggerFactory.getLogger(ReduceLROnPlateauListener.class);

    /** Direction of the monitored metric: {@code AUTO} (default) takes it from the metric source. */
    public enum Mode { AUTO, MIN, MAX }

    /** Validation metrics for {@code validation(iterator, Metric)}; each knows whether it is minimized. */
    public enum Metric {
        /** Average loss per example, {@code DataSetLossCalculator(iter, true)}; includes regularization. */
        LOSS(true),
        /** {@code Evaluation} accuracy. */
        ACCURACY(false),
        /** {@code Evaluation} F1 (binary: positive class; multi-class: macro average). */
        F1(false),
        /** {@code Evaluation} precision. */
        PRECISION(false),
        /** {@code Evaluation} recall. */
        RECALL(false),
        /** Average one-vs-all AUC ({@code ROCMultiClass}); for other ROC variants use {@code scoreCalculator}. */
        AUC(false),
        /** {@code RegressionEvaluation} mean squared error, averaged over columns. */
        MSE(true),
        /** {@code RegressionEvaluation} mean absolute error, averaged over columns. */
        MAE(true),
        /** {@code RegressionEvaluation} root mean squared error, averaged over columns. */
        RMSE(true),
        /** {@code RegressionEvaluation} R^2, averaged over columns. */
        R2(false);

        private final boolean minimize;

        Metric(boolean minimize) {
            this.minimize = minimize;
        }

        /** True if smaller values are better. */
        public boolean minimize() {
            return minimize;
        }
    }

    private final ScoreCalculator<Model> calculator;
    private final NonAsyncDataSetIterator dataSetIterator;
    private final NonAsyncMultiDataSetIterator multiDataSetIterator;
    private final String sourceDescription;
    private final PlateauPolicy.Mode mode;
    private final int evaluateEveryEpochs;
    private final int evaluateEveryIterations;
    private final LearningRateReducer reducer;
    private final Consumer<ReductionEvent> onReduction;

    private PlateauPolicy policy;
    private final List<HistoryEntry> history = new ArrayList<>();
    private long epochEndsSeen;
    private long iterationsSeen;
    private double trainingScoreSum;
    private long trainingScoreCount;

    private ReduceLROnPlateauListener(Builder b) {
        int sources = (b.validationIterator != null ? 1 : 0) + (b.validationMultiIterator != null ? 1 : 0)
                + (b.scoreCalculator != null ? 1 : 0);
        Checks.check(sources <= 1, "set at most one metric source: validation(DataSetIterator, Metric),"
                + " validation(MultiDataSetIterator, Metric) or scoreCalculator(ScoreCalculator), got " + sources);
        Checks.check(!(b.layerNames != null && b.layerIndices != null),
                "set at most one of layers(String...) and layerIndices(int...)");
        Checks.check(!(b.evaluateEveryEpochs != null && b.evaluateEveryIterations != null),
                "set at most one of evaluateEveryEpochs(int) and evaluateEveryIterations(int)");
        Checks.notNull("mode", b.mode);
        boolean minimize;
        if (b.validationIterator != null || b.validationMultiIterator != null) {
            Checks.notNull("metric", b.metric);
            minimize = b.metric.minimize();
            if (b.validationIterator != null) {
                this.dataSetIterator = new NonAsyncDataSetIterator(b.validationIterator);
                this.multiDataSetIterator = null;
            } else {
                this.dataSetIterator = null;
                this.multiDataSetIterator = new NonAsyncMultiDataSetIterator(b.validationMultiIterator);
            }
            this.calculator = calculatorFor(b.metric, dataSetIterator, multiDataSetIterator);
            this.sourceDescription = "validation " + b.metric;
        } else if (b.scoreCalculator != null) {
            @SuppressWarnings("unchecked")
            ScoreCalculator<Model> c = (ScoreCalculator<Model>) b.scoreCalculator;
            this.calculator = c;
            this.dataSetIterator = null;
            this.multiDataSetIterator = null;
            minimize = c.minimizeScore();
            this.sourceDescription = "score calculator " + c;
        } else {
            this.calculator = null;
            this.dataSetIterator = null;
            this.multiDataSetIterator = null;
            minimize = true;
            this.sourceDescription = "average training score";
        }
        PlateauPolicy.Mode sourceMode = minimize ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
        this.mode = b.mode == Mode.AUTO ? sourceMode
                : b.mode == Mode.MIN ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
        this.evaluateEveryEpochs = b.evaluateEveryIterations != null ? 0
                : Checks.positive("evaluateEveryEpochs", b.evaluateEveryEpochs == null ? 1 : b.evaluateEveryEpochs);
        this.evaluateEveryIterations = b.evaluateEveryIterations == null ? 0
                : Checks.positive("evaluateEveryIterations", b.evaluateEveryIterations);
        this.reducer = new LearningRateReducer("ReduceLROnPlateauListener", b.layerNames, b.layerIndices);
        this.onReduction = b.onReduction;
        this.policy = b.policy.mode(mode).build();
        if (b.restoreState != null) {
            restoreState(b.restoreState);
        }
    }

    private static ScoreCalculator<Model> calculatorFor(Metric metric, NonAsyncDataSetIterator dsi,
                                                        NonAsyncMultiDataSetIterator mdsi) {
        switch (metric) {
            case LOSS:
                return dsi != null ? new DataSetLossCalculator(dsi, true) : new DataSetLossCalculator(mdsi, true);
            case ACCURACY:
            case F1:
            case PRECISION:
            case RECALL:
                Evaluation.Metric em = Evaluation.Metric.valueOf(metric.name());
                return dsi != null ? new ClassificationScoreCalculator(em, dsi)
                        : new ClassificationScoreCalculator(em, mdsi);
            case AUC:
                return dsi != null
                        ? new ROCScoreCalculator(ROCScoreCalculator.ROCType.MULTICLASS, ROCScoreCalculator.Metric.AUC, dsi)
                        : new ROCScoreCalculator(ROCScoreCalculator.ROCType.MULTICLASS, ROCScoreCalculator.Metric.AUC, mdsi);
            default:
                RegressionEvaluation.Metric rm = RegressionEvaluation.Metric.valueOf(metric.name());
                if (dsi != null) {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    ScoreCalculator<Model> c = (ScoreCalculator) new RegressionScoreCalculator(rm, dsi);
                    return c;
                }
                return new RegressionMetricCalculator(rm, mdsi);
        }
    }

    /** A builder; the plateau settings default to PyTorch's ({@link PlateauPolicy.Builder}). */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ DL4J callbacks

    @Override
    public void onEpochStart(Model model) {
        resolve(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        resolve(model);
        if (calculator == null) {
            trainingScoreSum += model.score();
            trainingScoreCount++;
        }
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
        resolve(model);
        return stepWith(model, evaluate(model), sourceDescription);
    }

    /**
     * Steps the policy with a metric computed by the caller (for example inside an early-stopping setup or a
     * custom loop) and reduces the learning rate of {@code model} if due.
     *
     * @return true if the learning rate was reduced
     */
    public boolean step(Model model, double metric) {
        Checks.notNull("model", model);
        resolve(model);
        return stepWith(model, metric, "metric passed to step(Model, double)");
    }

    private boolean stepWith(Model model, double metric, String description) {
        LearningRateReducer.StepResult r = reducer.step(model, policy, metric, description);
        if (r.getReductionEvent() != null && onReduction != null) {
            onReduction.accept(r.getReductionEvent());
        }
        history.add(r.getHistoryEntry());
        return r.isReduced();
    }

    private double evaluate(Model model) {
        long evaluation = policy.getLastEpoch() + 1;
        if (calculator == null) {
            double score = trainingScoreCount > 0 ? trainingScoreSum / trainingScoreCount : model.score();
            trainingScoreSum = 0;
            trainingScoreCount = 0;
            return score;
        }
        try {
            prepareValidationIterator(evaluation);
            double score = calculator.calculateScore(model);
            long served = dataSetIterator != null ? dataSetIterator.batchesServed()
                    : multiDataSetIterator != null ? multiDataSetIterator.batchesServed() : -1;
            if (served == 0) {
                throw emptyValidation(evaluation);
            }
            return score;
        } catch (EmptyValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("ReduceLROnPlateauListener: evaluation #" + evaluation + " ("
                    + sourceDescription + ") failed: " + e, e);
        }
    }

    private void prepareValidationIterator(long evaluation) {
        if (dataSetIterator != null) {
            if (dataSetIterator.resetSupported()) {
                dataSetIterator.reset();
            }
            dataSetIterator.resetCount();
            if (!dataSetIterator.hasNext()) {
                throw emptyValidation(evaluation);
            }
        } else if (multiDataSetIterator != null) {
            if (multiDataSetIterator.resetSupported()) {
                multiDataSetIterator.reset();
            }
            multiDataSetIterator.resetCount();
            if (!multiDataSetIterator.hasNext()) {
                throw emptyValidation(evaluation);
            }
        }
    }

    private static EmptyValidationException emptyValidation(long evaluation) {
        return new EmptyValidationException("validation data is empty: the validation iterator returned no"
                + " batches for evaluation #" + evaluation + " (an exhausted iterator with resetSupported() =="
                + " false is empty after the first evaluation)");
    }

    /** Marker subclass so the empty-data error is not re-wrapped. */
    private static final class EmptyValidationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        EmptyValidationException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ reduction (shared)

    private void resolve(Model model) {
        reducer.resolve(model);
    }

    // ------------------------------------------------------------------ state and reporting

    /** The policy state (settings and counters), for persisting alongside the model. */
    public State state() {
        return policy.state();
    }

    /**
     * Replaces the policy with one restored from {@code state} (like PyTorch {@code load_state_dict}: the
     * state's settings win). Also clears the partial training-score average and the epoch/iteration counters
     * used for {@code evaluateEvery...}, so resume at an evaluation boundary.
     *
     * @throws IllegalArgumentException if the state's mode differs from this listener's mode
     */
    public void restoreState(State state) {
        Checks.notNull("state", state);
        Checks.check(state.getMode() == mode, "state mode " + state.getMode() + " does not match the listener's"
                + " mode " + mode);
        this.policy = PlateauPolicy.restore(state);
        this.epochEndsSeen = 0;
        this.iterationsSeen = 0;
        this.trainingScoreSum = 0;
        this.trainingScoreCount = 0;
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

    /** Read-only view of one entry per evaluation of this listener instance (not restored by restoreState). */
    public List<HistoryEntry> getHistory() {
        return Collections.unmodifiableList(history);
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateauListener(source=" + sourceDescription + ", mode=" + mode
                + (evaluateEveryIterations > 0 ? ", evaluateEveryIterations=" + evaluateEveryIterations
                : ", evaluateEveryEpochs=" + evaluateEveryEpochs)
                + ", layers=" + reducer.describeLayers() + ", policy=" + policy + ")";
    }

    /** One evaluation: index (1-based), network counters, metric, best after it, LR of the first chosen layer. */
    public static final class HistoryEntry {
        private final long evaluation;
        private final int epoch;
        private final int iteration;
        private final double metric;
        private final double best;
        private final Double learningRate;
        private final boolean reduced;

        public HistoryEntry(long evaluation, int epoch, int iteration, double metric, double best,
                            Double learningRate, boolean reduced) {
            this.evaluation = evaluation;
            this.epoch = epoch;
            this.iteration = iteration;
            this.metric = metric;
            this.best = best;
            this.learningRate = learningRate;
            this.reduced = reduced;
        }

        public long getEvaluation() {
            return evaluation;
        }

        /** The network's epoch counter at the evaluation. */
        public int getEpoch() {
            return epoch;
        }

        /** The network's iteration counter at the evaluation. */
        public int getIteration() {
            return iteration;
        }

        public double getMetric() {
            return metric;
        }

        public double getBest() {
            return best;
        }

        /** LR of the first chosen layer that has one, after this evaluation (current counters). */
        public Double getLearningRate() {
            return learningRate;
        }

        public boolean isReduced() {
            return reduced;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof HistoryEntry)) {
                return false;
            }
            HistoryEntry h = (HistoryEntry) o;
            return evaluation == h.evaluation && epoch == h.epoch && iteration == h.iteration
                    && Double.compare(metric, h.metric) == 0 && Double.compare(best, h.best) == 0
                    && Objects.equals(learningRate, h.learningRate) && reduced == h.reduced;
        }

        @Override
        public int hashCode() {
            return Objects.hash(evaluation, epoch, iteration, metric, best, learningRate, reduced);
        }

        @Override
        public String toString() {
            return "HistoryEntry(evaluation=" + evaluation + ", epoch=" + epoch + ", iteration=" + iteration
                    + ", metric=" + metric + ", best=" + best + ", learningRate=" + learningRate
                    + ", reduced=" + reduced + ")";
        }
    }

    /** Passed to the {@code onReduction} callback after a reduction was applied. */
    public static final class ReductionEvent {
        private final long evaluation;
        private final int epoch;
        private final int iteration;
        private final double metric;
        private final double best;
        private final double oldLearningRate;
        private final double newLearningRate;
        private final List<String> layers;

        public ReductionEvent(long evaluation, int epoch, int iteration, double metric, double best,
                              double oldLearningRate, double newLearningRate, List<String> layers) {
            this.evaluation = evaluation;
            this.epoch = epoch;
            this.iteration = iteration;
            this.metric = metric;
            this.best = best;
            this.oldLearningRate = oldLearningRate;
            this.newLearningRate = newLearningRate;
            this.layers = List.copyOf(layers);
        }

        public long getEvaluation() {
            return evaluation;
        }

        public int getEpoch() {
            return epoch;
        }

        public int getIteration() {
            return iteration;
        }

        public double getMetric() {
            return metric;
        }

        public double getBest() {
            return best;
        }

        /** LR of the first changed layer's main updater before the reduction (NaN if only bias LRs changed). */
        public double getOldLearningRate() {
            return oldLearningRate;
        }

        /** LR of the first changed layer's main updater after the reduction (NaN if only bias LRs changed). */
        public double getNewLearningRate() {
            return newLearningRate;
        }

        /** Names of the layers whose learning rate (main or bias) changed. */
        public List<String> getLayers() {
            return layers;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof ReductionEvent)) {
                return false;
            }
            ReductionEvent e = (ReductionEvent) o;
            return evaluation == e.evaluation && epoch == e.epoch && iteration == e.iteration
                    && Double.compare(metric, e.metric) == 0 && Double.compare(best, e.best) == 0
                    && Double.compare(oldLearningRate, e.oldLearningRate) == 0
                    && Double.compare(newLearningRate, e.newLearningRate) == 0 && layers.equals(e.layers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(evaluation, epoch, iteration, metric, best, oldLearningRate, newLearningRate, layers);
        }

        @Override
        public String toString() {
            return "ReductionEvent(evaluation=" + evaluation + ", epoch=" + epoch + ", iteration=" + iteration
                    + ", metric=" + metric + ", best=" + best + ", oldLearningRate=" + oldLearningRate
                    + ", newLearningRate=" + newLearningRate + ", layers=" + layers + ")";
        }
    }

    /** Builder. Validation happens in {@link #build()}. */
    public static final class Builder {
        private DataSetIterator validationIterator;
        private MultiDataSetIterator validationMultiIterator;
        private Metric metric;
        private ScoreCalculator<?> scoreCalculator;
        private Mode mode = Mode.AUTO;
        private final PlateauPolicy.Builder policy = PlateauPolicy.builder();
        private Integer evaluateEveryEpochs;
        private Integer evaluateEveryIterations;
        private List<String> layerNames;
        private int[] layerIndices;
        private Consumer<ReductionEvent> onReduction;
        private State restoreState;

        private Builder() {
        }

        /** Monitor {@code metric} on this validation data (reset before each evaluation, never async). */
        public Builder validation(DataSetIterator iterator, Metric metric) {
            this.validationIterator = Checks.notNull("iterator", iterator);
            this.metric = Checks.notNull("metric", metric);
            return this;
        }

        /** Monitor {@code metric} on this validation data (reset before each evaluation, never async). */
        public Builder validation(MultiDataSetIterator iterator, Metric metric) {
            this.validationMultiIterator = Checks.notNull("iterator", iterator);
            this.metric = Checks.notNull("metric", metric);
            return this;
        }

        /** Monitor what this DL4J early-stopping calculator returns; direction from {@code minimizeScore()}. */
        public Builder scoreCalculator(ScoreCalculator<?> calculator) {
            this.scoreCalculator = Checks.notNull("scoreCalculator", calculator);
            return this;
        }

        /** AUTO (default: from the metric source), or MIN/MAX to override. */
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

        /** torch/Keras {@code min_lr}: finite, {@code >= 0}, default 0. */
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

        /** Evaluate at every {@code n}-th {@code onEpochEnd}; {@code > 0}, default 1. */
        public Builder evaluateEveryEpochs(int n) {
            this.evaluateEveryEpochs = n;
            return this;
        }

        /** Evaluate at every {@code n}-th {@code iterationDone} instead of at epoch ends; {@code > 0}. */
        public Builder evaluateEveryIterations(int n) {
            this.evaluateEveryIterations = n;
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

        /** Called on the training thread after each reduction. */
        public Builder onReduction(Consumer<ReductionEvent> callback) {
            this.onReduction = Checks.notNull("onReduction", callback);
            return this;
        }

        /** Start from a saved {@link ReduceLROnPlateauListener#state()} (its settings win). */
        public Builder restoreState(State state) {
            this.restoreState = Checks.notNull("state", state);
            return this;
        }

        /** @throws IllegalArgumentException for invalid or conflicting settings */
        public ReduceLROnPlateauListener build() {
            return new ReduceLROnPlateauListener(this);
        }
    }
}
