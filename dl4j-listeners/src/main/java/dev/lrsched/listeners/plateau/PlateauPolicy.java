package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.JsonValue;

/**
 * The ReduceLROnPlateau decision rule as a small state machine, free of DL4J types: feed it one metric per
 * evaluation with {@link #step(double)}; when it answers {@code true}, shrink the learning rate with
 * {@link #reduce(double)}. This is the one place the rule is written down; {@link PlateauController} (and the
 * front ends on top of it) apply it to a network. Use it directly in custom loops.
 *
 * <p>It matches PyTorch 1.13 {@code torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode, factor,
 * patience, threshold, threshold_mode, cooldown, min_lr, eps)} exactly (same defaults, names in
 * {@link PlateauSettings}), per {@code step(metrics)}:
 * <pre>
 *   lastEpoch += 1
 *   if isBetter(metric, best): best = metric; numBadEpochs = 0
 *   else:                      numBadEpochs += 1
 *   if cooldownCounter &gt; 0:   cooldownCounter -= 1; numBadEpochs = 0      // ignore bad epochs in cooldown
 *   if numBadEpochs &gt; patience: REDUCE; cooldownCounter = cooldown; numBadEpochs = 0
 *
 *   isBetter(a, best):  MIN/REL  a &lt; best * (1 - threshold)     MIN/ABS  a &lt; best - threshold
 *                       MAX/REL  a &gt; best * (1 + threshold)     MAX/ABS  a &gt; best + threshold
 *   best starts at +Infinity (MIN) or -Infinity (MAX); "better" is always measured against the best-ever value.
 *
 *   reduce(lr) = newLr = max(lr * factor, minValue);  newLr if lr - newLr &gt; eps, else lr (unchanged)
 * </pre>
 *
 * <h2>Patience: PyTorch vs Keras</h2>
 * PyTorch reduces when {@code num_bad_epochs > patience}; Keras' {@code ReduceLROnPlateau} when
 * {@code wait >= patience}. So <b>Keras {@code patience = p} equals this class with
 * {@code patience = p - 1}</b>. Metric {@code 1.0} then constant (every step after the first is bad),
 * {@code cooldown = 0}:
 * <pre>
 *   step (lastEpoch)        1    2    3    4    5    6    7
 *   numBadEpochs after, p=2 0    1    2    0    1    2    0      (reset by the reduction)
 *   reduces, patience 0     -    R    R    R    R    R    R
 *   reduces, patience 2     -    -    -    R    -    -    R      (= Keras patience 3)
 *   reduces, Keras p=2      -    -    R    -    R    -    R      (= patience 1 here)
 * </pre>
 *
 * <h2>NaN and infinite metrics (deliberate difference)</h2>
 * A non-finite metric (NaN, +Infinity, -Infinity) never becomes {@code best}. With the default
 * {@link NanPolicy#COUNT_AS_BAD} it counts as a bad step, so a diverged run is reduced after
 * {@code patience}. PyTorch agrees for NaN (every comparison is false) but would accept
 * {@code -inf} as the best value in MIN mode (and {@code +inf} in MAX mode), after which nothing can
 * ever improve. {@link NanPolicy#FAIL} throws {@link IllegalStateException} instead, naming the step.
 *
 * <p>Instances are mutable and not thread-safe. Persist them like {@code state_dict()} with
 * {@link #state()} / {@link #restore(State)} and {@link State#toJson()} / {@link State#fromJson(String)}.
 *
 * <p>Usage: {@code if (policy.step(valLoss)) lr = policy.reduce(lr);}
 */
public final class PlateauPolicy {

    private final PlateauSettings settings;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private long lastEpoch;
    private long numReductions;

    /**
     * A fresh policy (nothing seen yet).
     *
     * @param settings not null, with mode {@code MIN} or {@code MAX} (resolve {@code AUTO} first)
     */
    public PlateauPolicy(PlateauSettings settings) {
        this.settings = requireDirection(settings);
        this.best = worst(settings.getMode());
    }

    private static PlateauSettings requireDirection(PlateauSettings settings) {
        Checks.notNull("settings", settings);
        Checks.check(settings.getMode() != Mode.AUTO, "mode must be MIN or MAX (a front end resolves AUTO from its"
                + " metric source), got AUTO");
        return settings;
    }

    private static double worst(Mode mode) {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** A builder with PyTorch's defaults (mode MIN). */
    public static Builder builder() {
        return new Builder();
    }

    /** A policy with the settings and counters of {@code state} (PyTorch {@code load_state_dict}). */
    public static PlateauPolicy restore(State state) {
        Checks.notNull("state", state);
        PlateauPolicy p = new PlateauPolicy(state.settings);
        p.best = state.best;
        p.numBadEpochs = state.numBadEpochs;
        p.cooldownCounter = state.cooldownCounter;
        p.lastEpoch = state.lastEpoch;
        p.numReductions = state.numReductions;
        return p;
    }

    /**
     * Records one evaluation of the monitored metric.
     *
     * @param metric the metric value; non-finite values follow {@link NanPolicy}
     * @return true when the learning rate must be reduced now
     * @throws IllegalStateException for a non-finite metric under {@link NanPolicy#FAIL}
     */
    public boolean step(double metric) {
        long stepIndex = lastEpoch + 1;
        if (!Double.isFinite(metric) && settings.getNanPolicy() == NanPolicy.FAIL) {
            throw new IllegalStateException("metric must be finite, got " + metric + " at step " + stepIndex
                    + " (nanPolicy=FAIL)");
        }
        lastEpoch = stepIndex;
        if (Double.isFinite(metric) && isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > settings.getPatience()) {
            cooldownCounter = settings.getCooldown();
            numBadEpochs = 0;
            numReductions++;
            return true;
        }
        return false;
    }

    /** PyTorch {@code _is_better}: is {@code a} a significant improvement over the best-ever value. */
    public boolean isBetter(double a) {
        double threshold = settings.getThreshold();
        boolean rel = settings.getThresholdMode() == ThresholdMode.REL;
        if (settings.getMode() == Mode.MIN) {
            return rel ? a < best * (1 - threshold) : a < best - threshold;
        }
        return rel ? a > best * (1 + threshold) : a > best + threshold;
    }

    /**
     * PyTorch {@code _reduce_lr} for one learning rate: {@code max(lr * factor, minValue)}, or {@code lr}
     * unchanged when that would change it by {@code eps} or less (also when {@code lr} is already at or below
     * the floor). Does not touch the counters.
     */
    public double reduce(double lr) {
        double newLr = Math.max(lr * settings.getFactor(), settings.getMinValue());
        return lr - newLr > settings.getEps() ? newLr : lr;
    }

    /** A snapshot of settings and counters (PyTorch {@code state_dict()}). */
    public State state() {
        return new State(settings, best, numBadEpochs, cooldownCounter, lastEpoch, numReductions);
    }

    /** The settings (mode MIN or MAX). */
    public PlateauSettings getSettings() {
        return settings;
    }

    /** MIN or MAX. */
    public Mode getMode() {
        return settings.getMode();
    }

    /** Best metric seen so far; +Infinity (MIN) or -Infinity (MAX) before the first finite metric. */
    public double getBest() {
        return best;
    }

    /** Consecutive bad steps since the last improvement, reduction or cooldown step. */
    public int getNumBadEpochs() {
        return numBadEpochs;
    }

    /** Remaining cooldown steps. */
    public int getCooldownCounter() {
        return cooldownCounter;
    }

    /** Number of {@link #step(double)} calls so far, i.e. evaluations (PyTorch {@code last_epoch}, from 0). */
    public long getLastEpoch() {
        return lastEpoch;
    }

    /** Number of steps that returned true. */
    public long getNumReductions() {
        return numReductions;
    }

    /** True while bad steps are being ignored after a reduction. */
    public boolean isInCooldown() {
        return cooldownCounter > 0;
    }

    @Override
    public String toString() {
        return "PlateauPolicy(" + state().fields() + ")";
    }

    /** Builder; every setting defaults to PyTorch's default (mode MIN). */
    public static final class Builder extends PlateauBuilder<Builder> {

        private Builder() {
            mode(Mode.MIN);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @throws IllegalArgumentException if the mode is AUTO */
        public PlateauPolicy build() {
            return new PlateauPolicy(getSettings());
        }
    }

    /**
     * Settings and counters of a {@link PlateauPolicy}: an immutable value, Java-serializable and
     * JSON-serializable with {@link #toJson()} / {@link #fromJson(String)} (one flat object: the nine settings,
     * then the five counters). JSON has no infinity literal: an infinite {@code best} is written as the strings
     * {@code "Infinity"} / {@code "-Infinity"} and read back as the double.
     */
    public static final class State implements Serializable {

        private static final long serialVersionUID = 2L;

        private final PlateauSettings settings;
        private final double best;
        private final int numBadEpochs;
        private final int cooldownCounter;
        private final long lastEpoch;
        private final long numReductions;

        /**
         * @param settings        not null, mode MIN or MAX
         * @param best            finite, or the starting value (+Infinity for MIN, -Infinity for MAX); not NaN
         * @param numBadEpochs    in [0, patience]
         * @param cooldownCounter in [0, cooldown]
         * @param lastEpoch       {@code >= 0}
         * @param numReductions   in [0, lastEpoch]
         */
        public State(PlateauSettings settings, double best, int numBadEpochs, int cooldownCounter, long lastEpoch,
                     long numReductions) {
            this.settings = requireDirection(settings);
            Mode mode = settings.getMode();
            Checks.check(Double.isFinite(best) || best == worst(mode),
                    "best must be finite or " + worst(mode) + " for mode " + mode + ", got " + best);
            Checks.check(numBadEpochs >= 0 && numBadEpochs <= settings.getPatience(),
                    "numBadEpochs must be in [0, " + settings.getPatience() + "], got " + numBadEpochs);
            Checks.check(cooldownCounter >= 0 && cooldownCounter <= settings.getCooldown(),
                    "cooldownCounter must be in [0, " + settings.getCooldown() + "], got " + cooldownCounter);
            Checks.check(lastEpoch >= 0, "lastEpoch must be >= 0, got " + lastEpoch);
            Checks.check(numReductions >= 0 && numReductions <= lastEpoch,
                    "numReductions must be in [0, " + lastEpoch + "], got " + numReductions);
            this.best = best;
            this.numBadEpochs = numBadEpochs;
            this.cooldownCounter = cooldownCounter;
            this.lastEpoch = lastEpoch;
            this.numReductions = numReductions;
        }

        /** The flat form of the JSON: the nine settings as in {@link PlateauSettings}, then the counters. */
        @JsonCreator
        public State(@JsonProperty("mode") Mode mode,
                     @JsonProperty("factor") double factor,
                     @JsonProperty("patience") int patience,
                     @JsonProperty("threshold") double threshold,
                     @JsonProperty("thresholdMode") ThresholdMode thresholdMode,
                     @JsonProperty("cooldown") int cooldown,
                     @JsonProperty("minValue") double minValue,
                     @JsonProperty("eps") double eps,
                     @JsonProperty("nanPolicy") NanPolicy nanPolicy,
                     @JsonProperty("best") double best,
                     @JsonProperty("numBadEpochs") int numBadEpochs,
                     @JsonProperty("cooldownCounter") int cooldownCounter,
                     @JsonProperty("lastEpoch") long lastEpoch,
                     @JsonProperty("numReductions") long numReductions) {
            this(new PlateauSettings(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps,
                    nanPolicy), best, numBadEpochs, cooldownCounter, lastEpoch, numReductions);
        }

        /** Pretty-printed JSON; infinities are written as the strings "Infinity" / "-Infinity". */
        public String toJson() {
            return Json.write(this, "PlateauPolicy.State");
        }

        /**
         * Parses {@link #toJson()} output (of this version or an earlier one: the format has not changed).
         *
         * @throws IllegalArgumentException if the JSON is malformed, has unknown/missing fields or invalid values
         */
        public static State fromJson(String json) {
            return Json.read(json, State.class, "PlateauPolicy.State");
        }

        /** The JSON object: the settings' fields, then the counters (the format of every earlier version). */
        @JsonValue
        private Map<String, Object> jsonObject() {
            Map<String, Object> json = Json.fields(settings);
            json.put("best", best);
            json.put("numBadEpochs", numBadEpochs);
            json.put("cooldownCounter", cooldownCounter);
            json.put("lastEpoch", lastEpoch);
            json.put("numReductions", numReductions);
            return json;
        }

        /** The nine settings (mode MIN or MAX). */
        public PlateauSettings getSettings() {
            return settings;
        }

        /** {@code getSettings().getMode()}. */
        public Mode getMode() {
            return settings.getMode();
        }

        /** See {@link PlateauPolicy#getBest()}. */
        public double getBest() {
            return best;
        }

        /** See {@link PlateauPolicy#getNumBadEpochs()}. */
        public int getNumBadEpochs() {
            return numBadEpochs;
        }

        /** See {@link PlateauPolicy#getCooldownCounter()}. */
        public int getCooldownCounter() {
            return cooldownCounter;
        }

        /** See {@link PlateauPolicy#getLastEpoch()}: the number of evaluations. */
        public long getLastEpoch() {
            return lastEpoch;
        }

        /** See {@link PlateauPolicy#getNumReductions()}. */
        public long getNumReductions() {
            return numReductions;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof State)) {
                return false;
            }
            State s = (State) o;
            return settings.equals(s.settings) && Double.compare(best, s.best) == 0 && numBadEpochs == s.numBadEpochs
                    && cooldownCounter == s.cooldownCounter && lastEpoch == s.lastEpoch
                    && numReductions == s.numReductions;
        }

        @Override
        public int hashCode() {
            return Objects.hash(settings, best, numBadEpochs, cooldownCounter, lastEpoch, numReductions);
        }

        @Override
        public String toString() {
            return "State(" + fields() + ")";
        }

        String fields() {
            return settings.fields() + ", best=" + best + ", numBadEpochs=" + numBadEpochs
                    + ", cooldownCounter=" + cooldownCounter + ", lastEpoch=" + lastEpoch
                    + ", numReductions=" + numReductions;
        }
    }
}
