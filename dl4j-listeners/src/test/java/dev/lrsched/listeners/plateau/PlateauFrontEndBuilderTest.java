package dev.lrsched.listeners.plateau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The builder base of every front end, used here by a front end on no DL4J network at all (the shape of a SameDiff
 * front end: one group, one shared updater setting), so nothing in it may depend on {@code MultiLayerNetwork} or
 * {@code ComputationGraph}. Expected values: torch {@code ReduceLROnPlateau(SGD(lr=0.1), factor=0.5, patience=0)}
 * stepped with {@code [1.0, 1.0]} reduces at step 2, {@code lr 0.1 -> 0.05}.
 */
class PlateauFrontEndBuilderTest {

    /** A minimal front end's builder: it adds nothing but a build method. */
    static final class LoopBuilder extends PlateauFrontEndBuilder<LoopBuilder> {
        @Override
        protected LoopBuilder self() {
            return this;
        }

        PlateauController build(Mode sourceDirection) {
            return controller(sourceDirection, "loop");
        }
    }

    /** One group holding one setting, as SameDiff's shared {@code TrainingConfig} updater. */
    static final class OneGroup implements LearningRateTarget, LearningRateGroup {
        LearningRate lr;

        OneGroup(double lr) {
            this.lr = new LearningRate.Fixed(lr);
        }

        @Override
        public int getIterationCount() {
            return 7;
        }

        @Override
        public int getEpochCount() {
            return 1;
        }

        @Override
        public List<? extends LearningRateGroup> getGroups() {
            return List.of(this);
        }

        @Override
        public String name() {
            return "updater";
        }

        @Override
        public Optional<LearningRate> learningRate() {
            return Optional.of(lr);
        }

        @Override
        public Optional<LearningRate> biasLearningRate() {
            return Optional.empty();
        }

        @Override
        public void set(LearningRate learningRate, LearningRate biasLearningRate) {
            if (learningRate != null) {
                lr = learningRate;
            }
        }
    }

    @Test
    void theBuiltCoreHasTheResolvedSettingsTheCallbackAndTheRestoredState() {
        List<ReductionEvent> events = new ArrayList<>();
        PlateauController c = new LoopBuilder().factor(0.5).patience(0).onReduction(events::add).build(Mode.MAX);
        assertThat(c.getMode()).as("AUTO resolved to the source's direction").isEqualTo(Mode.MAX);
        assertThat(c.getSettings()).isEqualTo(PlateauSettings.defaults().withMode(Mode.MAX).withFactor(0.5)
                .withPatience(0));

        OneGroup target = new OneGroup(0.1);
        PlateauController min = new LoopBuilder().factor(0.5).patience(0).onReduction(events::add).build(Mode.MIN);
        assertThat(min.step(target, 1.0, "m").isReduced()).isFalse();
        PlateauStep second = min.step(target, 1.0, "m");
        assertThat(second).isEqualTo(new PlateauStep(2, 1, 7, 1.0, 1.0, 0.05, true));
        assertThat(events).containsExactly(new ReductionEvent(2, 1, 7, 1.0, 1.0, 0.1, 0.05, List.of("updater")));

        PlateauController resumed = new LoopBuilder().restoreState(min.state()).build(Mode.MIN);
        assertThat(resumed.state()).isEqualTo(min.state());
        assertThat(resumed.getSettings().getFactor()).as("the state's settings win").isEqualTo(0.5);
    }

    @Test
    void aSavedStateOfTheOtherDirectionAndNullsAreRejected() {
        PlateauPolicy.State max = PlateauPolicy.builder().mode(Mode.MAX).build().state();
        LoopBuilder b = new LoopBuilder().restoreState(max);
        assertThatThrownBy(() -> b.build(Mode.MIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state mode MAX does not match the loop's mode MIN");
        assertThat(new LoopBuilder().mode(Mode.MAX).restoreState(max).build(Mode.MIN).getMode())
                .as("an explicit mode wins over the source's direction").isEqualTo(Mode.MAX);
        assertThatThrownBy(() -> new LoopBuilder().onReduction(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onReduction must not be null");
        assertThatThrownBy(() -> new LoopBuilder().restoreState(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state must not be null");
    }
}
