package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ScheduleType;

/** {@link CyclicSchedule#momentum(double, double)}: torch CyclicLR's cycle_momentum=True. */
class CyclicMomentumTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    // tools/reference/torch_cycle_momentum.py (torch 1.13): SGD(momentum=0.5) param group's lr and momentum read
    // before the t-th scheduler.step() of CyclicLR(..., cycle_momentum=True).

    /** CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3) [triangular, base_momentum=0.8, max_momentum=0.9]. */
    private static final double[] TRIANGULAR_LR = {0.01, 0.055, 0.09999999999999999, 0.06999999999999999,
        0.039999999999999994, 0.01, 0.05500000000000005, 0.09999999999999999, 0.06999999999999999, 0.04000000000000003,
        0.01, 0.05500000000000005, 0.09999999999999999, 0.06999999999999999, 0.04000000000000003, 0.01};
    private static final double[] TRIANGULAR_MOMENTUM = {0.9, 0.8500000000000001, 0.8, 0.8333333333333334,
        0.8666666666666667, 0.9, 0.85, 0.8, 0.8333333333333334, 0.8666666666666667, 0.9, 0.85, 0.8, 0.8333333333333334,
        0.8666666666666667, 0.9};

    /** CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=5, mode='triangular2', base_momentum=0.85, max_momentum=0.95). */
    private static final double[] TRIANGULAR2_LR = {0.01, 0.04, 0.07, 0.1, 0.082, 0.064, 0.046000000000000006,
        0.028000000000000004, 0.01, 0.025, 0.04, 0.05500000000000001, 0.046000000000000006, 0.037000000000000005,
        0.028000000000000004, 0.019000000000000003, 0.01, 0.0175, 0.025, 0.0325, 0.028000000000000004, 0.0235,
        0.019000000000000003, 0.0145, 0.01, 0.01375, 0.0175, 0.02125, 0.019000000000000003, 0.01675};
    private static final double[] TRIANGULAR2_MOMENTUM = {0.95, 0.9166666666666666, 0.8833333333333333, 0.85, 0.87,
        0.89, 0.9099999999999999, 0.9299999999999999, 0.95, 0.9333333333333333, 0.9166666666666666, 0.8999999999999999,
        0.9099999999999999, 0.9199999999999999, 0.9299999999999999, 0.94, 0.95, 0.9416666666666667, 0.9333333333333333,
        0.9249999999999999, 0.9299999999999999, 0.9349999999999999, 0.94, 0.945, 0.95, 0.9458333333333333,
        0.9416666666666667, 0.9375, 0.94, 0.9425};

    /** CyclicLR(base_lr=0.001, max_lr=0.006, step_size_up=4, mode='exp_range', gamma=0.97) [0.8, 0.9]. */
    private static final double[] EXP_RANGE_LR = {0.001, 0.0022125, 0.0033522499999999998, 0.00442252375,
        0.00542646405, 0.004220252596375, 0.0030824300123224995, 0.0020099785559764124, 0.001, 0.0019502888233182063,
        0.0028435603172373204, 0.0036823802615803007, 0.004469211804977189, 0.0035238515881209046,
        0.0026320906936515183, 0.0017915639864209865, 0.001, 0.001744782554823506, 0.002444878156357602,
        0.0031022977175003104, 0.003718971714633735, 0.002978051922396042, 0.0022791402431494405,
        0.0016203830179274785, 0.001, 0.0015837183815679647, 0.0021324136602418513, 0.002647661875651894,
        0.0031309760258431156, 0.0025502850588008663};
    private static final double[] EXP_RANGE_MOMENTUM = {0.9, 0.87575, 0.852955, 0.831549525, 0.811470719,
        0.8355949480725, 0.85835139975355, 0.8798004288804718, 0.9, 0.8809942235336359, 0.8631287936552536,
        0.846352394768394, 0.8306157639004563, 0.8495229682375819, 0.8673581861269697, 0.8841687202715803, 0.9,
        0.88510434890353, 0.8711024368728479, 0.8579540456499938, 0.8456205657073254, 0.8604389615520792,
        0.8744171951370112, 0.8875923396414505, 0.9, 0.8883256323686407, 0.877351726795163, 0.8670467624869621,
        0.8573804794831377, 0.8689942988239827};

    private static void assertMatchesTorch(CyclicSchedule lr, CyclicSchedule momentum, double[] torchLr,
                                           double[] torchMomentum) {
        assertThat(torchMomentum).hasSameSizeAs(torchLr);
        for (int t = 0; t < torchLr.length; t++) {
            assertRelClose(torchLr[t], lr.valueAt(t, 0), "lr t=" + t);
            assertRelClose(torchMomentum[t], momentum.valueAt(t, 0), "momentum t=" + t);
        }
    }

    @Test
    void triangularMatchesTorchWithItsDefaultMomenta() {
        CyclicSchedule lr = new CyclicSchedule(IT, 0.01, 0.1, 2, 3, CyclicMode.TRIANGULAR, 1.0);
        assertMatchesTorch(lr, lr.momentum(), TRIANGULAR_LR, TRIANGULAR_MOMENTUM);
    }

    @Test
    void triangular2HalvesTheMomentumSwingEachCycleLikeTorch() {
        CyclicSchedule lr = new CyclicSchedule(IT, 0.01, 0.1, 3, 5, CyclicMode.TRIANGULAR2, 1.0);
        assertMatchesTorch(lr, lr.momentum(0.85, 0.95), TRIANGULAR2_LR, TRIANGULAR2_MOMENTUM);
    }

    @Test
    void expRangeDecaysTheMomentumSwingLikeTorch() {
        CyclicSchedule lr = new CyclicSchedule(IT, 0.001, 0.006, 4, 4, CyclicMode.EXP_RANGE, 0.97);
        assertMatchesTorch(lr, lr.momentum(), EXP_RANGE_LR, EXP_RANGE_MOMENTUM);
    }

    @Test
    void momentumIsTheInverseCycleWithTheSameParameters() {
        CyclicSchedule lr = new CyclicSchedule(ScheduleType.EPOCH, 0.01, 0.1, 3, 5, CyclicMode.EXP_RANGE, 0.9);
        assertThat(lr.momentum(0.7, 0.95))
                .isEqualTo(new CyclicSchedule(ScheduleType.EPOCH, 0.95, 0.7, 3, 5, CyclicMode.EXP_RANGE, 0.9));
        assertThat(lr.momentum()).isEqualTo(lr.momentum(0.8, 0.9));
        CyclicSchedule m = lr.momentum();
        assertThat(m.valueAt(0, 0)).isEqualTo(0.9);
        assertFiniteNonNegativeEverywhere(m);
        assertSurvivesDl4j(m);
    }

    @Test
    void rejectsMomentaOutsideZeroToOne() {
        CyclicSchedule lr = CyclicSchedule.triangular(IT, 0.01, 0.1, 4);
        assertRejected("baseMomentum must be in [0.0, 1.0], got -0.5", () -> lr.momentum(-0.5, 0.9));
        assertRejected("baseMomentum must be in [0.0, 1.0], got NaN", () -> lr.momentum(Double.NaN, 0.9));
        assertRejected("maxMomentum must be in [0.0, 1.0], got 1.01", () -> lr.momentum(0.8, 1.01));
    }
}
