package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;
import java.io.Serializable;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.JsonPropertyOrder;

/**
 * The nine settings of ReduceLROnPlateau, validated once: an immutable value shared by {@link PlateauPolicy},
 * {@link PlateauController} and every front end (each front-end builder takes them through
 * {@link PlateauBuilder}). Each setting is described once, at its getter; how they combine is
 * {@link PlateauPolicy}'s pseudocode.
 *
 * <table>
 *   <caption>names and defaults</caption>
 *   <tr><th>here</th><th>PyTorch {@code ReduceLROnPlateau}</th><th>Keras {@code ReduceLROnPlateau}</th>
 *       <th>default</th></tr>
 *   <tr><td>mode</td><td>mode</td><td>mode ({@code 'auto'} guesses from the name)</td><td>AUTO</td></tr>
 *   <tr><td>factor</td><td>factor</td><td>factor</td><td>0.1</td></tr>
 *   <tr><td>patience</td><td>patience</td><td>patience - 1</td><td>10</td></tr>
 *   <tr><td>threshold</td><td>threshold</td><td>min_delta (with ABS)</td><td>1e-4</td></tr>
 *   <tr><td>thresholdMode</td><td>threshold_mode</td><td>always absolute</td><td>REL</td></tr>
 *   <tr><td>cooldown</td><td>cooldown</td><td>cooldown</td><td>0</td></tr>
 *   <tr><td>minValue</td><td>min_lr</td><td>min_lr</td><td>0</td></tr>
 *   <tr><td>eps</td><td>eps</td><td>-</td><td>1e-8</td></tr>
 *   <tr><td>nanPolicy</td><td>-</td><td>-</td><td>COUNT_AS_BAD</td></tr>
 * </table>
 * Keras' {@code monitor} is the front end's metric source. JSON: {@link #toJson()} / {@link #fromJson(String)}.
 *
 * <p>Usage: {@code PlateauSettings s = PlateauSettings.defaults().withFactor(0.5).withPatience(3);}
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"mode", "factor", "patience", "threshold", "thresholdMode", "cooldown", "minValue", "eps",
        "nanPolicy"})
public final class PlateauSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final PlateauSettings DEFAULTS = new PlateauSettings(Mode.AUTO, 0.1, 10, 1e-4, ThresholdMode.REL,
            0, 0.0, 1e-8, NanPolicy.COUNT_AS_BAD);

    @JsonProperty("mode")
    private final Mode mode;
    @JsonProperty("factor")
    private final double factor;
    @JsonProperty("patience")
    private final int patience;
    @JsonProperty("threshold")
    private final double threshold;
    @JsonProperty("thresholdMode")
    private final ThresholdMode thresholdMode;
    @JsonProperty("cooldown")
    private final int cooldown;
    @JsonProperty("minValue")
    private final double minValue;
    @JsonProperty("eps")
    private final double eps;
    @JsonProperty("nanPolicy")
    private final NanPolicy nanPolicy;

    /**
     * Every setting; each getter states its range.
     *
     * @throws IllegalArgumentException naming the first invalid setting, its allowed range and its value
     */
    @JsonCreator
    public PlateauSettings(@JsonProperty("mode") Mode mode,
                           @JsonProperty("factor") double factor,
                           @JsonProperty("patience") int patience,
                           @JsonProperty("threshold") double threshold,
                           @JsonProperty("thresholdMode") ThresholdMode thresholdMode,
                           @JsonProperty("cooldown") int cooldown,
                           @JsonProperty("minValue") double minValue,
                           @JsonProperty("eps") double eps,
                           @JsonProperty("nanPolicy") NanPolicy nanPolicy) {
        this.mode = Checks.notNull("mode", mode);
        this.factor = Checks.inOpenRange("factor", factor, 0.0, 1.0);
        this.patience = Checks.nonNegative("patience", patience);
        this.threshold = Checks.nonNegative("threshold", threshold);
        this.thresholdMode = Checks.notNull("thresholdMode", thresholdMode);
        this.cooldown = Checks.nonNegative("cooldown", cooldown);
        this.minValue = Checks.nonNegative("minValue", minValue);
        this.eps = Checks.nonNegative("eps", eps);
        this.nanPolicy = Checks.notNull("nanPolicy", nanPolicy);
    }

    /** PyTorch's defaults, with mode {@link Mode#AUTO} (the direction comes from the metric source). */
    public static PlateauSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Direction of the metric (torch/Keras {@code mode}); not null. {@link Mode#AUTO} (default) takes it from
     * the metric source; a {@link PlateauPolicy} needs {@code MIN} or {@code MAX} (see {@link #resolved(Mode)}).
     */
    public Mode getMode() {
        return mode;
    }

    /**
     * Multiplier applied to the learning rate on each reduction (torch/Keras {@code factor}); in (0, 1),
     * default 0.1.
     */
    public double getFactor() {
        return factor;
    }

    /**
     * Bad evaluations tolerated before reducing: a reduction happens when {@code numBadEpochs > patience}
     * (torch {@code patience}; Keras reduces when {@code wait >= patience}, so Keras {@code patience = p} is
     * {@code p - 1} here); {@code >= 0}, default 10.
     */
    public int getPatience() {
        return patience;
    }

    /**
     * Minimum change that counts as an improvement (torch {@code threshold}; Keras {@code min_delta} with
     * {@link ThresholdMode#ABS}); finite and {@code >= 0}, default 1e-4.
     */
    public double getThreshold() {
        return threshold;
    }

    /** Whether {@link #getThreshold()} is relative to the best value or absolute (torch {@code threshold_mode}); default REL. */
    public ThresholdMode getThresholdMode() {
        return thresholdMode;
    }

    /** Evaluations after a reduction during which bad evaluations are ignored (torch/Keras {@code cooldown}); {@code >= 0}, default 0. */
    public int getCooldown() {
        return cooldown;
    }

    /**
     * Floor of a reduced learning rate (torch/Keras {@code min_lr}); finite and {@code >= 0}, default 0. With a
     * schedule it is compared with the learning rate at the moment of the reduction. With Adam use a value
     * {@code > 0}: DL4J's Adam treats a learning rate of exactly 0 as epsilon, so 0 is not a freeze.
     */
    public double getMinValue() {
        return minValue;
    }

    /** Reductions that change the learning rate by {@code eps} or less are skipped (torch {@code eps}); finite and {@code >= 0}, default 1e-8. */
    public double getEps() {
        return eps;
    }

    /** What a NaN or infinite metric does; default {@link NanPolicy#COUNT_AS_BAD}. */
    public NanPolicy getNanPolicy() {
        return nanPolicy;
    }

    /** These settings with {@link #getMode() mode} {@code mode}. */
    public PlateauSettings withMode(Mode mode) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getFactor() factor} {@code factor}. */
    public PlateauSettings withFactor(double factor) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getPatience() patience} {@code patience}. */
    public PlateauSettings withPatience(int patience) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getThreshold() threshold} {@code threshold}. */
    public PlateauSettings withThreshold(double threshold) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getThresholdMode() thresholdMode} {@code thresholdMode}. */
    public PlateauSettings withThresholdMode(ThresholdMode thresholdMode) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getCooldown() cooldown} {@code cooldown}. */
    public PlateauSettings withCooldown(int cooldown) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getMinValue() minValue} {@code minValue}. */
    public PlateauSettings withMinValue(double minValue) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getEps() eps} {@code eps}. */
    public PlateauSettings withEps(double eps) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with {@link #getNanPolicy() nanPolicy} {@code nanPolicy}. */
    public PlateauSettings withNanPolicy(NanPolicy nanPolicy) {
        return new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    /** These settings with an {@link Mode#AUTO} mode replaced by {@code source} (the metric source's direction). */
    public PlateauSettings resolved(Mode source) {
        Mode resolved = mode.resolve(source);
        return resolved == mode ? this : withMode(resolved);
    }

    /** Pretty-printed JSON with the nine settings by name. */
    public String toJson() {
        return Json.write(this, "PlateauSettings");
    }

    /**
     * Parses {@link #toJson()} output.
     *
     * @throws IllegalArgumentException if the JSON is malformed, has unknown or missing fields or invalid values
     */
    public static PlateauSettings fromJson(String json) {
        return Json.read(json, PlateauSettings.class, "PlateauSettings");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PlateauSettings)) {
            return false;
        }
        PlateauSettings s = (PlateauSettings) o;
        return mode == s.mode && Double.compare(factor, s.factor) == 0 && patience == s.patience
                && Double.compare(threshold, s.threshold) == 0 && thresholdMode == s.thresholdMode
                && cooldown == s.cooldown && Double.compare(minValue, s.minValue) == 0
                && Double.compare(eps, s.eps) == 0 && nanPolicy == s.nanPolicy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy);
    }

    @Override
    public String toString() {
        return "PlateauSettings(" + fields() + ")";
    }

    /** "mode=MIN, factor=0.1, ..., nanPolicy=COUNT_AS_BAD": the settings part of every plateau toString. */
    String fields() {
        return "mode=" + mode + ", factor=" + factor + ", patience=" + patience + ", threshold=" + threshold
                + ", thresholdMode=" + thresholdMode + ", cooldown=" + cooldown + ", minValue=" + minValue
                + ", eps=" + eps + ", nanPolicy=" + nanPolicy;
    }
}
