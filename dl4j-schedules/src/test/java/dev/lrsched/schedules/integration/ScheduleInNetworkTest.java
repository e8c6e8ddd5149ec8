package dev.lrsched.schedules.integration;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.testing.ScheduleExamples;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Every example schedule inside real DL4J networks (MultiLayerNetwork and ComputationGraph, CPU
 * backend, generated data): the learning rate the updater applies, config JSON and ModelSerializer
 * round trips, and save/restore/continue runs that match uninterrupted ones.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScheduleInNetworkTest {

    private static final int BATCHES_PER_EPOCH = 4;
    private static final int EPOCHS = 4;

    static Stream<Arguments> schedules() {
        return ScheduleExamples.arguments().stream();
    }

    /** Records the LR the network reports inside iterationDone, i.e. before the counter increments. */
    private static final class LrRecorder extends BaseTrainingListener {
        final List<double[]> seen = new ArrayList<>(); // {iteration, epoch, lr}

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            double lr = model instanceof MultiLayerNetwork
                    ? ((MultiLayerNetwork) model).getLearningRate(0)
                    : ((ComputationGraph) model).getLearningRate("hidden");
            seen.add(new double[] {iteration, epoch, lr});
        }
    }

    /**
     * With plain SGD, the parameter change of one fit step is exactly -lr * gradient: recover the LR
     * the updater really applied from the parameters and compare it with the schedule.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void sgdAppliesTheScheduleValueAtEveryIterationAndEpoch(String name, ISchedule schedule) {
        MultiLayerNetwork net = Networks.mln(new Sgd(schedule));
        List<DataSet> data = Networks.batches(BATCHES_PER_EPOCH, 7);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataSet ds : data) {
                int it = net.getIterationCount();
                int ep = net.getEpochCount();
                net.setInput(ds.getFeatures());
                net.setLabels(ds.getLabels());
                net.computeGradientAndScore();
                INDArray grad = net.gradient().gradient().dup();
                INDArray before = net.params().dup();
                net.fit(ds);
                INDArray delta = net.params().sub(before);
                // computeGradientAndScore() gives the gradient summed over the minibatch; the updater divides by its size
                double applied = -delta.mul(grad).sumNumber().doubleValue() / grad.mul(grad).sumNumber().doubleValue()
                        * ds.numExamples();
                double expected = schedule.valueAt(it, ep);
                if (expected == 0.0) {
                    assertThat(delta.amaxNumber().doubleValue()).as("%s it=%s ep=%s", name, it, ep).isEqualTo(0.0);
                } else {
                    assertThat(Math.abs(applied - expected) / expected).as("%s it=%s ep=%s applied=%s expected=%s",
                            name, it, ep, applied, expected).isLessThan(1e-9);
                }
            }
            net.incrementEpochCount();
        }
        assertThat(net.getIterationCount()).isEqualTo(EPOCHS * BATCHES_PER_EPOCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void adamAndNesterovsInBothNetworkTypesReportTheScheduleValue(String name, ISchedule schedule) {
        for (IUpdater updater : new IUpdater[] {new Adam(schedule), new Nesterovs(schedule, 0.9)}) {
            for (Model net : new Model[] {Networks.mln(updater), Networks.graph(updater)}) {
                LrRecorder rec = new LrRecorder();
                fit(net, rec, EPOCHS);
                assertThat(rec.seen).hasSize(EPOCHS * BATCHES_PER_EPOCH);
                for (double[] s : rec.seen) {
                    assertThat(s[2]).as("%s %s %s iteration %s", name, updater.getClass().getSimpleName(),
                            net.getClass().getSimpleName(), s[0]).isEqualTo(schedule.valueAt((int) s[0], (int) s[1]));
                }
                // epochs really advanced, so EPOCH schedules were exercised
                assertThat(rec.seen.get(rec.seen.size() - 1)[1]).isEqualTo(EPOCHS - 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void configurationJsonRoundTripKeepsTheScheduleInUpdaterAndDropout(String name, ISchedule schedule) {
        MultiLayerNetwork mln = Networks.mln(new Nesterovs(schedule, schedule));
        MultiLayerConfiguration mlc = mln.getLayerWiseConfigurations();
        ((BaseLayer) mlc.getConf(0).getLayer()).setIDropout(new Dropout(schedule));
        MultiLayerConfiguration mlcBack = MultiLayerConfiguration.fromJson(mlc.toJson());
        assertThat(mlcBack).isEqualTo(mlc);
        Nesterovs back = (Nesterovs) ((BaseLayer) mlcBack.getConf(0).getLayer()).getIUpdater();
        assertThat(back.getLearningRateSchedule()).isEqualTo(schedule);
        assertThat(back.getMomentumISchedule()).isEqualTo(schedule);
        assertThat(((Dropout) ((BaseLayer) mlcBack.getConf(0).getLayer()).getIDropout()).getPSchedule()).isEqualTo(schedule);

        ComputationGraphConfiguration cgc = Networks.graph(new Adam(schedule)).getConfiguration();
        ComputationGraphConfiguration cgcBack = ComputationGraphConfiguration.fromJson(cgc.toJson());
        assertThat(cgcBack).isEqualTo(cgc);
        assertThat(ComputationGraphConfiguration.fromYaml(cgc.toYaml())).isEqualTo(cgc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void modelSerializerRestoresEqualConfigAndTheSameUpdaterBlocks(String name, ISchedule schedule) throws IOException {
        MultiLayerNetwork mln = Networks.mln(new Adam(schedule));
        fit(mln, null, 1);
        MultiLayerNetwork mlnBack = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(save(mln)), true);
        assertThat(mlnBack.getLayerWiseConfigurations()).isEqualTo(mln.getLayerWiseConfigurations());
        assertThat(blocks(mlnBack)).isEqualTo(blocks(mln)).isEqualTo(1);
        assertThat(mlnBack.getLearningRate(1)).isEqualTo(mln.getLearningRate(1));

        ComputationGraph cg = Networks.graph(new Adam(schedule));
        fit(cg, null, 1);
        ComputationGraph cgBack = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(save(cg)), true);
        assertThat(cgBack.getConfiguration()).isEqualTo(cg.getConfiguration());
        assertThat(cgBack.getUpdater().getUpdaterBlocks()).hasSameSizeAs(cg.getUpdater().getUpdaterBlocks()).hasSize(1);
        assertThat(cgBack.getLearningRate("out")).isEqualTo(cg.getLearningRate("out"));
    }

    /** Save at an epoch boundary, restore, continue: same LR sequence and same parameters as one run. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void resumedRunContinuesTheSameLearningRateSequence(String name, ISchedule schedule) throws IOException {
        for (boolean graph : new boolean[] {false, true}) {
            Model uninterrupted = graph ? Networks.graph(new Adam(schedule)) : Networks.mln(new Adam(schedule));
            LrRecorder full = new LrRecorder();
            fit(uninterrupted, full, EPOCHS);

            Model first = graph ? Networks.graph(new Adam(schedule)) : Networks.mln(new Adam(schedule));
            LrRecorder resumed = new LrRecorder();
            fit(first, resumed, 2);
            ByteArrayInputStream saved = new ByteArrayInputStream(save(first));
            Model second = graph ? ModelSerializer.restoreComputationGraph(saved, true)
                    : ModelSerializer.restoreMultiLayerNetwork(saved, true);
            fit(second, resumed, EPOCHS - 2);

            assertSameSequence(full.seen, resumed.seen, name);
            assertThat(second.params()).as("%s graph=%s params", name, graph).isEqualTo(uninterrupted.params());
        }
    }

    /** Save in the middle of an epoch of a manual fit(DataSet) loop, restore, continue. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void resumedMidEpochManualLoopMatchesUninterruptedRun(String name, ISchedule schedule) throws IOException {
        List<DataSet> data = Networks.batches(BATCHES_PER_EPOCH, 11);
        MultiLayerNetwork full = Networks.mln(new Adam(schedule));
        LrRecorder fullRec = new LrRecorder();
        full.setListeners(fullRec);
        MultiLayerNetwork part = Networks.mln(new Adam(schedule));
        LrRecorder partRec = new LrRecorder();
        part.setListeners(partRec);
        int stopAt = BATCHES_PER_EPOCH + 2; // inside the second epoch
        int step = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet ds : data) {
                full.fit(ds);
                if (step == stopAt) {
                    part = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(save(part)), true);
                    part.setListeners(partRec);
                }
                part.fit(ds);
                step++;
            }
            full.incrementEpochCount();
            part.incrementEpochCount();
        }
        assertSameSequence(fullRec.seen, partRec.seen, name);
        assertThat(part.params()).isEqualTo(full.params());
        assertThat(part.getUpdater().getStateViewArray()).isEqualTo(full.getUpdater().getStateViewArray());
    }

    /** A schedule installed on a network that has already trained starts at its own zero with startingAt. */
    @Test
    void scheduleInstalledMidTrainingWithStartingAtBeginsAtItsFirstValue() {
        MultiLayerNetwork net = Networks.mln(new Adam(0.01));
        fit(net, null, 2);
        int start = net.getIterationCount();
        assertThat(start).isEqualTo(2 * BATCHES_PER_EPOCH);
        CosineAnnealingSchedule cosine = Schedules.cosine(ScheduleType.ITERATION, 0.02, 0.0, 6);
        net.setLearningRate(Schedules.startingAt(ScheduleType.ITERATION, start, cosine));
        LrRecorder rec = new LrRecorder();
        fit(net, rec, 2);
        for (int k = 0; k < rec.seen.size(); k++) {
            assertThat(rec.seen.get(k)[0]).isEqualTo(start + k);
            assertThat(rec.seen.get(k)[2]).as("step %s", k).isEqualTo(cosine.valueAt(k, 0));
        }
        assertThat(rec.seen.get(0)[2]).isEqualTo(0.02);
    }

    private static void assertSameSequence(List<double[]> expected, List<double[]> actual, String name) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s step %s", name, i).containsExactly(expected.get(i));
        }
        // and the LR is the schedule's, not merely equal between the two runs
        assertRelClose(expected.get(expected.size() - 1)[2], actual.get(actual.size() - 1)[2]);
    }

    private static int blocks(MultiLayerNetwork net) {
        return ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks().size();
    }

    private static void fit(Model net, LrRecorder recorder, int epochs) {
        List<DataSet> data = Networks.batches(BATCHES_PER_EPOCH, 3);
        if (net instanceof MultiLayerNetwork) {
            MultiLayerNetwork mln = (MultiLayerNetwork) net;
            if (recorder != null) {
                mln.setListeners(recorder);
            }
            mln.fit(Networks.iterator(data), epochs);
        } else {
            ComputationGraph cg = (ComputationGraph) net;
            if (recorder != null) {
                cg.setListeners(recorder);
            }
            cg.fit(Networks.iterator(data), epochs);
        }
    }

    private static byte[] save(Model net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return out.toByteArray();
    }
}
