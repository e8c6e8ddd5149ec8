package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.ReduceLROnPlateauListener.HistoryEntry;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The shared rescaling used by {@link ReduceLROnPlateauListener} and the Spark controller, called directly (no
 * training). Expected values follow PyTorch 1.13 {@code ReduceLROnPlateau}: {@code factor=0.5, patience=0}
 * stepped with {@code [1.0, 1.0]} reduces at step 2 ({@code lr 0.1 -> 0.05}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LearningRateReducerTest {

    private static PlateauPolicy policy(double minValue) {
        return PlateauPolicy.builder().mode(PlateauPolicy.Mode.MIN).factor(0.5).patience(0).minValue(minValue)
                .build();
    }

    @Test
    void stepReturnsTheHistoryEntryAndTheReductionEventLikeTheListener() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        LearningRateReducer r = new LearningRateReducer("Owner", null, null);
        PlateauPolicy p = policy(0.0);
        LearningRateReducer.StepResult first = r.step(net, p, 1.0, "my metric");
        assertThat(first.isReduced()).isFalse();
        assertThat(first.getReductionEvent()).isNull();
        assertThat(first.getHistoryEntry()).isEqualTo(new HistoryEntry(1, 0, 0, 1.0, 1.0, 0.1, false));
        LearningRateReducer.StepResult second = r.step(net, p, 1.0, "my metric");
        assertThat(second.isReduced()).isTrue();
        assertThat(second.getHistoryEntry()).isEqualTo(new HistoryEntry(2, 0, 0, 1.0, 1.0, 0.05, true));
        assertThat(second.getReductionEvent().getOldLearningRate()).isEqualTo(0.1);
        assertThat(second.getReductionEvent().getNewLearningRate()).isEqualTo(0.05);
        assertThat(second.getReductionEvent().getLayers()).containsExactly("layer0", "layer1");
        assertThat(net.getLearningRate(0)).isEqualTo(0.05);
    }

    @Test
    void reduceWrapsSchedulesFloorsAtMinValueAndReportsOldAndNew() {
        ISchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Adam(cos));
        net.setIterationCount(10);
        LearningRateReducer r = new LearningRateReducer("Owner", List.of("layer1"), null);
        double lrNow = cos.valueAt(10, 0);
        LearningRateReducer.Reduction red = r.reduce(net, policy(0.0), 7, 1.0, "m");
        assertThat(red.isReduced()).isTrue();
        assertThat(red.getLayers()).containsExactly("layer1");
        assertThat(red.getOldLearningRate()).isEqualTo(lrNow);
        assertRelClose(0.5 * lrNow, red.getNewLearningRate());
        Adam out = (Adam) ((BaseLayer) net.getLayer(1).conf().getLayer()).getIUpdater();
        assertThat(out.getLearningRateSchedule()).isEqualTo(new ScaledSchedule(cos, 0.5));
        Adam dense = (Adam) ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
        assertThat(dense.getLearningRateSchedule()).isSameAs(cos);
        // floor: 0.5 * 0.5 * lr would be below minValue, so the multiplier lands the LR exactly on minValue now
        double floor = 0.4 * lrNow;
        LearningRateReducer.Reduction floored = r.reduce(net, policy(floor), 8, 1.0, "m");
        assertRelClose(floor, floored.getNewLearningRate());
        assertRelClose(floor / lrNow, ((ScaledSchedule) out.getLearningRateSchedule()).getFactor());
        // at the floor nothing changes by more than eps
        LearningRateReducer.Reduction none = r.reduce(net, policy(floor), 9, 1.0, "m");
        assertThat(none.isReduced()).isFalse();
        assertThat(none.getOldLearningRate()).isNaN();
        assertThat(none.getLayers()).isEmpty();
    }

    @Test
    void worksOnComputationGraphsByName() {
        ComputationGraph g = TestNets.graph(new Sgd(0.2));
        LearningRateReducer r = new LearningRateReducer("Owner", List.of("out"), null);
        assertThat(r.reduce(g, policy(0.0), 1, 1.0, "m").getLayers()).containsExactly("out");
        assertThat(g.getLearningRate("out")).isEqualTo(0.1);
        assertThat(g.getLearningRate("dense")).isEqualTo(0.2);
        assertThat(r.firstLearningRate(g)).isEqualTo(0.1);
        assertThat(LearningRateReducer.iterationCount(g)).isZero();
        assertThat(LearningRateReducer.epochCount(g)).isZero();
    }

    @Test
    void errorsNameTheOwnerAndTheProblem() {
        assertThatThrownBy(() -> new LearningRateReducer("Owner", null, null).resolve(TestNets.mln(new AdaDelta())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Owner: none of the chosen layers [layer0, layer1] has an updater with a learning rate"
                        + " (AdaDelta, NoOp and frozen layers have none); there is nothing to reduce");
        assertThatThrownBy(() -> new LearningRateReducer("Owner", null, null).resolve(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Owner supports MultiLayerNetwork and ComputationGraph, got null");
        assertThatThrownBy(() -> new LearningRateReducer("Owner", List.of("a"), new int[]{0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set at most one of layers(String...) and layerIndices(int...)");
        assertThatThrownBy(() -> new LearningRateReducer("Owner", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layers must name at least one layer");
        assertThatThrownBy(() -> new LearningRateReducer("Owner", null, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layerIndices must name at least one layer");
        assertThatThrownBy(() -> new LearningRateReducer(null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("owner must not be null");
        assertThatThrownBy(() -> new LearningRateReducer("Owner", null, new int[]{1}).resolve(
                TestNets.graph(new Sgd(0.1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layerIndices(int...) is only supported for MultiLayerNetwork; use layers(String...) for"
                        + " ComputationGraph");
        assertThat(new LearningRateReducer("Owner", null, new int[]{1}).toString())
                .isEqualTo("LearningRateReducer(owner=Owner, layers=[1])");
    }
}
