package dev.lrsched.parallel;

import static dev.lrsched.parallel.ParallelTestNets.graph;
import static dev.lrsched.parallel.ParallelTestNets.mln;
import static dev.lrsched.parallel.ParallelTestNets.train;
import static dev.lrsched.parallel.ParallelTestNets.validation;
import static dev.lrsched.parallel.ParallelTestNets.wrapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.parallel.AppliedLearningRates.Update;
import dev.lrsched.schedules.testing.TorchPlateauRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** ParallelWrapper with 2 CPU workers, averaging every round (4 batches: 2 rounds per epoch). */
@Timeout(120)
class ParallelPlateauControllerTest {

    @Test
    void reducesWhereTorchsRulesPutTheRecordedMetricsAndWorkersTrainAtTheScaledRate() {
        MultiLayerNetwork net = mln(new Sgd(0.5));
        ParallelWrapper pw = wrapper(net);
        AppliedLearningRates applied = new AppliedLearningRates(net);
        pw.setListeners(applied);
        ParallelPlateauController plateau = ParallelPlateauController.builder().validation(validation(), Metric.LOSS)
                .factor(0.5).patience(0).threshold(0.1).build();

        List<List<Update>> perEpoch = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            plateau.fitEpoch(pw, train());
            perEpoch.add(applied.drain());
        }
        pw.shutdown();

        List<PlateauStep> steps = plateau.getHistory();
        double[] metrics = steps.stream().mapToDouble(PlateauStep::getMetric).toArray();
        List<Integer> expected = new TorchPlateauRule(true, true, 0.1, 0, 0).reductions(metrics);
        List<Integer> reduced = IntStream.rangeClosed(1, steps.size()).filter(i -> steps.get(i - 1).isReduced())
                .boxed().toList();
        assertThat(expected).as("a test with reductions to check").hasSizeGreaterThanOrEqualTo(2);
        assertThat(reduced).isEqualTo(expected);
        assertThat(plateau.getNumReductions()).isEqualTo(expected.size());

        // every worker, main network and replica, trains at 0.5 * 0.5^(reductions before this fit)
        for (int e = 0; e < 8; e++) {
            int epoch = e;
            double lr = lr(epoch, expected);
            assertThat(perEpoch.get(e)).as("epoch %d", e).hasSize(4)
                    .anyMatch(Update::main).anyMatch(u -> !u.main())
                    .allSatisfy(u -> assertThat(u.learningRate()).isCloseTo(lr, within(1e-12)))
                    .allSatisfy(u -> assertThat(u.epoch()).isEqualTo(epoch));
            assertThat(steps.get(e).getLearningRate()).isEqualTo(lr(epoch + 1, expected));
        }
        assertThat(net.getEpochCount()).isEqualTo(8);
        assertThat(net.getIterationCount()).as("worker 0's share: 2 of 4 batches per epoch").isEqualTo(16);
    }

    /** The learning rate during epoch {@code epoch} (0-based): halved by each reduction at evaluations 1..epoch. */
    private static double lr(int epoch, List<Integer> reductions) {
        double lr = 0.5;
        for (int r : reductions) {
            if (r <= epoch) {
                lr *= 0.5;
            }
        }
        return lr;
    }

    @Test
    void epochSchedulesAdvanceOnEveryWorker() {
        MultiLayerNetwork net = mln(new Sgd(new StepSchedule(ScheduleType.EPOCH, 0.4, 0.5, 1)));
        ParallelWrapper pw = wrapper(net);
        AppliedLearningRates applied = new AppliedLearningRates(net);
        pw.setListeners(applied);
        // DL4J alone: fit(DataSet) per batch never advances the epoch counter
        pw.fit(train());
        assertThat(net.getEpochCount()).isZero();
        applied.drain();

        ParallelPlateauController plateau = ParallelPlateauController.builder().patience(100).build();
        List<List<Update>> perEpoch = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            plateau.fitEpoch(pw, train());
            perEpoch.add(applied.drain());
        }
        pw.shutdown();
        for (int e = 0; e < 3; e++) {
            int epoch = e;
            double expected = 0.4 * Math.pow(0.5, e);
            assertThat(perEpoch.get(e)).as("epoch %d", e).hasSize(4).anyMatch(u -> !u.main())
                    .allSatisfy(u -> assertThat(u.epoch()).isEqualTo(epoch))
                    .allSatisfy(u -> assertThat(u.learningRate()).isCloseTo(expected, within(1e-12)));
        }
        assertThat(net.getEpochCount()).isEqualTo(3);
    }

    @Test
    void theListenerUnderParallelWrapperFailsWithTheWayOut() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        net.addListeners(ReduceLROnPlateauListener.builder().validation(validation(), Metric.LOSS).build());
        ParallelWrapper pw = wrapper(net);   // moves the network's listeners to the wrapper, hence to every worker
        assertThatThrownBy(() -> pw.fit(train()))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ReduceLROnPlateauListener was called on a ParallelWrapper worker thread")
                .hasMessageContaining("dev.lrsched.parallel.ParallelPlateauController");
        pw.shutdown();
    }

    @Test
    void scoreCalculatorSeesTheMainNetworkAndDrivesTheTorchDecisions() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        ParallelWrapper pw = wrapper(net);
        double[] scripted = {1.0, 0.9, 0.95, 0.9, 0.8999, 0.7};
        List<Model> seen = new ArrayList<>();
        ScoreCalculator<Model> calculator = new ScoreCalculator<>() {
            @Override
            public double calculateScore(Model network) {
                seen.add(network);
                return scripted[seen.size() - 1];
            }

            @Override
            public boolean minimizeScore() {
                return true;
            }
        };
        ParallelPlateauController plateau = ParallelPlateauController.builder().scoreCalculator(calculator)
                .patience(0).build();
        List<PlateauStep> steps = plateau.fitEpochs(pw, train(), scripted.length);
        pw.shutdown();
        assertThat(seen).hasSize(scripted.length).allMatch(m -> m == net);
        assertThat(IntStream.rangeClosed(1, steps.size()).filter(i -> steps.get(i - 1).isReduced()).boxed().toList())
                .isEqualTo(new TorchPlateauRule(true, true, 1e-4, 0, 0).reductions(scripted)).containsExactly(3, 4);
    }

    @Test
    void trainingScoreIsEveryWorkersMinibatchScoreAveragedOverTheEpoch() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        ParallelWrapper pw = wrapper(net);
        List<Double> scores = new ArrayList<>();
        pw.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                synchronized (scores) {
                    scores.add(model.score());
                }
            }
        });
        ParallelPlateauController plateau = ParallelPlateauController.builder().build();
        assertThat(plateau.getMode()).isEqualTo(Mode.MIN);
        for (int e = 0; e < 2; e++) {
            PlateauStep step = plateau.fitEpoch(pw, train());
            double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(scores).hasSize(4);
            assertThat(step.getMetric()).isCloseTo(mean, within(1e-12 * mean));
            scores.clear();
        }
        pw.shutdown();
    }

    @Test
    void computationGraphWithMultiDataSetsAndAccuracy() {
        ComputationGraph graph = graph(new Sgd(0.1));
        ParallelWrapper pw = wrapper(graph);
        ParallelPlateauController plateau = ParallelPlateauController.builder()
                .validation(new MultiDataSetIteratorAdapter(validation()), Metric.ACCURACY).layers("out").build();
        assertThat(plateau.getMode()).isEqualTo(Mode.MAX);
        List<PlateauStep> steps = plateau.fitEpochs(pw, new MultiDataSetIteratorAdapter(train()), 2);
        pw.shutdown();
        assertThat(steps).hasSize(2).allSatisfy(s -> assertThat(s.getMetric()).isBetween(0.0, 1.0));
        assertThat(graph.getEpochCount()).isEqualTo(2);
    }

    @Test
    void endEpochAfterYourOwnFitAdvancesTheEpochAndReducesTheMainNetwork() {
        MultiLayerNetwork net = mln(new Sgd(0.1));
        ParallelWrapper pw = wrapper(net);
        ParallelPlateauController plateau = ParallelPlateauController.builder().patience(0).factor(0.5).build();
        pw.fit(train());
        assertThat(plateau.endEpoch(pw, 1.0).isReduced()).isFalse();
        pw.fit(train());
        assertThat(plateau.endEpoch(pw, 1.0).isReduced()).isTrue();
        pw.shutdown();
        assertThat(net.getEpochCount()).isEqualTo(2);
        assertThat(net.getLearningRate(0)).isCloseTo(0.05, within(1e-15));
        assertThat(plateau.toString()).startsWith("ParallelPlateauController(source=average training score, mode=MIN");
    }
}
