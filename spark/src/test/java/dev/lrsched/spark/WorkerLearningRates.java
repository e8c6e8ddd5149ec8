package dev.lrsched.spark;

import dev.lrsched.schedules.testing.AppliedLearningRate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A Spark {@link TrainingHook} that attaches an {@link AppliedLearningRate} to every worker network before its
 * first minibatch, so a test reads the learning rate each worker step <em>actually applied</em> (parameter
 * averaging trains plain local copies: the recovery holds there). Works in {@code local[n]} only: the recorders
 * live in this JVM's static registry, which {@link #drain()} empties. Usage:
 * {@code trainingMaster(new WorkerLearningRates()); sparkNet.fit(rdd); WorkerLearningRates.drain()}.
 */
final class WorkerLearningRates implements TrainingHook {

    private static final long serialVersionUID = 1L;

    /** Every worker network seen since the last drain, with its recorder (in the order first seen). */
    private static final Map<Model, AppliedLearningRate> RECORDERS = new IdentityHashMap<>();
    private static final List<AppliedLearningRate> ORDER = new ArrayList<>();

    /** The steps every worker recorded since the last call (all workers, all splits), and forgets them. */
    static synchronized List<AppliedLearningRate.Step> drain() {
        List<AppliedLearningRate.Step> steps = new ArrayList<>();
        for (AppliedLearningRate r : ORDER) {
            steps.addAll(r.steps());
        }
        RECORDERS.clear();
        ORDER.clear();
        return Collections.unmodifiableList(steps);
    }

    private static synchronized void attach(Model model) {
        if (!RECORDERS.containsKey(model)) {
            AppliedLearningRate r = AppliedLearningRate.attachTo(model);
            RECORDERS.put(model, r);
            ORDER.add(r);
        }
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        attach(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        attach(model);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }
}
