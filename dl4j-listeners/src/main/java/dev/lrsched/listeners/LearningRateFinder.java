package dev.lrsched.listeners;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   stop after step i when smoothed(i) > divergenceThreshold * min(smoothed(0..i))
 * </pre>
 *
 * <p>These are torch-lr-finder's formulas exactly, including its parametrisation of smoothing
 * ({@code smooth_f} weights the <em>new</em> loss, so 0.05 is heavy smoothing and 0 switches it off)
 * and its divergence rule (the diverging step is recorded, then the test stops). Differences:
 * <ul>
 *   <li>the user's network is never modified: the test runs on a private copy (parameters, updater
 *       state and counters copied; listeners <em>not</em> copied), so there is nothing to
 *       {@code reset()} afterwards;</li>
 *   <li>a NaN or infinite loss stops the test without recording that step (torch-lr-finder would
 *       record NaN and continue, since {@code NaN > x} is false);</li>
 *   <li>the raw per-step losses are kept next to the smoothed ones;</li>
 *   <li>the suggestion is the steepest descent w.r.t. {@code log10(lr)} (torch-lr-finder: w.r.t. the
 *       step index, which is the same for the exponential sweep), see
 *       {@link LearningRateFinderResult#suggestedLearningRate()}.</li>
 * </ul>
 *
 * <p>The learning rate is installed on the copy as one schedule via DL4J's
 * {@code setLearningRate(ISchedule)}, so every layer whose updater has a learning rate is swept with
 * the same value (per-layer ratios are not kept, as in torch-lr-finder), and also each layer's
 * separate bias updater if it has one. Layers whose updater has no learning rate (AdaDelta, NoOp),
 * frozen layers and wrapper layers DL4J's setter does not reach are trained with their own
 * configuration. The data is read one minibatch per step with {@code net.fit(DataSet)} (no
 * asynchronous prefetch); when the iterator runs out it is reset, or, if it cannot be reset, the
 * test stops and says so in the result.
 *
 * <p>Usage:
 * {@code LearningRateFinderResult r = LearningRateFinder.builder().endValue(1).numIterations(100).build().run(net, trainIter);}
 */
public final class LearningRateFinder {

    private static final Logger log = LoggerFactory.getLogger(LearningRateFinder.class);

    /** How the learning rate moves from {@code startValue} to {@code endValue}. */
    public enum Sweep {
        /** Geometric spacing (torch-lr-finder {@code step_mode="exp"}, fastai's default). */
        EXPONENTIAL,
        /** Arithmetic spacing (torch-lr-finder {@code step_mode="linear"}). */
        LINEAR;

        /**
         * The learning rate of step {@code step} (0-based) of a sweep over {@code numIterations}
         * steps; steps past the end hold {@code end}.
         */
        public double learningRate(double start, double end, long step, int numIterations) {
            if (step <= 0) {
                return start;
            }
            if (step >= numIterations - 1L) {
                return end;
            }
            double r = (double) step / (numIterations - 1);
            return this == EXPONENTIAL ? start * Math.pow(end / start, r) : start + (end - start) * r;
        }
    }

    private final double startValue;
    private final double endValue;
    private final int numIterations;
    private final Sweep sweep;
    private final double smoothing;
    private final double divergenceThreshold;

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
        this.startValue = b.startValue;
        this.endValue = b.endValue;
        this.numIterations = b.numIterations;
        this.sweep = b.sweep;
        this.smoothing = b.smoothing;
        this.divergenceThreshold = b.divergenceThreshold;
    }

    /** A builder with torch-lr-finder's / fastai's defaults (1e-7 to 10, 100 steps, exponential, 0.05, 5). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this finder's settings. */
    public Builder toBuilder() {
        return new Builder().startValue(startValue).endValue(endValue).numIterations(numIterations)
                .sweep(sweep).smoothing(smoothing).divergenceThreshold(divergenceThreshold);
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
     * {@code init()}-ed first, as {@code MultiLayerNetwork.clone()} does.
     *
     * @param net  the network to test; not null, with at least one layer whose updater has a learning rate
     * @param data training minibatches; not null. Consumed one minibatch per step from wherever it
     *             currently is, reset when exhausted (left wherever the test stopped)
     * @return the recorded curve and the suggestions derived from it
     */
    public LearningRateFinderResult run(MultiLayerNetwork net, DataSetIterator data) {
        Checks.notNull("net", net);
        Checks.notNull("data", data);
        MultiLayerNetwork copy = net.clone(); // MLN.clone() does not copy listeners
        SweepSchedule schedule = scheduleStartingAt(copy.getIterationCount());
        int swept = 0;
        for (int i = 0; i < copy.getnLayers(); i++) {
            swept += isolateUpdaters(copy.getLayer(i), schedule);
        }
        requireSweptLayers(swept);
        copy.setLearningRate(schedule);
        return loop(new Batches<>(data::hasNext, data::next, data::resetSupported, data::reset),
                copy::fit, copy::score);
    }

    /**
     * As {@link #run(MultiLayerNetwork, DataSetIterator)} for a single-input, single-output
     * ComputationGraph fed from a {@link DataSetIterator}.
     */
    public LearningRateFinderResult run(ComputationGraph net, DataSetIterator data) {
        Checks.notNull("net", net);
        Checks.notNull("data", data);
        ComputationGraph copy = prepare(net);
        return loop(new Batches<>(data::hasNext, data::next, data::resetSupported, data::reset),
                copy::fit, copy::score);
    }

    /** As {@link #run(MultiLayerNetwork, DataSetIterator)} for a ComputationGraph fed from a {@link MultiDataSetIterator}. */
    public LearningRateFinderResult run(ComputationGraph net, MultiDataSetIterator data) {
        Checks.notNull("net", net);
        Checks.notNull("data", data);
        ComputationGraph copy = prepare(net);
        return loop(new Batches<>(data::hasNext, data::next, data::resetSupported, data::reset),
                copy::fit, copy::score);
    }

    private ComputationGraph prepare(ComputationGraph net) {
        net.init(); // no-op when already initialised
        // Not net.clone(): in M2.1 ComputationGraph.clone() shares the listener *list* with the
        // original, so clearing the copy's listeners would clear the user's.
        ComputationGraph copy = new ComputationGraph(net.getConfiguration().clone());
        copy.init(net.params().dup(), false);
        ComputationGraphUpdater u = net.getUpdater(false);
        if (u != null && u.getStateViewArray() != null) {
            copy.getUpdater().setStateViewArray(u.getStateViewArray().dup());
        }
        for (GraphVertex v : net.getVertices()) {
            if (v.hasLayer() && v.getLayer() instanceof FrozenLayer) {
                copy.getVertex(v.getVertexName()).setLayerAsFrozen();
            }
        }
        // ComputationGraphConfiguration.clone() drops the counters; keep them (Adam's bias correction).
        copy.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount());
        copy.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount());
        SweepSchedule schedule = scheduleStartingAt(copy.getConfiguration().getIterationCount());
        int swept = 0;
        for (Layer l : copy.getLayers()) {
            swept += isolateUpdaters(l, schedule);
        }
        requireSweptLayers(swept);
        copy.setLearningRate(schedule);
        return copy;
    }

    /**
     * Gives a copied layer its own updater configs. Layer-config clone() in M2.1 is shallow for the
     * IUpdater, and DL4J's setLearningRate mutates the IUpdater in place: without this the range
     * test would change the user's learning rate. Returns 1 if the layer will be swept.
     */
    private static int isolateUpdaters(Layer layer, SweepSchedule schedule) {
        if (!(layer.conf().getLayer() instanceof BaseLayer)) {
            return 0;
        }
        BaseLayer bl = (BaseLayer) layer.conf().getLayer();
        int swept = 0;
        if (bl.getIUpdater() != null) {
            bl.setIUpdater(bl.getIUpdater().clone());
            swept = bl.getIUpdater().hasLearningRate() ? 1 : 0;
        }
        if (bl.getBiasUpdater() != null) {
            IUpdater bias = bl.getBiasUpdater().clone();
            if (bias.hasLearningRate()) {
                // setLearningRate(ISchedule) leaves bias updaters alone; sweep them too.
                bias.setLrAndSchedule(Double.NaN, schedule);
            }
            bl.setBiasUpdater(bias);
        }
        return swept;
    }

    private static void requireSweptLayers(int swept) {
        Checks.check(swept > 0, "net must have at least one layer whose updater has a learning rate"
                + " (AdaDelta and NoOp have none), got 0 such layers");
    }

    private SweepSchedule scheduleStartingAt(int iterationCount) {
        return new SweepSchedule(sweep, startValue, endValue, numIterations, Counters.unsigned(iterationCount));
    }

    private <B> LearningRateFinderResult loop(Batches<B> data, Consumer<B> fit, DoubleSupplier score) {
        List<Double> lrs = new ArrayList<>(numIterations);
        List<Double> losses = new ArrayList<>(numIterations);
        List<Double> smoothed = new ArrayList<>(numIterations);
        LearningRateFinderResult.StopReason stop = LearningRateFinderResult.StopReason.COMPLETED;
        String reason = "completed all " + numIterations + " iterations";
        double best = Double.NaN;
        double previous = Double.NaN;
        for (int step = 0; step < numIterations; step++) {
            if (!data.hasNext.getAsBoolean() && data.resetSupported.getAsBoolean()) {
                data.reset.run();
            }
            if (!data.hasNext.getAsBoolean()) {
                stop = LearningRateFinderResult.StopReason.DATA_EXHAUSTED;
                reason = step == 0 ? "the data iterator has no minibatches"
                        : "the data iterator ran out after " + step + " minibatches and does not support reset";
                break;
            }
            B batch = data.next.get();
            fit.accept(batch);
            double loss = score.getAsDouble();
            double lr = learningRateAt(step);
            if (!Double.isFinite(loss)) {
                stop = LearningRateFinderResult.StopReason.NON_FINITE_LOSS;
                reason = "loss was " + loss + " at iteration " + step + " (lr=" + lr + "); that step is not recorded";
                break;
            }
            double s = (step == 0 || smoothing == 0) ? loss : smoothing * loss + (1 - smoothing) * previous;
            if (step == 0 || s < best) {
                best = s;
            }
            previous = s;
            lrs.add(lr);
            losses.add(loss);
            smoothed.add(s);
            if (s > divergenceThreshold * best) {
                stop = LearningRateFinderResult.StopReason.DIVERGED;
                reason = "smoothed loss " + s + " exceeded " + divergenceThreshold + " x best " + best
                        + " at iteration " + step + " (lr=" + lr + ")";
                break;
            }
        }
        LearningRateFinderResult result = new LearningRateFinderResult(lrs, losses, smoothed, stop, reason);
        log.info("LR range test: {}", result);
        return result;
    }

    /** The iterator operations the loop needs, for DataSet and MultiDataSet iterators alike. */
    private static final class Batches<B> {
        final BooleanSupplier hasNext;
        final Supplier<B> next;
        final BooleanSupplier resetSupported;
        final Runnable reset;

        Batches(BooleanSupplier hasNext, Supplier<B> next,
                BooleanSupplier resetSupported, Runnable reset) {
            this.hasNext = hasNext;
            this.next = next;
            this.resetSupported = resetSupported;
            this.reset = reset;
        }
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
                && Double.compare(divergenceThreshold, that.divergenceThreshold) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(startValue, endValue, numIterations, sweep, smoothing, divergenceThreshold);
    }

    @Override
    public String toString() {
        return "LearningRateFinder(startValue=" + startValue + ", endValue=" + endValue
                + ", numIterations=" + numIterations + ", sweep=" + sweep + ", smoothing=" + smoothing
                + ", divergenceThreshold=" + divergenceThreshold + ")";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private double startValue = 1e-7;
        private double endValue = 10;
        private int numIterations = 100;
        private Sweep sweep = Sweep.EXPONENTIAL;
        private double smoothing = 0.05;
        private double divergenceThreshold = 5;

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

        /** Stop when the smoothed loss exceeds this multiple of the best one; finite, {@code > 1}. Default 5. */
        public Builder divergenceThreshold(double divergenceThreshold) {
            this.divergenceThreshold = divergenceThreshold;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting, its value and allowed range */
        public LearningRateFinder build() {
            return new LearningRateFinder(this);
        }
    }

    // ------------------------------------------------------------------------------------------
    // schedule installed on the copy

    /**
     * The sweep as an immutable ISchedule: {@code valueAt(iteration, _) =
     * sweep.learningRate(start, end, unsigned(iteration) - firstIteration, numIterations)}, holding
     * {@code start} before {@code firstIteration} and {@code end} after the last step. Installed
     * once on the copy (cheaper than {@code setLearningRate(double)} per step, which rebuilds the
     * updater). Value-equal and JSON/Java serialisable like every lrsched schedule, so DL4J's
     * updater-block grouping and any serialisation of the copy behave.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class SweepSchedule implements ReadsUnsignedCounters {
        private static final long serialVersionUID = 1L;

        @JsonProperty("sweep")
        private final Sweep sweep;
        @JsonProperty("startValue")
        private final double startValue;
        @JsonProperty("endValue")
        private final double endValue;
        @JsonProperty("numIterations")
        private final int numIterations;
        @JsonProperty("firstIteration")
        private final long firstIteration;

        @JsonCreator
        SweepSchedule(@JsonProperty("sweep") Sweep sweep,
                      @JsonProperty("startValue") double startValue,
                      @JsonProperty("endValue") double endValue,
                      @JsonProperty("numIterations") int numIterations,
                      @JsonProperty("firstIteration") long firstIteration) {
            Checks.notNull("sweep", sweep);
            Checks.positive("startValue", startValue);
            Checks.positive("endValue", endValue);
            Checks.check(numIterations >= 2, "numIterations must be >= 2, got " + numIterations);
            Checks.check(firstIteration >= 0, "firstIteration must be >= 0, got " + firstIteration);
            this.sweep = sweep;
            this.startValue = startValue;
            this.endValue = endValue;
            this.numIterations = numIterations;
            this.firstIteration = firstIteration;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return sweep.learningRate(startValue, endValue, Counters.unsigned(iteration) - firstIteration, numIterations);
        }

        @Override
        public ISchedule clone() {
            return this;
        }

        Sweep getSweep() {
            return sweep;
        }

        long getFirstIteration() {
            return firstIteration;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof SweepSchedule)) {
                return false;
            }
            SweepSchedule that = (SweepSchedule) o;
            return sweep == that.sweep && Double.compare(startValue, that.startValue) == 0
                    && Double.compare(endValue, that.endValue) == 0 && numIterations == that.numIterations
                    && firstIteration == that.firstIteration;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sweep, startValue, endValue, numIterations, firstIteration);
        }

        @Override
        public String toString() {
            return "SweepSchedule(sweep=" + sweep + ", startValue=" + startValue + ", endValue=" + endValue
                    + ", numIterations=" + numIterations + ", firstIteration=" + firstIteration + ")";
        }
    }
}
