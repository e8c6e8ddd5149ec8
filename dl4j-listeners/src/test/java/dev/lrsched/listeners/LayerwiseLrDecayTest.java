package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.lrsched.listeners.finetune.LayerwiseLrDecay;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauSettings;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.testing.AppliedLearningRate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LayerwiseLrDecayTest {

    private static final ISchedule BASE = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 10);

    /** MLN layer0 (4-6), layer1 (6-5), layer2 (5-3 softmax); Sgd 0.1 unless a layer updater is given. */
    static MultiLayerNetwork mln(IUpdater updater, IUpdater... perLayer) {
        DenseLayer.Builder l0 = new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH);
        DenseLayer.Builder l1 = new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH);
        OutputLayer.Builder l2 = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                .activation(Activation.SOFTMAX);
        if (perLayer.length == 3) {
            l0.updater(perLayer[0]);
            l1.updater(perLayer[1]);
            l2.updater(perLayer[2]);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(updater).list().layer(l0.build()).layer(l1.build()).layer(l2.build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** in -> a (4-6) -> {b, c} (6-4 each) -> merge -> out (8-3): out depth 0, b and c 1, a 2. */
    static ComputationGraph branched(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(updater).graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.TANH).build(), "a")
                .addLayer("c", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.TANH).build(), "a")
                .addVertex("merge", new MergeVertex(), "b", "c")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** in -> a (4-4) -> b (4-4) -> add(a, b) -> out (4-3): a's longest path to the output passes b. */
    static ComputationGraph residual(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(updater).graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build(), "a")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "add")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static AppliedLearningRate fitWithApplied(Model net, int epochs) {
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(TestNets.train(), epochs);
        } else {
            ((ComputationGraph) net).fit(TestNets.train(), epochs);
        }
        return applied;
    }

    private static void assertApplied(AppliedLearningRate applied, String variable, double expected, int it) {
        LearningRateMonitorTest.assertApplied(applied, it, variable, expected);
    }

    private static int blocks(Model net) {
        Object u = net instanceof MultiLayerNetwork mln ? mln.getUpdater() : ((ComputationGraph) net).getUpdater();
        return ((BaseMultiLayerUpdater<?>) u).getUpdaterBlocks().size();
    }

    @Test
    void eachLayerOfAMultiLayerNetworkAppliesTheBaseTimesDecayToItsDepth() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        Map<String, Double> scales = LayerwiseLrDecay.of(0.5).schedule(BASE).applyTo(net);
        assertThat(scales).containsExactly(entry("layer2", 1.0), entry("layer1", 0.5), entry("layer0", 0.25));
        assertThat(blocks(net)).isEqualTo(3);

        AppliedLearningRate applied = fitWithApplied(net, 2);
        for (int it = 0; it < 8; it++) {
            for (int layer = 0; layer < 3; layer++) {
                double expected = Math.pow(0.5, 2 - layer) * BASE.valueAt(it, 0);
                assertApplied(applied, "layer" + layer + "_W", expected, it);
                assertApplied(applied, "layer" + layer + "_b", expected, it);
            }
        }
    }

    @Test
    void aGraphsDepthIsTheLongestPathAndParallelBranchesShareOneDepthAndOneUpdaterBlock() {
        ComputationGraph net = branched(new Sgd(0.1));
        Map<String, Double> scales = LayerwiseLrDecay.of(0.5).schedule(BASE).applyTo(net);
        assertThat(scales).containsExactly(entry("out", 1.0), entry("b", 0.5), entry("c", 0.5), entry("a", 0.25));
        assertThat(blocks(net)).isEqualTo(3); // [a] [b c] [out]
        assertThat(LayerwiseLrDecay.of(0.5).scales(residual(new Sgd(0.1))))
                .containsExactly(entry("out", 1.0), entry("b", 0.5), entry("a", 0.25));

        AppliedLearningRate applied = fitWithApplied(net, 1);
        for (int it = 0; it < 4; it++) {
            for (Map.Entry<String, Double> e : scales.entrySet()) {
                assertApplied(applied, e.getKey() + "_W", e.getValue() * BASE.valueAt(it, 0), it);
                assertApplied(applied, e.getKey() + "_b", e.getValue() * BASE.valueAt(it, 0), it);
            }
        }
    }

    @Test
    void withoutAScheduleEachLayersOwnSettingIsScaledBiasUpdaterIncluded() {
        MultiLayerNetwork net = mln(new Sgd(0.1), new Sgd(0.1), new Sgd(BASE), new Sgd(0.2));
        ((BaseLayer) net.getLayer(2).conf().getLayer()).setBiasUpdater(new Sgd(0.4));
        LayerwiseLrDecay.of(0.5).applyTo(net);
        assertThat(net.getLearningRate(0)).isEqualTo(0.025);
        assertThat(((Sgd) ((BaseLayer) net.getLayer(1).conf().getLayer()).getIUpdater()).getLearningRateSchedule())
                .isEqualTo(new ScaledSchedule(BASE, 0.5));
        assertThat(net.getLearningRate(2)).isEqualTo(0.2);

        AppliedLearningRate applied = fitWithApplied(net, 1);
        for (int it = 0; it < 4; it++) {
            assertApplied(applied, "layer0_W", 0.025, it);
            assertApplied(applied, "layer1_W", 0.5 * BASE.valueAt(it, 0), it);
            assertApplied(applied, "layer2_W", 0.2, it);
            assertApplied(applied, "layer2_b", 0.4, it);
        }
    }

    /**
     * TransferLearning with a FineTuneConfiguration (updater Sgd 0.05), layer0 frozen, optionally a new head. DL4J
     * starts the counters at 0 (the pretrained net was at iteration 4) and, without a new head, gives layers 1 and
     * 2 the same IUpdater instance.
     */
    private static MultiLayerNetwork transferred(boolean newHead) {
        MultiLayerNetwork pretrained = mln(new Sgd(0.1));
        pretrained.fit(TestNets.train());
        assertThat(pretrained.getIterationCount()).isEqualTo(4);
        TransferLearning.Builder b = new TransferLearning.Builder(pretrained)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(0.05)).build())
                .setFeatureExtractor(0);
        if (newHead) {
            b.removeOutputLayer().addLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                    .activation(Activation.SOFTMAX).build());
        }
        MultiLayerNetwork net = b.build();
        assertThat(net.getIterationCount()).isZero();
        assertThat(net.getEpochCount()).isZero();
        if (!newHead) {
            IUpdater u1 = ((BaseLayer) net.getLayer(1).conf().getLayer()).getIUpdater();
            IUpdater u2 = ((BaseLayer) net.getLayer(2).conf().getLayer()).getIUpdater();
            assertThat(u1).isSameAs(u2);
        }
        return net;
    }

    @ParameterizedTest(name = "newHead={0}")
    @ValueSource(booleans = {false, true})
    void afterTransferLearningTheFrozenLayerStaysFrozenAndEachTrainableLayerGetsItsOwnScale(boolean newHead) {
        MultiLayerNetwork net = transferred(newHead);
        ISchedule warmup = Schedules.startingAt(ScheduleType.ITERATION, net.getIterationCount(),
                Schedules.warmupCosine(ScheduleType.ITERATION, 0.01, 0.1, 0.001, 2, 8));
        Map<String, Double> scales = LayerwiseLrDecay.of(0.5).schedule(warmup).applyTo(net);
        assertThat(scales).containsExactly(entry("layer2", 1.0), entry("layer1", 0.5));

        double[] frozenBefore = net.getLayer(0).params().toDoubleVector();
        AppliedLearningRate applied = fitWithApplied(net, 2);
        assertThat(Arrays.equals(net.getLayer(0).params().toDoubleVector(), frozenBefore)).isTrue();
        assertThat(applied.step(0).byVariable()).doesNotContainKey("layer0_W"); // frozen: NoOp, nothing applied
        for (int it = 0; it < 8; it++) {
            assertApplied(applied, "layer1_W", 0.5 * warmup.valueAt(it, 0), it);
            assertApplied(applied, "layer2_W", warmup.valueAt(it, 0), it);
        }
        assertThat(applied.step(0).byVariable().get("layer2_W").agreesWith(0.01)).isTrue();
    }

    @Test
    void startingAtGivesAScheduleInstalledMidTrainingItsOwnStepZero() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        net.fit(TestNets.train()); // iterations 0-3
        ISchedule warmup = Schedules.warmupCosine(ScheduleType.ITERATION, 0.01, 0.1, 0.001, 2, 8);
        LayerwiseLrDecay.of(0.5).schedule(Schedules.startingAt(ScheduleType.ITERATION, net.getIterationCount(), warmup))
                .applyTo(net);
        AppliedLearningRate applied = fitWithApplied(net, 1); // iterations 4-7 see steps 0-3
        for (int it = 4; it < 8; it++) {
            assertApplied(applied, "layer2_W", warmup.valueAt(it - 4, 0), it);
            assertApplied(applied, "layer0_W", 0.25 * warmup.valueAt(it - 4, 0), it);
        }
        assertThat(warmup.valueAt(4, 0)).isNotEqualTo(warmup.valueAt(0, 0)); // without startingAt it would differ
    }

    @Test
    void jsonAndModelSerializerKeepTheScaledSchedulesAndTheUpdaterBlocks() throws IOException {
        MultiLayerNetwork mln = mln(new Adam(0.01));
        LayerwiseLrDecay.of(0.8).schedule(BASE).applyTo(mln);
        MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        MultiLayerNetwork mlnBack = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(save(mln)), true);
        assertThat(mlnBack.getLayerWiseConfigurations()).isEqualTo(conf);
        assertThat(blocks(mlnBack)).isEqualTo(blocks(mln)).isEqualTo(3);
        assertThat(mlnBack.getLearningRate(0)).isEqualTo(Math.pow(0.8, 2) * 0.1);
        assertResumedIsBitwiseUninterrupted(mln, mlnBack);

        ComputationGraph cg = branched(new Adam(0.01));
        LayerwiseLrDecay.of(0.8).schedule(BASE).applyTo(cg);
        ComputationGraphConfiguration cgConf = cg.getConfiguration();
        assertThat(ComputationGraphConfiguration.fromJson(cgConf.toJson())).isEqualTo(cgConf);
        ComputationGraph cgBack = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(save(cg)), true);
        assertThat(cgBack.getConfiguration()).isEqualTo(cgConf);
        assertThat(blocks(cgBack)).isEqualTo(blocks(cg)).isEqualTo(3);
        assertThat(cgBack.getLearningRate("a")).isEqualTo(Math.pow(0.8, 2) * 0.1);
        assertThat(cgBack.getLearningRate("c")).isEqualTo(0.8 * 0.1);
        assertResumedIsBitwiseUninterrupted(cg, cgBack);
    }

    private static void assertResumedIsBitwiseUninterrupted(Model original, Model restored) {
        List<DataSet> batch = TestNets.data(3, 1, 8);
        fitOne(original, batch.get(0));
        fitOne(restored, batch.get(0));
        assertThat(Arrays.equals(restored.params().toDoubleVector(), original.params().toDoubleVector())).isTrue();
    }

    private static void fitOne(Model net, DataSet ds) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(ds);
        } else {
            ((ComputationGraph) net).fit(ds);
        }
    }

    private static byte[] save(Model net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return out.toByteArray();
    }

    @Test
    void decayOneAndEqualGroupsShareUpdaterBlocks() {
        MultiLayerNetwork same = mln(new Adam(0.01));
        LayerwiseLrDecay.of(1.0).schedule(BASE).applyTo(same);
        assertThat(blocks(same)).isEqualTo(1);

        MultiLayerNetwork grouped = mln(new Adam(0.01));
        Map<String, Double> scales = LayerwiseLrDecay.of(0.5).schedule(BASE)
                .groups(List.of(List.of("layer2"), List.of("layer1", "layer0"))).applyTo(grouped);
        assertThat(scales).containsExactly(entry("layer2", 1.0), entry("layer0", 0.5), entry("layer1", 0.5));
        assertThat(blocks(grouped)).isEqualTo(2);
    }

    @Test
    void badInputFailsWithTheParameterAndTheValue() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        for (double d : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> LayerwiseLrDecay.of(d)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("decay must be in (0.0, 1.0], got " + d);
        }
        LayerwiseLrDecay d = LayerwiseLrDecay.of(0.5);
        assertThatThrownBy(() -> d.groups(List.of())).hasMessage("groups must not be empty");
        assertThatThrownBy(() -> d.groups(List.of(List.of("layer0"), List.of())))
                .hasMessage("groups must not contain an empty group, got [[layer0], []]");
        assertThatThrownBy(() -> d.groups(List.of(List.of("layer0"), List.of("layer0"))))
                .hasMessage("layer 'layer0' is in more than one group: [[layer0], [layer0]]");
        assertThatThrownBy(() -> d.groups(List.of(List.of("layer2", "nope"), List.of("layer1", "layer0"))).applyTo(net))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("groups name layers that are not learning layers of the network: [nope]; its layers with"
                        + " a learning rate (not frozen) are [layer0, layer1, layer2]");
        assertThatThrownBy(() -> d.groups(List.of(List.of("layer2"), List.of("layer1"))).applyTo(net))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("groups must list every learning layer; missing [layer0]");
        assertThatThrownBy(() -> d.schedule(null)).hasMessage("schedule must not be null");
        assertThatThrownBy(() -> d.applyTo(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LayerwiseLrDecay supports MultiLayerNetwork and ComputationGraph, got null");
        // nothing was changed by the failed calls
        assertThat(net.getLearningRate(0)).isEqualTo(0.1);
        assertThat(d.toString()).isEqualTo("LayerwiseLrDecay(decay=0.5)");
        assertThat(d).isEqualTo(LayerwiseLrDecay.of(0.5)).isNotEqualTo(LayerwiseLrDecay.of(0.6))
                .hasSameHashCodeAs(LayerwiseLrDecay.of(0.5));
    }

    @Test
    void aPlateauReductionAfterLayerwiseDecayKeepsTheRatiosBetweenLayers() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        LayerwiseLrDecay.of(0.5).schedule(BASE).applyTo(net);
        PlateauController c = new PlateauController(PlateauSettings.defaults().withPatience(0).withFactor(0.5)
                .withMode(Mode.MIN), "t");
        NetworkAdapter target = NetworkAdapter.of("t", net, LayerSelection.all());
        c.step(target, 1.0, "m");
        c.step(target, 2.0, "m");
        for (int layer = 0; layer < 3; layer++) {
            ISchedule s = ((Sgd) ((BaseLayer) net.getLayer(layer).conf().getLayer()).getIUpdater())
                    .getLearningRateSchedule();
            assertThat(s).isEqualTo(new ScaledSchedule(BASE, Math.pow(0.5, 2 - layer) * 0.5));
        }
    }

    /** The plateau core on a TransferLearning network (one shared IUpdater): each layer is reduced exactly once. */
    @Test
    void aPlateauReductionOnATransferredNetworkReducesEachLayerOnce() {
        MultiLayerNetwork net = transferred(false);
        PlateauController c = new PlateauController(PlateauSettings.defaults().withPatience(0).withMode(Mode.MIN), "t");
        NetworkAdapter target = NetworkAdapter.of("t", net, LayerSelection.all());
        c.step(target, 1.0, "m");
        c.step(target, 2.0, "m");
        assertThat(c.getNumReductions()).isEqualTo(1);
        assertThat(net.getLearningRate(1)).isEqualTo(0.05 * 0.1);
        assertThat(net.getLearningRate(2)).isEqualTo(0.05 * 0.1);

        MultiLayerNetwork one = transferred(false);
        PlateauController onlyHead = new PlateauController(PlateauSettings.defaults().withPatience(0)
                .withMode(Mode.MIN), "t");
        NetworkAdapter head = NetworkAdapter.of("t", one, LayerSelection.of(List.of("layer2"), null));
        onlyHead.step(head, 1.0, "m");
        onlyHead.step(head, 2.0, "m");
        assertThat(one.getLearningRate(2)).isEqualTo(0.05 * 0.1);
        assertThat(one.getLearningRate(1)).isEqualTo(0.05); // not reduced with the head
    }
}
