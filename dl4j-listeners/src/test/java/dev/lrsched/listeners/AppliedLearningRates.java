package dev.lrsched.listeners;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The learning rate each parameter really got, recovered from the parameters: with plain {@code Sgd} and no
 * regularization DL4J's update is {@code params -= lr * gradient / batchSize}, so
 * {@code lr = -(delta . gradient) / (gradient . gradient) * batchSize}. The gradient and parameters are copied in
 * {@code onGradientCalculation} (before the updater turns the gradient into the update in place), the delta taken
 * in {@code iterationDone}. Works for MultiLayerNetwork ("0_W") and ComputationGraph ("dense_W") parameter keys.
 * Register it first; it changes nothing.
 */
final class AppliedLearningRates extends BaseTrainingListener {

    /** iteration -> parameter key -> applied learning rate. */
    final Map<Integer, Map<String, Double>> applied = new TreeMap<>();
    private Map<String, INDArray> gradients;
    private Map<String, INDArray> before;
    private int batchSize;

    @Override
    public void onGradientCalculation(Model model) {
        gradients = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : model.gradient().gradientForVariable().entrySet()) {
            gradients.put(e.getKey(), e.getValue().dup());
        }
        before = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : model.paramTable().entrySet()) {
            before.put(e.getKey(), e.getValue().dup());
        }
        batchSize = model.batchSize();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        Map<String, Double> lrs = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray g = e.getValue();
            INDArray delta = model.paramTable().get(e.getKey()).sub(before.get(e.getKey()));
            double gg = g.mul(g).sumNumber().doubleValue();
            lrs.put(e.getKey(), -delta.mul(g).sumNumber().doubleValue() / gg * batchSize);
        }
        applied.put(iteration, lrs);
    }

    /** The learning rate parameter {@code key} got at {@code iteration}. */
    double at(int iteration, String key) {
        Map<String, Double> m = applied.get(iteration);
        if (m == null || !m.containsKey(key)) {
            throw new AssertionError("no applied learning rate for " + key + " at iteration " + iteration
                    + "; have " + applied.keySet() + " / " + (m == null ? "-" : m.keySet()));
        }
        return m.get(key);
    }
}
