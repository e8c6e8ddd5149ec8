package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.testing.AppliedLearningRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LearningRateMonitorTest {

    /** Hidden layer: Sgd on this cosine; output layer: Sgd 0.05, its bias Sgd 0.02. */
    private static final ISchedule COSINE = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.01, 20);

    @TempDir
    Path tmp;

    /** MLN "layer0" (4-8 tanh) and "layer1" (8-3 softmax), or the same CG with "dense" and "out"; double precision. */
    static Model net(boolean graph, IUpdater hidden, IUpdater out, IUpdater outBias) {
        DenseLayer dense = new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).updater(hidden).build();
        OutputLayer.Builder o = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                .activation(Activation.SOFTMAX).updater(out);
        if (outBias != null) {
            o.biasUpdater(outBias);
        }
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE);
        if (graph) {
            ComputationGraphConfiguration conf = b.graphBuilder().addInputs("in")
                    .addLayer("dense", dense, "in").addLayer("out", o.build(), "dense").setOutputs("out").build();
            ComputationGraph cg = new ComputationGraph(conf);
            cg.init();
            return cg;
        }
        MultiLayerConfiguration conf = b.list().layer(dense).layer(o.build()).build();
        MultiLayerNetwork mln = new MultiLayerNetwork(conf);
        mln.init();
        return mln;
    }

    private static void fit(Model net, int epochs) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(TestNets.train(), epochs);
        } else {
            ((ComputationGraph) net).fit(TestNets.train(), epochs);
        }
    }

    /**
     * 20 iterations; the plateau listener evaluates in iterationDone every 5 iterations (metrics 1, 2, 0.5, 0.4):
     * the second evaluation, at iteration 9, halves every learning rate, from iteration 10 on. It is registered
     * BEFORE the monitor, so a monitor reading in iterationDone would report the halved rate for iteration 9.
     */
    @ParameterizedTest(name = "graph={0}")
    @ValueSource(booleans = {false, true})
    void recordsTheLearningRateEachParameterReallyGotIncludingAPlateauReduction(boolean graph) {
        Model net = net(graph, new Sgd(COSINE), new Sgd(0.05), new Sgd(0.02));
        String hidden = graph ? "dense" : "layer0";
        String out = graph ? "out" : "layer1";
        String w0 = hidden + "_W";
        String b0 = hidden + "_b";
        String w1 = out + "_W";
        String b1 = out + "_b";
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new TestNets.Scripted(true, 1.0, 2.0, 0.5, 0.4))
                .patience(0).factor(0.5).evaluateEveryIterations(5).build();
        LearningRateMonitor monitor = LearningRateMonitor.builder().everyIterations(1).markReductionsOf(plateau).build();
        net.setListeners(plateau, monitor);
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);

        fit(net, 5);

        List<LearningRateRecord> records = monitor.getRecords();
        assertThat(records).extracting(LearningRateRecord::getIteration)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(records.get(0).getKeys()).containsExactly("lr-" + hidden, "lr-" + out, "lr-" + out + "/bias");
        for (LearningRateRecord r : records) {
            int it = r.getIteration();
            double scale = it >= 10 ? 0.5 : 1.0;
            // what the monitor recorded is the schedule, scaled by the reduction ...
            assertThat(r.get(LearningRateMonitor.lrKey(hidden))).as("it %s", it).isEqualTo(scale * COSINE.valueAt(it, 0));
            assertThat(r.get(LearningRateMonitor.lrKey(out))).as("it %s", it).isEqualTo(0.05 * scale);
            assertThat(r.get(LearningRateMonitor.biasLrKey(out))).as("it %s", it).isEqualTo(0.02 * scale);
            // ... and what DL4J applied, read back from the parameter deltas
            assertApplied(applied, it, w0, r.get("lr-" + hidden));
            assertApplied(applied, it, b0, r.get("lr-" + hidden));
            assertApplied(applied, it, w1, r.get("lr-" + out));
            assertApplied(applied, it, b1, r.get("lr-" + out + "/bias"));
            assertThat(r.isAfterReduction()).as("it %s", it).isEqualTo(it == 10);
        }
        assertThat(monitor.getReductions()).hasSize(1);
        ReductionEvent e = monitor.getReductions().get(0);
        assertThat(e.getIteration()).isEqualTo(9);
        assertThat(records.get(10).getReductions()).containsExactly(e);
    }

    /** The rate variable {@code layer_param} applied at {@code iteration} is {@code recorded}, to its rounding bound. */
    static void assertApplied(AppliedLearningRate applied, int iteration, String variable, double recorded) {
        AppliedLearningRate.Estimate e = applied.step(iteration).byVariable().get(variable);
        assertThat(e).as("%s at iteration %s", variable, iteration).isNotNull();
        assertThat(e.agreesWith(recorded)).as("%s at iteration %s: applied %s (+- %s), recorded %s", variable,
                iteration, e.learningRate(), e.errorBound(), recorded).isTrue();
    }

    /** Default timing: the first update of each epoch; the reduction at epoch end 2 shows in epoch 2's record. */
    @ParameterizedTest(name = "graph={0}")
    @ValueSource(booleans = {false, true})
    void everyEpochRecordsTheFirstUpdateOfEachEpoch(boolean graph) {
        Model net = net(graph, new Sgd(COSINE), new Sgd(0.05), null);
        String hidden = graph ? "dense" : "layer0";
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new TestNets.Scripted(true, 1.0, 2.0, 0.5, 0.4, 0.3)).patience(0).factor(0.5).build();
        LearningRateMonitor monitor = LearningRateMonitor.builder().markReductionsOf(plateau).build();
        net.setListeners(plateau, monitor);
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);

        fit(net, 4);

        List<LearningRateRecord> records = monitor.getRecords();
        assertThat(records).extracting(LearningRateRecord::getIteration).containsExactly(0, 4, 8, 12);
        assertThat(records).extracting(LearningRateRecord::getEpoch).containsExactly(0, 1, 2, 3);
        assertThat(records).extracting(LearningRateRecord::isAfterReduction).containsExactly(false, false, true, false);
        assertThat(records.get(0).getKeys()).containsExactly("lr-" + hidden, "lr-" + (graph ? "out" : "layer1"));
        for (LearningRateRecord r : records) {
            double scale = r.getEpoch() >= 2 ? 0.5 : 1.0;
            assertThat(r.get("lr-" + hidden)).isEqualTo(scale * COSINE.valueAt(r.getIteration(), r.getEpoch()));
            assertApplied(applied, r.getIteration(), hidden + "_W", r.get("lr-" + hidden));
        }
    }

    @Test
    void fitDataSetLoopsRecordAtEachNewEpochCounter() {
        MultiLayerNetwork net = (MultiLayerNetwork) net(false, new Sgd(0.1), new Sgd(0.1), null);
        LearningRateMonitor monitor = LearningRateMonitor.builder().build();
        net.setListeners(monitor);
        List<DataSet> data = TestNets.data(1, 3, 8);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet ds : data) {
                net.fit(ds);
            }
            net.incrementEpochCount();
        }
        assertThat(monitor.getRecords()).extracting(LearningRateRecord::getIteration).containsExactly(0, 3, 6);
    }

    @Test
    void momentumIsTheNesterovsScheduleAndBeta1IsAdamsConstant() {
        ISchedule momentum = new StepSchedule(ScheduleType.ITERATION, 0.9, 0.5, 2);
        Model net = net(false, new Nesterovs(0.1, momentum), new Adam(0.01, 0.8, 0.999, 1e-8), new Sgd(0.02));
        LearningRateMonitor monitor = LearningRateMonitor.builder().everyIterations(2).logMomentum(true).build();
        net.setListeners(monitor);
        fit(net, 2);
        List<LearningRateRecord> records = monitor.getRecords();
        assertThat(records).extracting(LearningRateRecord::getIteration).containsExactly(0, 2, 4, 6);
        assertThat(records.get(0).getKeys()).containsExactly("lr-layer0", "lr-layer0-momentum", "lr-layer1",
                "lr-layer1-beta1", "lr-layer1/bias");
        for (LearningRateRecord r : records) {
            assertThat(r.get("lr-layer0-momentum")).isEqualTo(momentum.valueAt(r.getIteration(), r.getEpoch()));
            assertThat(r.get("lr-layer1-beta1")).isEqualTo(0.8);
            assertThat(r.get("lr-layer0")).isEqualTo(0.1);
            assertThat(r.get("lr-layer1")).isEqualTo(0.01);
        }
        assertThat(records.get(3).get("lr-layer0-momentum")).isEqualTo(0.9 * 0.5 * 0.5 * 0.5);
    }

    @Test
    void csvHasOneRowPerRecordWithExactValuesAndTheReductionFlag() throws IOException {
        Path file = tmp.resolve("sub/lr.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old content\n");
        Model net = net(false, new Sgd(COSINE), new Sgd(0.05), null);
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new TestNets.Scripted(true, 1.0, 2.0, 0.5)).patience(0).factor(0.5).build();
        LearningRateMonitor monitor = LearningRateMonitor.builder().everyIterations(3).csv(file).logToSlf4j(false)
                .markReductionsOf(plateau).build();
        net.setListeners(plateau, monitor);
        fit(net, 3);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("iteration,epoch,lr-layer0,lr-layer1,plateau_reduction");
        // every 3rd iteration, plus iteration 8: the first update after the reduction at the end of epoch 1
        assertThat(monitor.getRecords()).extracting(LearningRateRecord::getIteration).containsExactly(0, 3, 6, 8, 9);
        assertThat(lines).hasSize(1 + monitor.getRecords().size());
        for (int i = 0; i < monitor.getRecords().size(); i++) {
            LearningRateRecord r = monitor.getRecords().get(i);
            String[] cells = lines.get(i + 1).split(",");
            assertThat(Integer.parseInt(cells[0])).isEqualTo(r.getIteration());
            assertThat(Integer.parseInt(cells[1])).isEqualTo(r.getEpoch());
            assertThat(Double.parseDouble(cells[2])).isEqualTo(r.get("lr-layer0"));
            assertThat(Double.parseDouble(cells[3])).isEqualTo(r.get("lr-layer1"));
            assertThat(cells[4]).isEqualTo(r.getIteration() == 8 ? "1" : "0");
        }
        assertThat(monitor.getRecords().get(3).get("lr-layer1")).isEqualTo(0.025);
        assertThat(CsvLog.quoted("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(CsvLog.quoted("plain")).isEqualTo("plain");
    }

    @Test
    void aSeriesTheCsvHeaderLacksFailsLoudly() {
        Path file = tmp.resolve("lr.csv");
        MultiLayerNetwork net = (MultiLayerNetwork) net(false, new Sgd(0.1), new Sgd(0.1), null);
        LearningRateMonitor monitor = LearningRateMonitor.builder().csv(file).build();
        net.setListeners(monitor);
        net.fit(TestNets.train());
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayer(1).conf().getLayer()).setBiasUpdater(new Sgd(0.5));
        assertThatThrownBy(() -> net.fit(TestNets.train())).isInstanceOf(IllegalStateException.class)
                .hasMessage("LearningRateMonitor: the CSV columns of " + file + " were fixed at the first record"
                        + " [lr-layer0, lr-layer1], but the network now also has [lr-layer1/bias]; use a new monitor"
                        + " (or another file) for a network whose updaters changed");
    }

    @Test
    void layersWithoutALearningRateAreSkippedAndANetworkWithNoneFails() {
        Model net = net(false, new AdaDelta(), new Sgd(0.05), null);
        LearningRateMonitor monitor = LearningRateMonitor.builder().build();
        net.setListeners(monitor);
        fit(net, 1);
        assertThat(monitor.getRecords().get(0).getKeys()).containsExactly("lr-layer1");

        Model none = net(false, new AdaDelta(), new AdaDelta(), null);
        none.setListeners(LearningRateMonitor.builder().build());
        assertThatThrownBy(() -> fit(none, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LearningRateMonitor: none of the chosen layers [layer0, layer1] has an updater with a"
                        + " learning rate (AdaDelta, NoOp and frozen layers have none); there is no learning rate to"
                        + " act on");
    }

    @Test
    void layerSelectionAndBuilderChecks() {
        Model net = net(false, new Sgd(0.1), new Sgd(0.05), null);
        LearningRateMonitor monitor = LearningRateMonitor.builder().layerIndices(1).keepRecords(true).build();
        net.setListeners(monitor);
        fit(net, 1);
        assertThat(monitor.getRecords().get(0).getValues()).containsExactly(java.util.Map.entry("lr-layer1", 0.05));
        assertThat(monitor.getRecords().get(0).toString()).isEqualTo("iteration 0, epoch 0: lr-layer1=0.05");
        assertThat(monitor.toString()).isEqualTo("LearningRateMonitor(every epoch, logMomentum=false, layers=[1],"
                + " records=1, reductions=0)");

        LearningRateMonitor notKept = LearningRateMonitor.builder().keepRecords(false).build();
        Optional<LearningRateRecord> r = notKept.beforeUpdate(dev.lrsched.listeners.network.NetworkAdapter.of("t", net,
                dev.lrsched.listeners.network.LayerSelection.all()));
        assertThat(r).isPresent();
        assertThat(notKept.getRecords()).isEmpty();

        assertThatThrownBy(() -> LearningRateMonitor.builder().everyIterations(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("everyIterations must be > 0, got 0");
        assertThatThrownBy(() -> LearningRateMonitor.builder().layers("a").layerIndices(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set at most one of layers(String...) and layerIndices(int...)");
        assertThatThrownBy(() -> records("x").get("y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no series 'y' in this record, it has [x]");
        assertThat(records("x").get("x")).isCloseTo(1.0, within(0.0));
    }

    private static LearningRateRecord records(String key) {
        return new LearningRateRecord(0, 0, List.of(key), new double[] {1.0}, List.of());
    }
}
