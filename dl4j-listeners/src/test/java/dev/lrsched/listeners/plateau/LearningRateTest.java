package dev.lrsched.listeners.plateau;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** "Fixed LR | schedule": what an updater has, and how a reduction rescales it (see PlateauController). */
class LearningRateTest {

    private static final ISchedule COS = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 100);

    @Test
    void readsTheUpdatersSetting() {
        assertThat(LearningRate.of(new Sgd(0.1))).contains(new LearningRate.Fixed(0.1));
        assertThat(LearningRate.of(new Adam(COS))).contains(new LearningRate.Scheduled(COS));
        assertThat(LearningRate.of(new AdaDelta())).isEmpty();
        assertThat(LearningRate.of(new NoOp())).isEmpty();
        assertThat(LearningRate.of(null)).isEmpty();
        assertThat(new LearningRate.Scheduled(COS).valueAt(10, 0)).isEqualTo(COS.valueAt(10, 0));
        assertThat(new LearningRate.Fixed(0.1).valueAt(10, 3)).isEqualTo(0.1);
    }

    @Test
    void aReductionKeepsTheKindAndScalesSchedulesByExactlyTheFactor() {
        double lr = COS.valueAt(0, 0); // 0.1
        // the policy computed newLr = lr * 0.1: the multiplier is exactly 0.1, not (lr * 0.1) / lr, which rounds
        assertThat((lr * 0.1) / lr).isEqualTo(0.10000000000000002);
        assertThat(new LearningRate.Scheduled(COS).rescaled(lr, lr * 0.1, 0.1))
                .isEqualTo(new LearningRate.Scheduled(new ScaledSchedule(COS, 0.1)));
        // floored at minValue: the multiplier puts the LR exactly there now
        assertThat(new LearningRate.Scheduled(COS).rescaled(lr, 0.02, 0.1))
                .isEqualTo(new LearningRate.Scheduled(new ScaledSchedule(COS, 0.02 / lr)));
        // a scaled schedule is rescaled, never nested
        LearningRate twice = new LearningRate.Scheduled(new ScaledSchedule(COS, 0.5)).rescaled(lr, lr * 0.5, 0.5);
        assertThat(twice).isEqualTo(new LearningRate.Scheduled(new ScaledSchedule(COS, 0.25)));
        assertThat(((ScaledSchedule) ((LearningRate.Scheduled) twice).schedule()).getSchedule()).isSameAs(COS);
        assertThat(new LearningRate.Fixed(0.1).rescaled(0.1, 0.010000000000000002, 0.1))
                .isEqualTo(new LearningRate.Fixed(0.010000000000000002));
    }

    @Test
    void installsItselfInAnUpdaterInPlace() {
        Sgd sgd = new Sgd(0.1);
        new LearningRate.Scheduled(COS).applyTo(sgd);
        assertThat(sgd.getLearningRateSchedule()).isSameAs(COS);
        new LearningRate.Fixed(0.05).applyTo(sgd);
        assertThat(sgd.getLearningRateSchedule()).isNull();
        assertThat(sgd.getLearningRate()).isEqualTo(0.05);
        assertRejected("learningRate must be finite and >= 0, got -1.0", () -> new LearningRate.Fixed(-1));
        assertRejected("learningRate must be finite and >= 0, got NaN", () -> new LearningRate.Fixed(Double.NaN));
        assertRejected("schedule must not be null", () -> new LearningRate.Scheduled(null));
    }
}
