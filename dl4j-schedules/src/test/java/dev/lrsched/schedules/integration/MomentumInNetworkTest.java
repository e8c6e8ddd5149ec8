package dev.lrsched.schedules.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.testing.AppliedLearningRate;
import dev.lrsched.schedules.testing.AppliedMomentum;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@code new Nesterovs(lr, lr.momentum())} in real networks: the learning rate and the momentum DL4J
 * applies at every step, both recovered from parameter and velocity changes by {@link AppliedMomentum}
 * (never from the configuration), are the two schedules' values at DL4J's (iteration, epoch), in
 * every layer of a MultiLayerNetwork and a ComputationGraph. 20 steps: the cycles end (one-cycle holds
 * its final values) or repeat (cyclic) inside the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MomentumInNetworkTest {

    private static final int BATCHES_PER_EPOCH = 5;
    private static final int EPOCHS = 4;

    static Stream<Arguments> pairs() {
        OneCycleSchedule cos = OneCycleSchedule.builder(0.2, 16).pctStart(0.25).build();
        OneCycleSchedule three = OneCycleSchedule.builder(0.2, 14).annealStrategy(AnnealStrategy.LINEAR)
                .threePhase(true).build();
        CyclicSchedule triangular2 = new CyclicSchedule(ScheduleType.ITERATION, 0.01, 0.2, 3, 5, CyclicMode.TRIANGULAR2, 1);
        CyclicSchedule expRange = new CyclicSchedule(ScheduleType.ITERATION, 0.01, 0.2, 4, 4, CyclicMode.EXP_RANGE, 0.9);
        OneCycleSchedule perEpoch = OneCycleSchedule.builder(0.2, 4).pctStart(0.5).scheduleType(ScheduleType.EPOCH).build();
        return Stream.of(
                Arguments.of("one-cycle cos", cos, cos.momentum()),
                Arguments.of("one-cycle three-phase linear", three, three.momentum(0.8, 0.9)),
                Arguments.of("one-cycle per epoch", perEpoch, perEpoch.momentum()),
                Arguments.of("cyclic triangular2", triangular2, triangular2.momentum(0.85, 0.95)),
                Arguments.of("cyclic exp_range", expRange, expRange.momentum()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void nesterovsAppliesBothTheLearningRateAndTheMomentumSchedule(String name, ISchedule lr, ISchedule momentum) {
        for (boolean graph : new boolean[] {false, true}) {
            Nesterovs updater = new Nesterovs(lr, momentum);
            Model net = graph ? Networks.graph(updater) : Networks.mln(updater);
            AppliedMomentum applied = AppliedMomentum.attachTo(net);
            var data = Networks.iterator(Networks.batches(BATCHES_PER_EPOCH, 7));
            if (net instanceof MultiLayerNetwork mln) {
                mln.fit(data, EPOCHS);
            } else {
                ((ComputationGraph) net).fit(data, EPOCHS);
            }
            String what = name + (graph ? " graph" : " mln");
            assertThat(applied.steps()).as(what).hasSize(BATCHES_PER_EPOCH * EPOCHS);
            for (AppliedMomentum.Step s : applied.steps()) {
                double expectedLr = lr.valueAt(s.iteration(), s.epoch());
                double expectedMomentum = momentum.valueAt(s.iteration(), s.epoch());
                assertThat(s.momentum()).as(what).hasSize(2);
                s.momentum().forEach((layer, mu) -> assertAgrees(what + " momentum " + layer + " it=" + s.iteration(),
                        expectedMomentum, mu));
                s.learningRate().forEach((layer, rate) -> assertAgrees(what + " lr " + layer + " it=" + s.iteration(),
                        expectedLr, rate));
            }
        }
    }

    private static void assertAgrees(String what, double expected, AppliedLearningRate.Estimate applied) {
        assertThat(applied.agreesWith(expected)).as("%s: recovered %s, schedule %s", what, applied, expected).isTrue();
    }
}
