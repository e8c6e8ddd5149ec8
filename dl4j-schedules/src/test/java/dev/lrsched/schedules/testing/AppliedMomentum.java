package dev.lrsched.schedules.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * A training listener that recovers both the learning rate and the momentum a DL4J {@code Nesterovs}
 * updater <em>actually applied</em> at every iteration, per layer, from the parameters, the gradient
 * and the updater state before and after the step, never from the configuration (unlike
 * {@link AppliedLearningRate}, which takes the momentum from the config to recover the learning rate).
 *
 * <p>nd4j 1.0.0-M2.1's Nesterovs ({@code NesterovsUpdater}, libnd4j {@code nesterovs_updater}), per
 * element, with {@code g = gradient / minibatch}, velocity {@code v_prev} before and {@code v} after the
 * step (the updater state view), {@code delta = params_after - params_before}:
 * <pre>
 *   v     = mu * v_prev - lr * g
 *   delta = (1 + mu) * v - mu * v_prev,  i.e.  delta - v = mu * (v - v_prev)
 *   mu    = &lt;delta - v, v - v_prev&gt; / &lt;v - v_prev, v - v_prev&gt;
 *   lr    = &lt;mu * v_prev - v, g&gt; / &lt;g, g&gt;
 * </pre>
 * pooled over all elements of a layer (least squares). Each value comes with a first-order bound on
 * its rounding error from the ulps of the values read ({@link AppliedLearningRate.Estimate}).
 *
 * <p>Fails loudly ({@link IllegalStateException}) for updaters other than Nesterovs, regularization and
 * gradient normalization, and parameters not divided by the minibatch.
 *
 * <p>Usage: {@code AppliedMomentum m = AppliedMomentum.attachTo(net); net.fit(it, 3);
 * double mu = m.momentum("layer0", 5).learningRate();} (the Estimate's value field is named for the LR
 * case; here it holds the momentum).
 */
public final class AppliedMomentum extends BaseTrainingListener {

    /** One fit step: DL4J's counters, and per layer the recovered learning rate and momentum. */
    public record Step(int iteration, int epoch, Map<String, AppliedLearningRate.Estimate> learningRate,
                       Map<String, AppliedLearningRate.Estimate> momentum) {
    }

    private final Model model;
    private final List<Step> steps = new ArrayList<>();
    private Pending pending;

    private AppliedMomentum(Model model) {
        this.model = model;
    }

    /** Creates a recorder and adds it to {@code net}'s listeners (keeping the others). */
    public static AppliedMomentum attachTo(Model net) {
        AppliedMomentum recorder = new AppliedMomentum(net);
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

    @Override
    public void onGradientCalculation(Model m) {
        BaseMultiLayerUpdater<?> updater = updater();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            block.getGradientUpdater(); // initializes (zeroes) a new state view before we read it
        }
        pending = new Pending(BaseOptimizer.getIterationCount(m), BaseOptimizer.getEpochCount(m),
                m.conf().isMiniBatch() ? m.batchSize() : 1, flat(m.params()), flat(m.gradient().gradient()),
                flat(updater.getStateViewArray()));
    }

    @Override
    public void iterationDone(Model m, int iteration, int epoch) {
        Pending p = pending;
        pending = null;
        if (p == null || p.iteration != iteration || p.epoch != epoch) {
            throw new IllegalStateException("iterationDone(" + iteration + ", " + epoch + ") does not follow its"
                    + " onGradientCalculation: " + p);
        }
        double[] after = flat(m.params());
        double[] stateAfter = flat(updater().getStateViewArray());
        Map<String, List<int[]>> ranges = new LinkedHashMap<>(); // layer -> {paramFrom, paramTo, stateFrom}
        for (UpdaterBlock block : updater().getUpdaterBlocks()) {
            IUpdater config = block.getGradientUpdater().getConfig();
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                String layer = ps.getLayer().getConfig().getLayerName();
                String where = "layer '" + layer + "' parameter '" + ps.getParamName() + "'";
                if (!(config instanceof Nesterovs)) {
                    throw new IllegalStateException(where + ": " + config.getClass().getSimpleName() + " is not Nesterovs");
                }
                if (!ps.getLayer().getConfig().getRegularizationByParam(ps.getParamName()).isEmpty()) {
                    throw new IllegalStateException(where + ": has regularization");
                }
                GradientNormalization gn = ps.getLayer().getConfig().getGradientNormalization();
                if (gn != null && gn != GradientNormalization.None) {
                    throw new IllegalStateException(where + ": has gradient normalization " + gn);
                }
                if (!ps.getLayer().updaterDivideByMinibatch(ps.getParamName())) {
                    throw new IllegalStateException(where + ": is not a gradient divided by the minibatch");
                }
                int stateFrom = block.getUpdaterViewOffsetStart() + (ps.getParamOffsetStart() - block.getParamOffsetStart());
                ranges.computeIfAbsent(layer, k -> new ArrayList<>())
                        .add(new int[] {ps.getParamOffsetStart(), ps.getParamOffsetEnd(), stateFrom});
            }
        }
        Map<String, AppliedLearningRate.Estimate> mus = new LinkedHashMap<>();
        Map<String, AppliedLearningRate.Estimate> lrs = new LinkedHashMap<>();
        ranges.forEach((layer, rs) -> {
            double num = 0;
            double den = 0;
            double err = 0;
            for (int[] r : rs) {
                for (int i = r[0]; i < r[1]; i++) {
                    double vPrev = p.state[r[2] + (i - r[0])];
                    double v = stateAfter[r[2] + (i - r[0])];
                    double delta = after[i] - p.params[i];
                    double dv = v - vPrev;
                    double e = deltaError(after[i], p.params[i], delta) + 2 * Math.ulp(v);
                    num += (delta - v) * dv;
                    den += dv * dv;
                    err += e * Math.abs(dv) + Math.abs(delta - v) * (Math.ulp(v) + Math.ulp(vPrev) + Math.ulp(dv));
                }
            }
            double mu = num / den;
            mus.put(layer, new AppliedLearningRate.Estimate(mu, err / den));
            double lnum = 0;
            double lden = 0;
            double lerr = 0;
            for (int[] r : rs) {
                for (int i = r[0]; i < r[1]; i++) {
                    double g = p.gradient[i] / p.batchSize;
                    double vPrev = p.state[r[2] + (i - r[0])];
                    double v = stateAfter[r[2] + (i - r[0])];
                    lnum += (mu * vPrev - v) * g;
                    lden += g * g;
                    lerr += (Math.abs(vPrev) * err / den + 4 * Math.ulp(v) + 4 * Math.ulp(mu * vPrev)) * Math.abs(g);
                }
            }
            lrs.put(layer, new AppliedLearningRate.Estimate(lnum / lden, lerr / lden));
        });
        steps.add(new Step(iteration, epoch, Collections.unmodifiableMap(lrs), Collections.unmodifiableMap(mus)));
    }

    private static double deltaError(double after, double before, double delta) {
        return Math.ulp(after) + Math.ulp(before) + 4 * Math.ulp(delta);
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
