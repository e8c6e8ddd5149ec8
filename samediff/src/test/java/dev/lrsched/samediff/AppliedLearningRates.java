package dev.lrsched.samediff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Test probe: the learning rate every training step actually applied, from the parameter delta and the gradient
 * (Sgd, no regularization: {@code before - after = lr * gradient}; least squares over all parameters). The
 * gradient comes from {@code sd.calculateGradients} on the step's batch before the step, at the counters SameDiff
 * is about to use ({@code TrainingConfig}'s).
 */
final class AppliedLearningRates extends BaseListener {

    /** One step: the counters it ran at and the learning rate it applied, pooled and per variable. */
    record Step(int iteration, int epoch, double learningRate, Map<String, Double> byVariable) {
    }

    private final SameDiff sd;
    private final List<Step> steps = new ArrayList<>();
    private Map<String, INDArray> before;
    private Map<String, INDArray> gradients;
    private int iteration;
    private int epoch;

    AppliedLearningRates(SameDiff sd) {
        this.sd = sd;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationStart(SameDiff s, At at, MultiDataSet data, long etlTimeMs) {
        iteration = sd.getTrainingConfig().getIterationCount();
        epoch = sd.getTrainingConfig().getEpochCount();
        before = new HashMap<>();
        for (String p : SameDiffTestNets.PARAMS) {
            before.put(p, sd.getVariable(p).getArr().dup());
        }
        gradients = sd.calculateGradients(Map.of("in", data.getFeatures(0), "label", data.getLabels(0)),
                SameDiffTestNets.PARAMS);
    }

    @Override
    public void iterationDone(SameDiff s, At at, MultiDataSet dataSet, Loss loss) {
        double dg = 0;
        double gg = 0;
        Map<String, Double> byVariable = new HashMap<>();
        for (String p : SameDiffTestNets.PARAMS) {
            INDArray delta = before.get(p).sub(sd.getVariable(p).getArr());
            INDArray g = gradients.get(p);
            double pdg = delta.mul(g).sumNumber().doubleValue();
            double pgg = g.mul(g).sumNumber().doubleValue();
            byVariable.put(p, pdg / pgg);
            dg += pdg;
            gg += pgg;
        }
        steps.add(new Step(iteration, epoch, dg / gg, Map.copyOf(byVariable)));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
