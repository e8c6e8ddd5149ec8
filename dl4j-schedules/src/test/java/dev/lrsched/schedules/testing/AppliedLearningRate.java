package dev.lrsched.schedules.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A training listener that recovers the learning rate a DL4J network <em>actually applied</em> at
 * every iteration, per layer, from the parameter change and the gradient, never from
 * {@code getLearningRate} (which only re-evaluates the configured schedule).
 *
 * <p>{@code onGradientCalculation} (after backprop, before the updater) snapshots the parameters,
 * the raw gradient and the updater state; {@code iterationDone} (after the step) reads the
 * parameters again. With {@code g = gradient / minibatch} (DL4J's {@code divideByMinibatch}), the
 * updater formulas of nd4j 1.0.0-M2.1 (libnd4j {@code sgd_updater}, {@code nesterovs_updater},
 * {@code adam_updater}) give, per variable, {@code delta = params_after - params_before}:
 * <pre>
 *   Sgd        delta = -lr * g                                    lr = -&lt;delta, g&gt; / &lt;g, g&gt;
 *   Nesterovs  p = mu * v_prev;  v = p - lr * g;  delta = -(p - (1 + mu) * v)
 *              so (1 + mu) * lr * g = mu * p - delta              lr = &lt;mu * p - delta, g&gt; / ((1 + mu) &lt;g, g&gt;)
 *   Adam       m = b1 * m_prev + (1 - b1) * g;  v = b2 * v_prev + (1 - b2) * g^2
 *              u = m / (sqrt(v) + eps);  delta = -a * u           a = -&lt;delta, u&gt; / &lt;u, u&gt;
 *              a = lr * sqrt(1 - b2^(t+1)) / (1 - b1^(t+1))       lr = a * (1 - b1^(t+1)) / sqrt(1 - b2^(t+1))
 * </pre>
 * where {@code t} is the network's iteration counter, {@code mu} the momentum the Nesterovs config
 * gives at {@code (t, epoch)}, and the states {@code v_prev}, {@code m_prev} are read from the
 * updater state view before the step (layout per {@link UpdaterBlock}: Nesterovs {@code [v]}, Adam
 * {@code [m | v]}). The least-squares forms pool all elements of a variable (or of a layer); each
 * value comes with a bound on its rounding error ({@link Estimate}), so a test can demand agreement
 * to the precision the parameters allow instead of a guessed tolerance.
 *
 * <p>Quirk of DL4J's Adam: when {@code a} computes to 0 (a zero learning rate), libnd4j replaces it by
 * {@code eps}, so a zero LR still moves the parameters; the value recovered then is
 * {@link #adamZeroLearningRateSubstitute}.
 *
 * <p>Fails loudly ({@link IllegalStateException}) on what it cannot recover: updaters other than
 * Sgd, Nesterovs and Adam, L1/L2/weight decay, gradient normalization, parameters not divided by the
 * minibatch (BatchNorm statistics). Not for ParallelWrapper/Spark (gradients are shared there).
 *
 * <p>Usage: {@code AppliedLearningRate lr = AppliedLearningRate.attachTo(net); net.fit(it, 3);
 * double applied = lr.at("layer0", 5);}
 */
public final class AppliedLearningRate extends BaseTrainingListener {

    /**
     * A recovered learning rate and a bound on its absolute error from rounding: the parameters'
     * own ulps before and after the step plus a few ulps of the step, weighted as in the
     * least-squares form.
     */
    public record Estimate(double learningRate, double errorBound) {

        /** {@code |learningRate - expected| <= errorBound + 1e-12 * |expected|}. */
        public boolean agreesWith(double expected) {
            return Math.abs(learningRate - expected) <= errorBound + 1e-12 * Math.abs(expected);
        }
    }

    /** One fit step: DL4J's counters when it ran and the learning rates recovered for it, per layer and per variable ({@code layer_param}). */
    public record Step(int iteration, int epoch, Map<String, Estimate> byLayer, Map<String, Estimate> byVariable) {
    }

    private final Model model;
    private final List<Step> steps = new ArrayList<>();
    private Pending pending;

    private AppliedLearningRate(Model model) {
        this.model = model;
    }

    /** Creates a recorder and adds it to {@code net}'s listeners (keeping the others). */
    public static AppliedLearningRate attachTo(Model net) {
        AppliedLearningRate recorder = new AppliedLearningRate(net);
        if (net instanceof MultiLayerNetwork mln) {
            mln.addListeners(recorder);
        } else if (net instanceof ComputationGraph cg) {
            cg.addListeners(recorder);
        } else {
            throw new IllegalArgumentException("net must be a MultiLayerNetwork or ComputationGraph, got " + net.getClass());
        }
        return recorder;
    }

    /** Every recorded step, in order. */
    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** The step DL4J numbered {@code iteration}; throws if none (or more than one) was recorded. */
    public Step step(int iteration) {
        Step found = null;
        for (Step s : steps) {
            if (s.iteration() == iteration) {
                if (found != null) {
                    throw new IllegalStateException("iteration " + iteration + " was recorded twice");
                }
                found = s;
            }
        }
        if (found == null) {
            throw new IllegalStateException("iteration " + iteration + " was not recorded; recorded: " + steps.size()
                    + " steps");
        }
        return found;
    }

    /** The learning rate layer {@code layerName} applied at {@code iteration}. */
    public double at(String layerName, int iteration) {
        return estimate(layerName, iteration).learningRate();
    }

    /** {@link #at(String, int)} with its rounding error bound. */
    public Estimate estimate(String layerName, int iteration) {
        Step s = step(iteration);
        Estimate e = s.byLayer().get(layerName);
        if (e == null) {
            throw new IllegalArgumentException("no trainable layer '" + layerName + "' at iteration " + iteration
                    + "; layers: " + s.byLayer().keySet());
        }
        if (Double.isNaN(e.learningRate())) {
            throw new IllegalStateException("layer '" + layerName + "' has no single LR at iteration " + iteration
                    + " (zero gradient, or variables with different updaters): " + s.byVariable());
        }
        return e;
    }

    /** The learning rate layer number {@code layerIndex} (MultiLayerNetwork order, or ComputationGraph's getLayers()) applied at {@code iteration}. */
    public double at(int layerIndex, int iteration) {
        return estimate(layerIndex, iteration).learningRate();
    }

    /** {@link #at(int, int)} with its rounding error bound. */
    public Estimate estimate(int layerIndex, int iteration) {
        org.deeplearning4j.nn.api.Layer layer = model instanceof MultiLayerNetwork mln
                ? mln.getLayer(layerIndex) : ((ComputationGraph) model).getLayer(layerIndex);
        return estimate(layer.conf().getLayer().getLayerName(), iteration);
    }

    /**
     * The step Adam takes at {@code iteration} when its learning rate is 0, expressed as a learning
     * rate: libnd4j's {@code adam_updater} replaces a zero {@code a} by {@code eps}.
     */
    public static double adamZeroLearningRateSubstitute(Adam adam, int iteration) {
        return adam.getEpsilon() * (1 - Math.pow(adam.getBeta1(), iteration + 1.0))
                / Math.sqrt(1 - Math.pow(adam.getBeta2(), iteration + 1.0));
    }

    @Override
    public void onGradientCalculation(Model m) {
        BaseMultiLayerUpdater<?> updater = updater();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            block.getGradientUpdater(); // initializes (zeroes) a new state view before we read it
        }
        boolean miniBatch = m.conf().isMiniBatch();
        pending = new Pending(BaseOptimizer.getIterationCount(m), BaseOptimizer.getEpochCount(m),
                miniBatch ? m.batchSize() : 1, flat(m.params()), flat(m.gradient().gradient()),
                flat(updater.getStateViewArray()));
    }

    @Override
    public void iterationDone(Model m, int iteration, int epoch) {
        Pending p = pending;
        pending = null;
        if (p == null) {
            throw new IllegalStateException("iterationDone without onGradientCalculation at iteration " + iteration);
        }
        if (p.iteration != iteration || p.epoch != epoch) {
            throw new IllegalStateException("counters moved inside one step: (" + p.iteration + ", " + p.epoch
                    + ") -> (" + iteration + ", " + epoch + ")");
        }
        double[] after = flat(m.params());
        Map<String, double[]> layerSums = new LinkedHashMap<>(); // {numerator, denominator, error numerator}
        Map<String, IUpdater> layerConfig = new LinkedHashMap<>();
        Map<String, Estimate> byVariable = new LinkedHashMap<>();
        for (UpdaterBlock block : updater().getUpdaterBlocks()) {
            IUpdater config = block.getGradientUpdater().getConfig();
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                String layer = ps.getLayer().getConfig().getLayerName();
                checkSupported(ps.getLayer(), ps.getParamName(), config);
                double[] sums = sums(p, after, block, ps, config);
                byVariable.put(layer + "_" + ps.getParamName(), new Estimate(sums[0] / sums[1], sums[2] / sums[1]));
                IUpdater previous = layerConfig.putIfAbsent(layer, config);
                if (previous != null && !previous.equals(config)) {
                    layerSums.put(layer, new double[] {Double.NaN, 1, Double.NaN}); // variables of one layer disagree: no layer value
                    continue;
                }
                double[] acc = layerSums.computeIfAbsent(layer, k -> new double[3]);
                for (int k = 0; k < 3; k++) {
                    acc[k] += sums[k];
                }
            }
        }
        Map<String, Estimate> byLayer = new LinkedHashMap<>();
        layerSums.forEach((layer, s) -> byLayer.put(layer, new Estimate(s[0] / s[1], s[2] / s[1])));
        steps.add(new Step(iteration, epoch, Collections.unmodifiableMap(byLayer), Collections.unmodifiableMap(byVariable)));
    }

    /**
     * {numerator, denominator, error numerator} for one variable: lr = numerator / denominator (see the
     * class javadoc), |error| <= error numerator / denominator.
     */
    private static double[] sums(Pending p, double[] after, UpdaterBlock block, UpdaterBlock.ParamState ps, IUpdater config) {
        int from = ps.getParamOffsetStart();
        int to = ps.getParamOffsetEnd();
        int blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
        int state = block.getUpdaterViewOffsetStart() + (from - block.getParamOffsetStart());
        double num = 0;
        double den = 0;
        double err = 0;
        double mu = config instanceof Nesterovs n ? n.currentMomentum(p.iteration, p.epoch) : 0;
        Adam adam = config instanceof Adam a ? a : null;
        for (int i = from; i < to; i++) {
            double g = p.gradient[i] / p.batchSize;
            double delta = after[i] - p.params[i];
            // rounding of params +- step (and of the step itself) bounds how far delta is from the exact step
            double deltaError = Math.ulp(after[i]) + Math.ulp(p.params[i]) + 4 * Math.ulp(delta);
            if (config instanceof Sgd) {
                num -= delta * g;
                den += g * g;
                err += deltaError * Math.abs(g);
            } else if (config instanceof Nesterovs) {
                double prev = mu * p.state[state + (i - from)];
                num += (mu * prev - delta) * g;
                den += (1 + mu) * g * g;
                err += (deltaError + 4 * Math.ulp(prev)) * Math.abs(g);
            } else {
                double b1 = adam.getBeta1();
                double b2 = adam.getBeta2();
                double m = b1 * p.state[state + (i - from)] + g * (1 - b1);
                double v = b2 * p.state[state + blockLength + (i - from)] + g * g * (1 - b2);
                double u = m / (Math.sqrt(v) + adam.getEpsilon());
                num -= delta * u;
                den += u * u;
                err += deltaError * Math.abs(u);
            }
        }
        if (adam != null) {
            double t = p.iteration + 1.0;
            double c = (1 - Math.pow(adam.getBeta1(), t)) / Math.sqrt(1 - Math.pow(adam.getBeta2(), t));
            num *= c;
            err *= c;
        }
        return new double[] {num, den, err};
    }

    private static void checkSupported(Trainable layer, String param, IUpdater config) {
        String where = "layer '" + layer.getConfig().getLayerName() + "' parameter '" + param + "'";
        if (!(config instanceof Sgd || config instanceof Nesterovs || config instanceof Adam)) {
            throw new IllegalStateException(where + ": cannot recover the LR of " + config.getClass().getSimpleName()
                    + " (supported: Sgd, Nesterovs, Adam)");
        }
        if (!layer.getConfig().getRegularizationByParam(param).isEmpty()) {
            throw new IllegalStateException(where + ": has regularization " + layer.getConfig().getRegularizationByParam(param)
                    + "; the recovered LR would include it");
        }
        GradientNormalization gn = layer.getConfig().getGradientNormalization();
        if (gn != null && gn != GradientNormalization.None) {
            throw new IllegalStateException(where + ": has gradient normalization " + gn);
        }
        if (!layer.updaterDivideByMinibatch(param)) {
            throw new IllegalStateException(where + ": is not a gradient divided by the minibatch");
        }
    }

    private BaseMultiLayerUpdater<?> updater() {
        return model instanceof MultiLayerNetwork mln ? (BaseMultiLayerUpdater<?>) mln.getUpdater()
                : ((ComputationGraph) model).getUpdater();
    }

    private static double[] flat(INDArray a) {
        return a == null || a.length() == 0 ? new double[0] : a.dup('c').reshape(a.length()).toDoubleVector();
    }

    private record Pending(int iteration, int epoch, int batchSize, double[] params, double[] gradient, double[] state) {
    }
}
