package dev.lrsched.parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test probe, attached to a ParallelWrapper ({@code setListeners}): for every update of every worker, the
 * learning rate it actually applied, recovered from the parameter delta and the gradient (Sgd, no
 * regularization: {@code before - after = lr * gradient / batchSize}, least squares over all parameters; DL4J's
 * gradient is summed over the minibatch and the updater divides it by the minibatch size).
 */
final class AppliedLearningRates extends BaseTrainingListener {

    /** One update: on the main network (worker 0) or a replica, at the worker's counters. */
    record Update(boolean main, int iteration, int epoch, double learningRate) {
    }

    private final Model main;
    private final ThreadLocal<INDArray[]> before = new ThreadLocal<>();
    private final List<Update> updates = Collections.synchronizedList(new ArrayList<>());

    AppliedLearningRates(Model main) {
        this.main = main;
    }

    @Override
    public void onGradientCalculation(Model model) {
        before.set(new INDArray[] {model.params().dup(), model.gradient().gradient().dup()});
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        INDArray[] b = before.get();
        INDArray delta = b[0].sub(model.params());
        double lr = delta.mul(b[1]).sumNumber().doubleValue() / b[1].mul(b[1]).sumNumber().doubleValue()
                * model.batchSize();
        updates.add(new Update(model == main, iteration, epoch, lr));
    }

    /** The updates so far, and forget them. */
    List<Update> drain() {
        synchronized (updates) {
            List<Update> out = List.copyOf(updates);
            updates.clear();
            return out;
        }
    }
}
