package dev.lrsched.schedules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle against torch 1.13 ({@code tools/reference/torch_plateau_decisions.py}, output pasted). */
class TorchPlateauRuleTest {

    private static final double[] METRICS = {1.0, 0.9, 0.95, 0.9, 0.8999, 0.7, 0.71, 0.72, 0.69, 0.69, 0.7, 0.5,
        0.6, 0.6, 0.6, 0.6};

    @Test
    void matchesTorchReduceLrOnPlateauDecisions() {
        // {'mode': 'min', 'patience': 0, 'threshold': 0.0001, 'threshold_mode': 'rel', 'cooldown': 0}
        assertThat(new TorchPlateauRule(true, true, 1e-4, 0, 0).reductions(METRICS))
                .containsExactly(3, 4, 7, 8, 10, 11, 13, 14, 15, 16);
        // {'mode': 'min', 'patience': 1, 'threshold': 0.0001, 'threshold_mode': 'rel', 'cooldown': 0}
        assertThat(new TorchPlateauRule(true, true, 1e-4, 1, 0).reductions(METRICS)).containsExactly(4, 8, 11, 14, 16);
        // {'mode': 'min', 'patience': 1, 'threshold': 0.05, 'threshold_mode': 'abs', 'cooldown': 2}
        assertThat(new TorchPlateauRule(true, false, 0.05, 1, 2).reductions(METRICS)).containsExactly(4, 8, 14);
        // {'mode': 'max', 'patience': 0, 'threshold': 0.0001, 'threshold_mode': 'rel', 'cooldown': 1}
        assertThat(new TorchPlateauRule(false, true, 1e-4, 0, 1).reductions(METRICS))
                .containsExactly(2, 4, 6, 8, 10, 12, 14, 16);
        // {'mode': 'max', 'patience': 2, 'threshold': 0.01, 'threshold_mode': 'abs', 'cooldown': 0}
        assertThat(new TorchPlateauRule(false, false, 0.01, 2, 0).reductions(METRICS)).containsExactly(4, 7, 10, 13, 16);
    }
}
