package dev.lrsched.schedules.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.lrsched.schedules.testing.AppliedLearningRate;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The test helper {@link AppliedLearningRate} reads what the parameters did, per layer, and refuses what it cannot read. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AppliedLearningRateTest {

    private static MultiLayerNetwork twoUpdaters(IUpdater hidden, IUpdater out, double l2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .l2(l2)
                .list()
                .layer(new DenseLayer.Builder().nIn(Networks.FEATURES).nOut(8).activation(Activation.TANH)
                        .updater(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(Networks.CLASSES)
                        .activation(Activation.SOFTMAX).updater(out).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void eachLayerReportsItsOwnUpdatersLearningRateEveryIteration() {
        MultiLayerNetwork net = twoUpdaters(new Nesterovs(0.05, 0.9), new Adam(0.002), 0.0);
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
        List<DataSet> data = Networks.batches(4, 5);
        net.fit(Networks.iterator(data), 2);
        assertThat(applied.steps()).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(applied.estimate("layer0", i).agreesWith(0.05)).as("%s", applied.estimate("layer0", i)).isTrue();
            assertThat(applied.estimate(1, i).agreesWith(0.002)).as("%s", applied.estimate(1, i)).isTrue();
            assertThat(applied.at(1, i)).isEqualTo(applied.estimate("layer1", i).learningRate());
            assertThat(applied.estimate(1, i).errorBound()).isLessThan(1e-10 * 0.002);
            assertThat(applied.step(i).byVariable()).containsOnlyKeys("layer0_W", "layer0_b", "layer1_W", "layer1_b");
        }
        assertThat(applied.step(7).epoch()).isEqualTo(1);
    }

    /** What moved the parameters is measured: a listener that repeats every step doubles the recovered LR. */
    @Test
    void recoversTheParameterChangeNotTheConfiguredValue() {
        MultiLayerNetwork net = Networks.mln(new Sgd(0.1));
        net.addListeners(new RepeatEveryStep());
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net); // runs after RepeatEveryStep
        for (DataSet ds : Networks.batches(3, 5)) {
            net.fit(ds);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(applied.estimate(0, i).agreesWith(0.2)).as("%s", applied.estimate(0, i)).isTrue();
            assertThat(net.getLearningRate(0)).isEqualTo(0.1); // what getLearningRate would have "recorded"
        }
    }

    /** DL4J's Adam with a zero learning rate still steps: libnd4j replaces the zero step size by epsilon. */
    @Test
    void adamWithZeroLearningRateStillMovesByEpsilon() {
        Adam adam = new Adam(0.0);
        MultiLayerNetwork net = Networks.mln(adam);
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
        INDArray before = net.params().dup();
        List<DataSet> data = Networks.batches(3, 5);
        for (DataSet ds : data) {
            net.fit(ds);
        }
        assertThat(net.params().sub(before).amaxNumber().doubleValue()).isGreaterThan(0.0);
        for (int i = 0; i < 3; i++) {
            double substitute = AppliedLearningRate.adamZeroLearningRateSubstitute(adam, i);
            assertThat(applied.estimate(0, i).agreesWith(substitute)).as("%s vs %s", applied.estimate(0, i), substitute)
                    .isTrue();
        }
    }

    @Test
    void refusesWhatItCannotRecover() {
        MultiLayerNetwork l2 = twoUpdaters(new Sgd(0.1), new Sgd(0.1), 1e-3);
        AppliedLearningRate.attachTo(l2);
        DataSet ds = Networks.batches(1, 5).get(0);
        assertThatThrownBy(() -> l2.fit(ds)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("layer 'layer0' parameter 'W': has regularization");

        MultiLayerNetwork rms = Networks.mln(new org.nd4j.linalg.learning.config.RmsProp(0.1));
        AppliedLearningRate.attachTo(rms);
        assertThatThrownBy(() -> rms.fit(ds)).isInstanceOf(IllegalStateException.class)
                .hasMessage("layer 'layer0' parameter 'W': cannot recover the LR of RmsProp (supported: Sgd, Nesterovs, Adam)");

        AppliedLearningRate none = AppliedLearningRate.attachTo(Networks.mln(new Sgd(0.1)));
        assertThatThrownBy(() -> none.at(0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("iteration 0 was not recorded; recorded: 0 steps");
    }

    /** Applies each step's parameter change a second time. */
    private static final class RepeatEveryStep extends BaseTrainingListener {
        private INDArray before;

        @Override
        public void onGradientCalculation(Model model) {
            before = model.params().dup();
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            INDArray params = model.params();
            params.addi(params.sub(before));
        }
    }
}
