package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.TestNets.Scripted;
import dev.lrsched.listeners.plateau.PlateauStep;
import java.util.List;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Sgd;

/** End to end with EarlyStoppingTrainer (which overwrites the epoch counter; the plateau counts its own). */
@Timeout(60)
class PlateauTerminationConditionTest {

    private static EarlyStoppingResult<MultiLayerNetwork> train(MultiLayerNetwork net, ReduceLROnPlateauListener plateau,
                                                                PlateauTerminationCondition stop) {
        net.addListeners(plateau);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(stop, new MaxEpochsTerminationCondition(20))
                .scoreCalculator(new DataSetLossCalculator(TestNets.validation(), true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        return new EarlyStoppingTrainer(es, net, TestNets.trainSmall()).fit();
    }

    private static List<Long> reductions(ReduceLROnPlateauListener plateau) {
        return plateau.getHistory().stream().filter(PlateauStep::isReduced).map(PlateauStep::getEvaluation).toList();
    }

    @Test
    void stopsAfterKReductionsWithoutANewBest() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        net.setEpochCount(7);
        // patience 0: 0.9 at evaluation 3 is bad -> R; 0.8 at 4 is a new best; 5 R, 6 R -> 2 without a new best
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8)).patience(0).factor(0.5).build();
        PlateauTerminationCondition stop = new PlateauTerminationCondition(plateau, 2);
        EarlyStoppingResult<MultiLayerNetwork> result = train(net, plateau, stop);

        assertThat(result.getTerminationReason()).isEqualTo(EarlyStoppingResult.TerminationReason.EpochTerminationCondition);
        assertThat(result.getTotalEpochs()).isEqualTo(6);
        assertThat(reductions(plateau)).containsExactly(3L, 5L, 6L);
        assertThat(plateau.getHistory().stream().map(PlateauStep::getEvaluation)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(stop.getReason()).isEqualTo("2 reduction(s) without a new best metric (best 0.8) at evaluation #6");
        assertThat(result.getTerminationDetails()).contains(stop.getReason());
        assertThat(net.getLearningRate(0)).isEqualTo(0.0125);
    }

    @Test
    void stopsWhenPatienceRunsOutAgainWithTheLearningRateAtMinValue() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        // patience 1: reductions due at evaluations 3, 5, 7; minValue 0.04: 0.1 -> 0.05 -> 0.04 -> nothing left
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0)).patience(1).factor(0.5).minValue(0.04).build();
        PlateauTerminationCondition stop = new PlateauTerminationCondition(plateau, 10);
        EarlyStoppingResult<MultiLayerNetwork> result = train(net, plateau, stop);

        assertThat(result.getTotalEpochs()).isEqualTo(7);
        assertThat(reductions(plateau)).containsExactly(3L, 5L);
        assertThat(plateau.getNumReductions()).as("patience ran out three times").isEqualTo(3);
        assertThat(stop.getReason()).isEqualTo("patience ran out at evaluation #7 with no learning rate left to reduce"
                + " (minValue=0.04, eps=1.0E-8), best 1.0");
        assertThat(net.getLearningRate(0)).isEqualTo(0.04);
    }

    @Test
    void initializeStartsCountingAfreshAndBadArgumentsAreRejected() {
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder().patience(0).build();
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        PlateauTerminationCondition stop = new PlateauTerminationCondition(plateau, 1);
        plateau.step(net, 1.0);
        plateau.step(net, 1.0);                                   // reduction without a new best
        assertThat(stop.terminate(0, 0.0, true)).isTrue();
        stop.initialize();
        assertThat(stop.terminate(1, 0.0, true)).isFalse();
        assertThat(stop.getReductionsSinceBest()).isZero();
        assertThat(stop.toString()).isEqualTo("PlateauTerminationCondition(maxReductions=1, or patience ran out at"
                + " minValue)");
        assertThatThrownBy(() -> new PlateauTerminationCondition(plateau, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReductions must be > 0, got 0");
        assertThatThrownBy(() -> new PlateauTerminationCondition(null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plateau must not be null");
    }
}
