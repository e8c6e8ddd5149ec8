package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauSettings;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.util.ArrayList;
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
 * The plateau core on real networks, called directly (no training): {@link PlateauController} rescaling a
 * {@link NetworkAdapter}, shared by the listener and the Spark controller. Expected values follow PyTorch 1.13
 * {@code ReduceLROnPlateau}: {@code factor=0.5, patience=0} stepped with {@code [1.0, 1.0]} reduces at step 2
 * ({@code lr 0.1 -> 0.05}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlateauControllerTest {

    private static PlateauController controller(double minValue, List<ReductionEvent> events) {
        PlateauController c = new PlateauController(PlateauSettings.defaults().withMode(Mode.MIN).withFactor(0.5)
                .withPatience(0).withMinValue(minValue), "test");
        c.onReduction(events::add);
        return c;
    }

    /** Steps twice with a constant metric: with patience 0 the second step reduces. */
    private static PlateauStep plateau(PlateauController c, NetworkAdapter target) {
        c.step(target, 1.0, "m");
        return c.step(target, 1.0, "m");
    }

    @Test
    void stepReturnsTheStepRecordAndPublishesTheReductionEvent() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        NetworkAdapter target = NetworkAdapter.of("Owner", net, LayerSelection.all());
        List<ReductionEvent> events = new ArrayList<>();
        PlateauController c = controller(0.0, events);
        PlateauStep first = c.step(target, 1.0, "my metric");
        assertThat(first.isReduced()).isFalse();
        assertThat(events).isEmpty();
        assertThat(first).isEqualTo(new PlateauStep(1, 0, 0, 1.0, 1.0, 0.1, false));
        PlateauStep second = c.step(target, 1.0, "my metric");
        assertThat(second.isReduced()).isTrue();
        assertThat(second).isEqualTo(new PlateauStep(2, 0, 0, 1.0, 1.0, 0.05, true));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getOldLearningRate()).isEqualTo(0.1);
        assertThat(events.get(0).getNewLearningRate()).isEqualTo(0.05);
        assertThat(events.get(0).getLayers()).containsExactly("layer0", "layer1");
        assertThat(net.getLearningRate(0)).isEqualTo(0.05);
        assertThat(c.getHistory()).containsExactly(first, second);
    }

    @Test
    void reductionWrapsSchedulesFloorsAtMinValueAndReportsOldAndNew() {
        ISchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Adam(cos));
        net.setIterationCount(10);
        NetworkAdapter target = NetworkAdapter.of("Owner", net, LayerSelection.of(List.of("layer1"), null));
        double lrNow = cos.valueAt(10, 0);
        List<ReductionEvent> events = new ArrayList<>();
        assertThat(plateau(controller(0.0, events), target).isReduced()).isTrue();
        ReductionEvent red = events.get(0);
        assertThat(red.getLayers()).containsExactly("layer1");
        assertThat(red.getOldLearningRate()).isEqualTo(lrNow);
        assertRelClose(0.5 * lrNow, red.getNewLearningRate());
        Adam out = (Adam) ((BaseLayer) net.getLayer(1).conf().getLayer()).getIUpdater();
        assertThat(out.getLearningRateSchedule()).isEqualTo(new ScaledSchedule(cos, 0.5));
        Adam dense = (Adam) ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
        assertThat(dense.getLearningRateSchedule()).isSameAs(cos);
        // floor: 0.5 * 0.5 * lr would be below minValue, so the multiplier lands the LR exactly on minValue now
        double floor = 0.4 * lrNow;
        assertThat(plateau(controller(floor, events), target).isReduced()).isTrue();
        assertRelClose(floor, events.get(1).getNewLearningRate());
        assertRelClose(floor / lrNow, ((ScaledSchedule) out.getLearningRateSchedule()).getFactor());
        // at the floor nothing changes by more than eps: no event, the step is not a reduction
        PlateauStep none = plateau(controller(floor, events), target);
        assertThat(none.isReduced()).isFalse();
        assertThat(events).hasSize(2);
        assertRelClose(floor / lrNow, ((ScaledSchedule) out.getLearningRateSchedule()).getFactor());
    }

    @Test
    void worksOnComputationGraphsByName() {
        ComputationGraph g = TestNets.graph(new Sgd(0.2));
        NetworkAdapter target = NetworkAdapter.of("Owner", g, LayerSelection.of(List.of("out"), null));
        List<ReductionEvent> events = new ArrayList<>();
        PlateauStep step = plateau(controller(0.0, events), target);
        assertThat(events.get(0).getLayers()).containsExactly("out");
        assertThat(g.getLearningRate("out")).isEqualTo(0.1);
        assertThat(g.getLearningRate("dense")).isEqualTo(0.2);
        assertThat(step.getLearningRate()).isEqualTo(0.1);
        assertThat(target.getIterationCount()).isZero();
        assertThat(target.getEpochCount()).isZero();
    }

    @Test
    void subscribersSeeEveryStepAfterTheHistoryAndRestoreChecksTheMode() {
        NetworkAdapter target = NetworkAdapter.of("Owner", TestNets.mln(new Sgd(0.1)), LayerSelection.all());
        List<ReductionEvent> events = new ArrayList<>();
        PlateauController c = controller(0.0, events);
        List<Integer> historySizes = new ArrayList<>();
        c.onStep(s -> historySizes.add(c.getHistory().size()));
        plateau(c, target);
        assertThat(historySizes).containsExactly(1, 2);
        // the policy copy is detached: stepping it changes nothing in the controller
        c.getPolicy().step(5.0);
        assertThat(c.getEvaluationCount()).isEqualTo(2);
        PlateauController max = new PlateauController(PlateauSettings.defaults().withMode(Mode.MAX), "loop");
        assertThatThrownBy(() -> max.restoreState(c.state())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state mode MIN does not match the loop's mode MAX");
        assertThatThrownBy(() -> new PlateauController(PlateauSettings.defaults(), "loop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mode must be MIN or MAX");
    }

    @Test
    void errorsNameTheOwnerAndTheProblem() {
        assertThatThrownBy(() -> NetworkAdapter.of("Owner", TestNets.mln(new AdaDelta()), LayerSelection.all()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Owner: none of the chosen layers [layer0, layer1] has an updater with a learning rate"
                        + " (AdaDelta, NoOp and frozen layers have none); there is nothing to reduce");
        assertThatThrownBy(() -> NetworkAdapter.of("Owner", null, LayerSelection.all()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Owner supports MultiLayerNetwork and ComputationGraph, got null");
        assertThatThrownBy(() -> LayerSelection.of(List.of("a"), new int[]{0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set at most one of layers(String...) and layerIndices(int...)");
        assertThatThrownBy(() -> LayerSelection.of(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layers must name at least one layer");
        assertThatThrownBy(() -> LayerSelection.of(null, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layerIndices must name at least one layer");
        assertThatThrownBy(() -> NetworkAdapter.of(null, TestNets.mln(new Sgd(0.1)), LayerSelection.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("owner must not be null");
        assertThatThrownBy(() -> NetworkAdapter.of("Owner", TestNets.graph(new Sgd(0.1)),
                LayerSelection.of(null, new int[]{1}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layerIndices(int...) is only supported for MultiLayerNetwork; use layers(String...) for"
                        + " ComputationGraph");
        assertThat(LayerSelection.of(null, new int[]{1}).toString()).isEqualTo("[1]");
        assertThat(LayerSelection.all().toString()).isEqualTo("all");
    }

    @Test
    void theLoopOfYourOwnFromPlateauMdReducesAtTorchsStep() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        // as in docs/plateau.md, "Spark, and one core under every front end"
        PlateauController plateau = new PlateauController(PlateauSettings.defaults().withMode(Mode.MIN).withPatience(2), "loop");
        NetworkAdapter target = NetworkAdapter.of("MyLoop", net, LayerSelection.all());
        List<Boolean> reduced = new ArrayList<>();
        for (int epoch = 0; epoch < 4; epoch++) {
            reduced.add(plateau.step(target, 1.0, "validation loss").isReduced());
        }
        // torch ReduceLROnPlateau(SGD(lr=0.1), patience=2) stepped with [1.0] * 4: lr 0.1 -> 0.1 * 0.1 at step 4
        assertThat(reduced).containsExactly(false, false, false, true);
        assertThat(net.getLearningRate(0)).isEqualTo(0.1 * 0.1);
    }
}
