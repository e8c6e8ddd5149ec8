package dev.lrsched.listeners.plateau;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;

/** The nine settings as one validated value: defaults (PyTorch 1.13's), withers, JSON, equality. */
class PlateauSettingsTest {

    private static final PlateauSettings ALL_SET = new PlateauSettings(Mode.MAX, 0.25, 4, 0.003, ThresholdMode.ABS, 3,
            1e-6, 1e-9, NanPolicy.FAIL);

    @Test
    void defaultsAreTorchsWithTheDirectionFromTheSource() {
        // torch.optim.lr_scheduler.ReduceLROnPlateau(opt): mode='min', factor=0.1, patience=10, threshold=1e-4,
        // threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8
        PlateauSettings d = PlateauSettings.defaults();
        assertThat(d.getMode()).isEqualTo(Mode.AUTO);
        assertThat(d.getFactor()).isEqualTo(0.1);
        assertThat(d.getPatience()).isEqualTo(10);
        assertThat(d.getThreshold()).isEqualTo(1e-4);
        assertThat(d.getThresholdMode()).isEqualTo(ThresholdMode.REL);
        assertThat(d.getCooldown()).isZero();
        assertThat(d.getMinValue()).isZero();
        assertThat(d.getEps()).isEqualTo(1e-8);
        assertThat(d.getNanPolicy()).isEqualTo(NanPolicy.COUNT_AS_BAD);
        assertThat(d.resolved(Mode.MAX).getMode()).isEqualTo(Mode.MAX);
        assertThat(d.withMode(Mode.MIN).resolved(Mode.MAX).getMode()).as("an explicit mode wins").isEqualTo(Mode.MIN);
        assertThat(PlateauPolicy.builder().build().getSettings()).isEqualTo(d.withMode(Mode.MIN));
    }

    @Test
    void eachWitherChangesOneSettingAndValidatesIt() {
        PlateauSettings s = PlateauSettings.defaults().withMode(Mode.MAX).withFactor(0.25).withPatience(4)
                .withThreshold(0.003).withThresholdMode(ThresholdMode.ABS).withCooldown(3).withMinValue(1e-6)
                .withEps(1e-9).withNanPolicy(NanPolicy.FAIL);
        assertThat(s).isEqualTo(ALL_SET);
        assertRejected("factor must be in (0.0, 1.0), got 1.0", () -> s.withFactor(1.0));
        assertRejected("patience must be >= 0, got -1", () -> s.withPatience(-1));
        assertRejected("threshold must be finite and >= 0, got NaN", () -> s.withThreshold(Double.NaN));
        assertRejected("cooldown must be >= 0, got -1", () -> s.withCooldown(-1));
        assertRejected("minValue must be finite and >= 0, got Infinity", () -> s.withMinValue(Double.POSITIVE_INFINITY));
        assertRejected("eps must be finite and >= 0, got -1.0", () -> s.withEps(-1));
        assertRejected("mode must not be null", () -> s.withMode(null));
        assertRejected("thresholdMode must not be null", () -> s.withThresholdMode(null));
        assertRejected("nanPolicy must not be null", () -> s.withNanPolicy(null));
        assertRejected("source must be MIN or MAX, got AUTO", () -> PlateauSettings.defaults().resolved(Mode.AUTO));
        assertThat(s.withFactor(0.5).getFactor()).isEqualTo(0.5);
        assertThat(s.getFactor()).as("immutable").isEqualTo(0.25);
    }

    @Test
    void jsonRoundTripsEveryFieldByName() {
        String json = ALL_SET.toJson();
        assertThat(json).isEqualTo("{\n  \"mode\" : \"MAX\",\n  \"factor\" : 0.25,\n  \"patience\" : 4,\n"
                + "  \"threshold\" : 0.003,\n  \"thresholdMode\" : \"ABS\",\n  \"cooldown\" : 3,\n"
                + "  \"minValue\" : 1.0E-6,\n  \"eps\" : 1.0E-9,\n  \"nanPolicy\" : \"FAIL\"\n}");
        assertThat(PlateauSettings.fromJson(json)).isEqualTo(ALL_SET);
        assertThat(PlateauSettings.fromJson(PlateauSettings.defaults().toJson())).isEqualTo(PlateauSettings.defaults());
        assertRejected("factor must be in (0.0, 1.0), got 1.5",
                () -> PlateauSettings.fromJson(json.replace("\"factor\" : 0.25", "\"factor\" : 1.5")));
        assertThatThrownBy(() -> PlateauSettings.fromJson(json.replace("\"eps\"", "\"bogus\" : 1, \"eps\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid PlateauSettings JSON");
        assertThatThrownBy(() -> PlateauSettings.fromJson(json.replaceAll("\\s*\"cooldown\" : 3,", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooldown");
        assertRejected("json must not be null", () -> PlateauSettings.fromJson(null));
    }

    @Test
    void valueEqualityOverEverySettingAndToString() {
        new EqualsTester()
                .addEqualityGroup(ALL_SET, new PlateauSettings(Mode.MAX, 0.25, 4, 0.003, ThresholdMode.ABS, 3, 1e-6,
                        1e-9, NanPolicy.FAIL), PlateauSettings.fromJson(ALL_SET.toJson()))
                .addEqualityGroup(ALL_SET.withMode(Mode.MIN))
                .addEqualityGroup(ALL_SET.withFactor(0.5))
                .addEqualityGroup(ALL_SET.withPatience(5))
                .addEqualityGroup(ALL_SET.withThreshold(0.004))
                .addEqualityGroup(ALL_SET.withThresholdMode(ThresholdMode.REL))
                .addEqualityGroup(ALL_SET.withCooldown(2))
                .addEqualityGroup(ALL_SET.withMinValue(2e-6))
                .addEqualityGroup(ALL_SET.withEps(2e-9))
                .addEqualityGroup(ALL_SET.withNanPolicy(NanPolicy.COUNT_AS_BAD))
                .testEquals();
        assertThat(ALL_SET).hasToString("PlateauSettings(mode=MAX, factor=0.25, patience=4, threshold=0.003,"
                + " thresholdMode=ABS, cooldown=3, minValue=1.0E-6, eps=1.0E-9, nanPolicy=FAIL)");
    }

    @Test
    void theStateCarriesTheSettingsAndThePolicyNeedsADirection() {
        PlateauPolicy.State s = new PlateauPolicy.State(ALL_SET, 0.5, 1, 2, 9, 2);
        assertThat(s.getSettings()).isEqualTo(ALL_SET);
        assertThat(PlateauPolicy.State.fromJson(s.toJson())).isEqualTo(s);
        assertThat(PlateauPolicy.restore(s).getSettings()).isEqualTo(ALL_SET);
        assertRejected("mode must be MIN or MAX (a front end resolves AUTO from its metric source), got AUTO",
                () -> new PlateauPolicy(PlateauSettings.defaults()));
        assertRejected("mode must be MIN or MAX (a front end resolves AUTO from its metric source), got AUTO",
                () -> PlateauPolicy.builder().mode(Mode.AUTO).build());
        assertRejected("mode must be MIN or MAX (a front end resolves AUTO from its metric source), got AUTO",
                () -> new PlateauPolicy.State(PlateauSettings.defaults(), 1.0, 0, 0, 1, 0));
        assertRejected("settings must not be null", () -> PlateauPolicy.builder().settings(null));
    }
}
