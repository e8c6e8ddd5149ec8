package dev.lrsched.listeners;

import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.LearningRateTarget;
import dev.lrsched.schedules.support.Checks;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Learning-rate range test ("LR finder") for DL4J networks, after Leslie Smith's range test as
 * implemented by torch-lr-finder ({@code LRFinder.range_test(train_loader, start_lr, end_lr,
 * num_iter, step_mode, smooth_f, diverge_th)}) and fastai's {@code lr_find}.
 *
 * <p>The test trains a <em>copy</em> of the network for {@code numIterations} minibatches while the
 * learning rate of every layer rises from {@code startValue} to {@code endValue}, recording the loss
 * after each step. Step {@code i} (0-based) of {@code n = numIterations} uses
 *
 * <pre>
 *   EXPONENTIAL: lr(i) = startValue * (endValue / startValue)^(i / (n - 1))      (torch-lr-finder step_mode="exp")
 *   LINEAR:      lr(i) = startValue + (endValue - startValue) * i / (n - 1)      (torch-lr-finder step_mode="linear")
 *
 *   smoothed(0) = loss(0)
 *   smoothed(i) = smoothing * loss(i) + (1 - smoothing) * smoothed(i - 1)         (smoothing > 0)
 *   smoothed(i) = loss(i)                                                         (smoothing = 0: disabled)
 *   k = max(1, min(10, n / 4));  start = mean(loss(0..k-1))                       (the untrained network's loss)
 *   stop after step i when smoothed(i) &gt; divergenceThreshold * min(smoothed(0..i))
 *                       or i &gt;= k and smoothed(i) &gt; startLossThreshold * start
 * </pre>
 *
 * <p>These are torch-lr-finder's formulas exactly, including its parametrisation of smoothing
 * ({@code smooth_f} weights the <em>new</em> loss, so 0.05 is heavy smoothing and 0 switches it off)
 * and its divergence rule (the diverging step is recorded, then the test stops), with Lightning's
 * and fastai's threshold 4 (torch-lr-finder uses 5). Differences:
 * <ul>
 *   <li>a second stop, relative to the <em>starting</em> loss, for losses that diverge slowly: a
 *       softmax classifier's smoothed loss can climb far above where it started while staying below 4
 *       times its minimum (the minimum is often only 10-30% below the start), so the best-relative
 *       rule alone may never fire. The starting loss is the mean raw loss of the first {@code k} steps,
 *       taken while the learning rate is still too small to change the network, and the rule is only
 *       checked from step {@code k} on (docs/lr-finder.md has the measurements behind the default 1.5);</li>
 *   <li>the user's network is never modified: the test runs on a private copy made through
 *       {@code ModelSerializer} ({@link NetworkAdapter#copyOf}, the same path for MultiLayerNetwork and
 *       ComputationGraph: parameters, updater state, configuration and counters copied, nothing shared;
 *       listeners <em>not</em> copied), so there is nothing to {@code reset()} afterwards;</li>
 *   <li>a NaN or infinite loss stops the test without recording that step (torch-lr-finder would
 *       record NaN and continue, since {@code NaN > x} is false);</li>
 *   <li>the raw per-step losses are kept next to the smoothed ones;</li>
 *   <li>the result offers the suggestion rules of fastai, torch-lr-finder and Lightning by name
 *       ({@link SuggestionRule}), each restricted so that it never suggests more than the learning rate
 *       of the lowest smoothed loss; the default ({@link LearningRateFinderResult#suggestedLearningRate()})
 *       is the steepest descent before the minimum, chosen by measurement.</li>
 * </ul>
 *
 * <p>The learning rate is installed on the copy as one schedule, with DL4J's per-layer
 * {@code setLearningRate(layer, ISchedule)}, so every layer whose updater has a learning rate is swept
 * with the same value (per-layer ratios are not kept, as in torch-lr-finder), and also each layer's
 * separate bias updater if it has one. Layers whose updater has no learning rate (AdaDelta, NoOp),
 * frozen layers and wrapper layers that are not a DL4J {@code BaseLayer} are trained with their own
 * configuration. The data is read one minibatch per step with {@code net.fit(DataSet)} (no
 * asynchronous prefetch); when the iterator runs out it is reset, or, if it cannot be reset, the
 * test stops and says so in the result.
 *
 * <p>Usage:
 * {@code LearningRateFinderResult r = LearningRateFinder.builder().endValue(1).numIterations(100).build().run(net, trainIter);}
 */
public final class LearningRateFinder {

    private final double startValue;
    private final double endValue;
    private final int numIterations;
    private final Sweep sweep;
    private final double smoothing;
    private final double divergenceThreshold;
    private final double startLossThreshold;

    private LearningRateFinder(Builder b) {
        Checks.positive("startValue", b.startValue);
        Checks.positive("endValue", b.endValue);
        Checks.check(b.endValue > b.startValue,
                "endValue must be > startValue (" + b.startValue + "), got " + b.endValue);
        Checks.check(b.numIterations >= 2, "numIterations must be >= 2, got " + b.numIterations);
        Checks.notNull("sweep", b.sweep);
        Checks.check(b.smoothing >= 0 && b.smoothing < 1,
                "smoothing must be in [0.0, 1.0), got " + b.smoothing);
        Checks.check(b.divergenceThreshold > 1 && b.divergenceThreshold < Double.POSITIVE_INFINITY,
                "divergenceThreshold must be finite and > 1, got " + b.divergenceThreshold);
        Checks.check(b.startLossThreshold > 1 && b.startLossThreshold < Double.POSITIVE_INFINITY,
                "startLossThreshold must be finite and > 1, got " + b.startLossThreshold);
        this.startValue = b.startValue;
        this.endValue = b.endValue;
        this.numIterations = b.numIterations;
        this.sweep = b.sweep;
        this.smoothing = b.smoothing;
        this.divergenceThreshold = b.divergenceThreshold;
        this.startLossThreshold = b.startLossThreshold;
    }

    /**
     * A builder with the defaults of fastai / torch-lr-finder / Lightning: 1e-7 to 10 in 100 exponential
     * steps, smoothing 0.05, divergence at 4 x the best smoothed loss; plus lrsched's stop at 1.5 x the
     * starting loss.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this finder's settings. */
    public Builder toBuilder() {
        return new Builder().startValue(startValue).endValue(endValue).numIterations(numIterations)
                .sweep(sweep).smoothing(smoothing).divergenceThreshold(divergenceThreshold)
                .startLossThreshold(startLossThreshold);
    }

    /** The learning rate this finder uses at step {@code step} (0-based). */
    public double learningRateAt(int step) {
        return sweep.learningRate(startValue, endValue, Math.max(0, step), numIterations);
    }

    // ------------------------------------------------------------------------------------------
    // run

    /**
     * Runs the range test on a copy of {@code net}; {@code net} itself (parameters, updater state,
     * configuration, counters, listeners) is not modified, except that an uninitialised network is
     * {@code init()}-ed first.
     *
     * @param net  the network to test; not null, with at least one layer whose updater has a learning rate
     * @param data training minibatches; not null. Consumed one minibatch per step from wherever it
     *             currently is, reset when exhausted (left wherever the test stopped)
     * @return the recorded curve and the suggestions derived from it
     */
    public LearningRateFinderResult run(MultiLayerNetwork net, DataSetIterator data) {
        return run((Model) net, data);
    }

    /**
     * As {@link #run(MultiLayerNetwork, DataSetIterator)} for a single-input, single-output
     * ComputationGraph fed from a {@link DataSetIterator}.
     */
    public LearningRateFinderResult run(ComputationGraph net, DataSetIterator data) {
        return run((Model) net, data);
    }

    /** As {@link #run(MultiLayerNetwork, DataSetIterator)} for a ComputationGraph fed from a {@link MultiDataSetIterator}. */
    public LearningRateFinderResult run(ComputationGraph net, MultiDataSetIterator data) {
        Checks.notNull("net", net);
        Checks.notNull("data", data);
        NeuralNetwork copy = sweptCopy(net);
        return RangeTest.loop(this, RangeTest.batches(data::hasNext, data::next, data::resetSupported, data::reset),
                copy::fit, ((Model) copy)::score);
    }

    private LearningRateFinderResult run(Model net, DataSetIterator data) {
        Checks.notNull("net", net);
        Checks.notNull("data", data);
        NeuralNetwork copy = sweptCopy(net);
        return RangeTest.loop(this, RangeTest.batches(data::hasNext, data::next, data::resetSupported, data::reset),
                copy::fit, ((Model) copy)::score);
    }

    /**
     * The range test on a training engine other than MultiLayerNetwork / ComputationGraph (the SameDiff front end
     * uses it): installs the sweep on every group of {@code copy} that has a learning rate, then runs the loop,
     * reading {@code data} one minibatch per step.
     *
     * @param copy a private copy of the network: the sweep changes its learning rates
     * @param step trains {@code copy} on one minibatch and returns that minibatch's loss (as DL4J's
     *             {@code score()} after {@code fit(DataSet)}: computed before the update)
     */
    public LearningRateFinderResult run(LearningRateTarget copy, MultiDataSetIterator data,
                                        ToDoubleFunction<MultiDataSet> step) {
        Checks.notNull("copy", copy);
        Checks.notNull("data", data);
        Checks.notNull("step", step);
        RangeTest.installSweep(this, copy);
        double[] loss = new double[1];
        return RangeTest.loop(this, RangeTest.batches(data::hasNext, data::next, data::resetSupported, data::reset),
                b -> loss[0] = step.applyAsDouble(b), () -> loss[0]);
    }

    /**
     * A private copy of {@code net} ({@link NetworkAdapter#copyOf}: nothing shared with the user's network, so
     * the sweep cannot change its learning rates) with the sweep installed.
     */
    private NeuralNetwork sweptCopy(Model net) {
        NetworkAdapter copy = NetworkAdapter.copyOf(net);
        RangeTest.installSweep(this, copy);
        return copy.getNetwork();
    }

    /**
     * The range test on a synthetic loss curve instead of a network (for tests): step {@code i} "trains"
     * nothing and records {@code lossAt.applyAsDouble(learningRateAt(i))}; the same smoothing, stops and
     * result as {@link #run(MultiLayerNetwork, DataSetIterator)}.
     */
    LearningRateFinderResult runOnLossCurve(DoubleUnaryOperator lossAt) {
        int[] step = {-1};
        return RangeTest.loop(this, RangeTest.batches(() -> true, () -> 0, () -> true, () -> { }),
                batch -> step[0]++, () -> lossAt.applyAsDouble(learningRateAt(step[0])));
    }

    // ------------------------------------------------------------------------------------------
    // value object

    public double getStartValue() {
        return startValue;
    }

    public double getEndValue() {
        return endValue;
    }

    public int getNumIterations() {
        return numIterations;
    }

    public Sweep getSweep() {
        return sweep;
    }

    public double getSmoothing() {
        return smoothing;
    }

    public double getDivergenceThreshold() {
        return divergenceThreshold;
    }

    public double getStartLossThreshold() {
        return startLossThreshold;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LearningRateFinder)) {
            return false;
        }
        LearningRateFinder that = (LearningRateFinder) o;
        return Double.compare(startValue, that.startValue) == 0
                && Double.compare(endValue, that.endValue) == 0
                && numIterations == that.numIterations
                && sweep == that.sweep
                && Double.compare(smoothing, that.smoothing) == 0
                && Double.compare(divergenceThreshold, that.divergenceThreshold) == 0
                && Double.compare(startLossThreshold, that.startLossThreshold) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(startValue, endValue, numIterations, sweep, smoothing, divergenceThreshold, startLossThreshold);
    }

    @Override
    public String toString() {
        return "LearningRateFinder(startValue=" + startValue + ", endValue=" + endValue
                + ", numIterations=" + numIterations + ", sweep=" + sweep + ", smoothing=" + smoothing
                + ", divergenceThreshold=" + divergenceThreshold + ", startLossThreshold=" + startLossThreshold + ")";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private double startValue = 1e-7;
        private double endValue = 10;
        private int numIterations = 100;
        private Sweep sweep = Sweep.EXPONENTIAL;
        private double smoothing = 0.05;
        private double divergenceThreshold = 4;
        private double startLossThreshold = 1.5;

        private Builder() {
        }

        /** First learning rate; finite, {@code > 0} and {@code < endValue}. Default 1e-7. */
        public Builder startValue(double startValue) {
            this.startValue = startValue;
            return this;
        }

        /** Last learning rate; finite and {@code > startValue}. Default 10. */
        public Builder endValue(double endValue) {
            this.endValue = endValue;
            return this;
        }

        /** Number of steps (minibatches), {@code >= 2}. Default 100. */
        public Builder numIterations(int numIterations) {
            this.numIterations = numIterations;
            return this;
        }

        /** Spacing of the learning rates; not null. Default {@link Sweep#EXPONENTIAL}. */
        public Builder sweep(Sweep sweep) {
            this.sweep = sweep;
            return this;
        }

        /** torch-lr-finder's {@code smooth_f}: weight of the newest loss, in [0, 1); 0 disables. Default 0.05. */
        public Builder smoothing(double smoothing) {
            this.smoothing = smoothing;
            return this;
        }

        /**
         * Stop when the smoothed loss exceeds this multiple of the best one; finite, {@code > 1}. Default 4
         * (Lightning's {@code early_stop_threshold}, fastai; torch-lr-finder's {@code diverge_th} is 5).
         */
        public Builder divergenceThreshold(double divergenceThreshold) {
            this.divergenceThreshold = divergenceThreshold;
            return this;
        }

        /**
         * Stop when the smoothed loss exceeds this multiple of the starting loss (the mean raw loss of the
         * first {@code min(10, numIterations / 4)} steps, at least 1), checked after those steps; finite,
         * {@code > 1} ({@code Double.MAX_VALUE} switches it off). Default 1.5.
         */
        public Builder startLossThreshold(double startLossThreshold) {
            this.startLossThreshold = startLossThreshold;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting, its value and allowed range */
        public LearningRateFinder build() {
            return new LearningRateFinder(this);
        }
    }
}
