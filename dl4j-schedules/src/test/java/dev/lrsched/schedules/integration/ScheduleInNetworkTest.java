package dev.lrsched.schedules.integration;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
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
import dev.lrsched.schedules.testing.AppliedLearningRate;
import dev.lrsched.schedules.testing.ScheduleExamples;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
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
 * backend, generated data): the learning rate the updater really applies (recovered from parameter
 * changes by {@link AppliedLearningRate}), config JSON and ModelSerializer round trips, and
 * save/restore/continue runs that match uninterrupted ones bit for bit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScheduleInNetworkTest {

    private static final int BATCHES_PER_EPOCH = 4;
    private static final int EPOCHS = 4;

    static Stream<Arguments> schedules() {
        return ScheduleExamples.arguments().stream();
    }

    /**
     * Sgd, Nesterovs and Adam, in a MultiLayerNetwork and a ComputationGraph trained with
     * {@code fit(iterator, epochs)}: the learning rate recovered from every step's parameter change
     * (see {@link AppliedLearningRate}) is the schedule's value at DL4J's (iteration, epoch), in both layers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void everyUpdaterAppliesTheScheduleValueInBothNetworkTypes(String name, ISchedule schedule) {
        for (IUpdater updater : new IUpdater[] {new Sgd(schedule), new Nesterovs(schedule, 0.9), new Adam(schedule)}) {
            for (boolean graph : new boolean[] {false, true}) {
                Model net = graph ? Networks.graph(updater) : Networks.mln(updater);
                AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
                fit(net, EPOCHS);
                String what = name + " " + updater.getClass().getSimpleName() + (graph ? " graph" : " mln");
                assertThat(applied.steps()).as(what).hasSize(EPOCHS * BATCHES_PER_EPOCH);
                assertAppliesSchedule(what, applied, schedule, updater);
                // epochs really advanced, so EPOCH schedules were exercised
                assertThat(applied.steps().get(applied.steps().size() - 1).epoch()).as(what).isEqualTo(EPOCHS - 1);
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
        fit(mln, 1);
        MultiLayerNetwork mlnBack = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(save(mln)), true);
        assertThat(mlnBack.getLayerWiseConfigurations()).isEqualTo(mln.getLayerWiseConfigurations());
        assertThat(blocks(mlnBack)).isEqualTo(blocks(mln)).isEqualTo(1);
        assertThat(mlnBack.getLearningRate(1)).isEqualTo(mln.getLearningRate(1));

        ComputationGraph cg = Networks.graph(new Adam(schedule));
        fit(cg, 1);
        ComputationGraph cgBack = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(save(cg)), true);
        assertThat(cgBack.getConfiguration()).isEqualTo(cg.getConfiguration());
        assertThat(cgBack.getUpdater().getUpdaterBlocks()).hasSameSizeAs(cg.getUpdater().getUpdaterBlocks()).hasSize(1);
        assertThat(cgBack.getLearningRate("out")).isEqualTo(cg.getLearningRate("out"));
    }

    /**
     * Save at an epoch boundary, restore, continue: the same applied learning rates (each the
     * schedule's value) and bit-identical parameters and updater state as one uninterrupted run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void resumedRunContinuesTheSameLearningRateSequence(String name, ISchedule schedule) throws IOException {
        for (boolean graph : new boolean[] {false, true}) {
            String what = name + (graph ? " graph" : " mln");
            Model uninterrupted = graph ? Networks.graph(new Adam(schedule)) : Networks.mln(new Adam(schedule));
            AppliedLearningRate full = AppliedLearningRate.attachTo(uninterrupted);
            fit(uninterrupted, EPOCHS);

            Model first = graph ? Networks.graph(new Adam(schedule)) : Networks.mln(new Adam(schedule));
            AppliedLearningRate beforeSave = AppliedLearningRate.attachTo(first);
            fit(first, 2);
            ByteArrayInputStream saved = new ByteArrayInputStream(save(first));
            Model second = graph ? ModelSerializer.restoreComputationGraph(saved, true)
                    : ModelSerializer.restoreMultiLayerNetwork(saved, true);
            AppliedLearningRate afterRestore = AppliedLearningRate.attachTo(second);
            fit(second, EPOCHS - 2);

            List<AppliedLearningRate.Step> resumed = new ArrayList<>(beforeSave.steps());
            resumed.addAll(afterRestore.steps());
            assertThat(resumed).as(what).containsExactlyElementsOf(full.steps());
            assertAppliesSchedule(what + " uninterrupted", full, schedule, new Adam(schedule));
            assertBitwiseEqual(uninterrupted.params(), second.params(), what + " params");
            assertBitwiseEqual(updaterState(uninterrupted), updaterState(second), what + " updater state");
        }
    }

    /** Save in the middle of an epoch of a manual fit(DataSet) loop, restore, continue. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void resumedMidEpochManualLoopMatchesUninterruptedRun(String name, ISchedule schedule) throws IOException {
        List<DataSet> data = Networks.batches(BATCHES_PER_EPOCH, 11);
        MultiLayerNetwork full = Networks.mln(new Adam(schedule));
        AppliedLearningRate fullRec = AppliedLearningRate.attachTo(full);
        MultiLayerNetwork part = Networks.mln(new Adam(schedule));
        List<AppliedLearningRate> partRecs = new ArrayList<>(List.of(AppliedLearningRate.attachTo(part)));
        int stopAt = BATCHES_PER_EPOCH + 2; // inside the second epoch
        int step = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet ds : data) {
                full.fit(ds);
                if (step == stopAt) {
                    part = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(save(part)), true);
                    partRecs.add(AppliedLearningRate.attachTo(part));
                }
                part.fit(ds);
                step++;
            }
            full.incrementEpochCount();
            part.incrementEpochCount();
        }
        List<AppliedLearningRate.Step> resumed = new ArrayList<>();
        partRecs.forEach(r -> resumed.addAll(r.steps()));
        assertThat(resumed).as(name).containsExactlyElementsOf(fullRec.steps()).hasSize(3 * BATCHES_PER_EPOCH);
        assertAppliesSchedule(name, fullRec, schedule, new Adam(schedule));
        assertBitwiseEqual(full.params(), part.params(), name + " params");
        assertBitwiseEqual(full.getUpdater().getStateViewArray(), part.getUpdater().getStateViewArray(),
                name + " updater state");
    }

    /** A schedule installed on a network that has already trained starts at its own zero with startingAt. */
    @Test
    void scheduleInstalledMidTrainingWithStartingAtBeginsAtItsFirstValue() {
        MultiLayerNetwork net = Networks.mln(new Adam(0.01));
        fit(net, 2);
        int start = net.getIterationCount();
        assertThat(start).isEqualTo(2 * BATCHES_PER_EPOCH);
        CosineAnnealingSchedule cosine = Schedules.cosine(ScheduleType.ITERATION, 0.02, 0.0, 6);
        ISchedule installed = Schedules.startingAt(ScheduleType.ITERATION, start, cosine);
        net.setLearningRate(installed);
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
        fit(net, 2);
        assertThat(applied.steps()).hasSize(2 * BATCHES_PER_EPOCH);
        for (int k = 0; k < applied.steps().size(); k++) {
            assertThat(applied.steps().get(k).iteration()).isEqualTo(start + k);
            assertApplied("step " + k, cosine.valueAt(k, 0), applied.estimate(0, start + k), new Adam(installed), start + k);
        }
        assertThat(applied.estimate(1, start).agreesWith(0.02)).as("%s", applied.estimate(1, start)).isTrue();
    }

    /** Every recorded step applied {@code schedule.valueAt(iteration, epoch)} in every layer. */
    private static void assertAppliesSchedule(String what, AppliedLearningRate applied, ISchedule schedule, IUpdater updater) {
        for (AppliedLearningRate.Step s : applied.steps()) {
            double expected = schedule.valueAt(s.iteration(), s.epoch());
            s.byLayer().forEach((layer, lr) -> assertApplied(what + " layer " + layer + " it=" + s.iteration()
                    + " ep=" + s.epoch(), expected, lr, updater, s.iteration()));
        }
    }

    /**
     * The recovered LR equals the schedule's value to within its rounding bound
     * ({@link AppliedLearningRate.Estimate#agreesWith}). A zero value: Sgd leaves the parameters
     * bit-identical, Nesterovs moves them by its momentum only, DL4J's Adam substitutes epsilon for
     * the zero step size.
     */
    private static void assertApplied(String what, double expected, AppliedLearningRate.Estimate applied,
                                      IUpdater updater, int iteration) {
        double target = expected;
        if (expected == 0.0 && updater instanceof Sgd) {
            assertThat(applied.learningRate()).as(what).isEqualTo(0.0);
            return;
        }
        if (expected == 0.0 && updater instanceof Adam adam) {
            target = AppliedLearningRate.adamZeroLearningRateSubstitute(adam, iteration);
        }
        assertThat(applied.agreesWith(target)).as("%s: %s, expected %s (schedule %s)", what, applied, target, expected)
                .isTrue();
    }

    private static INDArray updaterState(Model net) {
        return net instanceof MultiLayerNetwork mln ? mln.getUpdater().getStateViewArray()
                : ((ComputationGraph) net).getUpdater().getStateViewArray();
    }

    private static int blocks(MultiLayerNetwork net) {
        return ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks().size();
    }

    private static void fit(Model net, int epochs) {
        List<DataSet> data = Networks.batches(BATCHES_PER_EPOCH, 3);
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(Networks.iterator(data), epochs);
        } else {
            ((ComputationGraph) net).fit(Networks.iterator(data), epochs);
        }
    }

    private static byte[] save(Model net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return out.toByteArray();
    }
}
