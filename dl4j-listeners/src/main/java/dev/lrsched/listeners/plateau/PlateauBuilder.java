package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;

/**
 * The plateau setters every lrsched builder shares ({@link PlateauPolicy#builder()}, and through
 * {@link PlateauFrontEndBuilder} the listener's, the Spark controller's, ...): one vocabulary, defined once. Each
 * setter replaces one setting of a {@link PlateauSettings} and is validated at once; the settings are described
 * at {@link PlateauSettings}'s getters.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PlateauBuilder<B extends PlateauBuilder<B>> {

    private PlateauSettings settings = PlateauSettings.defaults();

    protected PlateauBuilder() {
    }

    /** The concrete builder ({@code return this;}). */
    protected abstract B self();

    /** All nine settings at once, e.g. shared between a listener and a Spark controller; not null. */
    public final B settings(PlateauSettings settings) {
        this.settings = Checks.notNull("settings", settings);
        return self();
    }

    /** The settings as set so far. */
    public final PlateauSettings getSettings() {
        return settings;
    }

    /** Sets {@link PlateauSettings#getMode()}. */
    public final B mode(Mode mode) {
        return settings(settings.withMode(mode));
    }

    /** Sets {@link PlateauSettings#getFactor()}. */
    public final B factor(double factor) {
        return settings(settings.withFactor(factor));
    }

    /** Sets {@link PlateauSettings#getPatience()}. */
    public final B patience(int patience) {
        return settings(settings.withPatience(patience));
    }

    /** Sets {@link PlateauSettings#getThreshold()}. */
    public final B threshold(double threshold) {
        return settings(settings.withThreshold(threshold));
    }

    /** Sets {@link PlateauSettings#getThresholdMode()}. */
    public final B thresholdMode(ThresholdMode thresholdMode) {
        return settings(settings.withThresholdMode(thresholdMode));
    }

    /** Sets {@link PlateauSettings#getCooldown()}. */
    public final B cooldown(int cooldown) {
        return settings(settings.withCooldown(cooldown));
    }

    /** Sets {@link PlateauSettings#getMinValue()}. */
    public final B minValue(double minValue) {
        return settings(settings.withMinValue(minValue));
    }

    /** Sets {@link PlateauSettings#getEps()}. */
    public final B eps(double eps) {
        return settings(settings.withEps(eps));
    }

    /** Sets {@link PlateauSettings#getNanPolicy()}. */
    public final B nanPolicy(NanPolicy nanPolicy) {
        return settings(settings.withNanPolicy(nanPolicy));
    }
}
