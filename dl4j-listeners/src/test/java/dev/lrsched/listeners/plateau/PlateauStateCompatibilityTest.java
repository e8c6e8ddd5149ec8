package dev.lrsched.listeners.plateau;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.plateau.PlateauPolicy.State;
import org.junit.jupiter.api.Test;

/**
 * The persisted contract: {@code PlateauPolicy.State} JSON written by lrsched 0.1.0 (before the plateau core was
 * redesigned) must still load, and is still written byte for byte the same. Both strings were printed by
 * {@code state().toJson()} of that version and pasted here; do not regenerate them.
 */
class PlateauStateCompatibilityTest {

    /** {@code PlateauPolicy.builder().mode(MAX).factor(0.5).patience(2).threshold(0.01).thresholdMode(ABS)
     * .cooldown(1).minValue(1e-6).eps(1e-9).nanPolicy(FAIL)}, stepped with 0.5, 0.7, 0.69, 0.7, 0.71. */
    static final String STEPPED = "{\n"
            + "  \"mode\" : \"MAX\",\n"
            + "  \"factor\" : 0.5,\n"
            + "  \"patience\" : 2,\n"
            + "  \"threshold\" : 0.01,\n"
            + "  \"thresholdMode\" : \"ABS\",\n"
            + "  \"cooldown\" : 1,\n"
            + "  \"minValue\" : 1.0E-6,\n"
            + "  \"eps\" : 1.0E-9,\n"
            + "  \"nanPolicy\" : \"FAIL\",\n"
            + "  \"best\" : 0.7,\n"
            + "  \"numBadEpochs\" : 0,\n"
            + "  \"cooldownCounter\" : 1,\n"
            + "  \"lastEpoch\" : 5,\n"
            + "  \"numReductions\" : 1\n"
            + "}";

    /** {@code PlateauPolicy.builder().build().state()}: torch defaults, nothing seen yet (best = +Infinity). */
    static final String FRESH = "{\n"
            + "  \"mode\" : \"MIN\",\n"
            + "  \"factor\" : 0.1,\n"
            + "  \"patience\" : 10,\n"
            + "  \"threshold\" : 1.0E-4,\n"
            + "  \"thresholdMode\" : \"REL\",\n"
            + "  \"cooldown\" : 0,\n"
            + "  \"minValue\" : 0.0,\n"
            + "  \"eps\" : 1.0E-8,\n"
            + "  \"nanPolicy\" : \"COUNT_AS_BAD\",\n"
            + "  \"best\" : \"Infinity\",\n"
            + "  \"numBadEpochs\" : 0,\n"
            + "  \"cooldownCounter\" : 0,\n"
            + "  \"lastEpoch\" : 0,\n"
            + "  \"numReductions\" : 0\n"
            + "}";

    @Test
    void stateSavedByTheFirstVersionLoadsWithEveryField() {
        State s = State.fromJson(STEPPED);
        assertThat(s).isEqualTo(new State(Mode.MAX, 0.5, 2, 0.01, ThresholdMode.ABS, 1, 1e-6, 1e-9, NanPolicy.FAIL,
                0.7, 0, 1, 5, 1));
        assertThat(s.toJson()).isEqualTo(STEPPED);
        State fresh = State.fromJson(FRESH);
        assertThat(fresh).isEqualTo(PlateauPolicy.builder().build().state());
        assertThat(fresh.getBest()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fresh.toJson()).isEqualTo(FRESH);
    }

    @Test
    void aRestoredFirstVersionStateContinuesLikeTheRunThatSavedIt() {
        PlateauPolicy restored = PlateauPolicy.restore(State.fromJson(STEPPED));
        // in cooldown (1 step left), patience 2: 0.705 is not better than 0.7 + 0.01 (ABS, MAX)
        assertThat(restored.step(0.705)).isFalse(); // cooldown step: bad epochs reset
        assertThat(restored.step(0.705)).isFalse();
        assertThat(restored.step(0.705)).isFalse();
        assertThat(restored.step(0.705)).isTrue();  // third bad step > patience 2
        assertThat(restored.getNumReductions()).isEqualTo(2);
        assertThat(restored.reduce(1e-3)).isEqualTo(5e-4);
    }
}
