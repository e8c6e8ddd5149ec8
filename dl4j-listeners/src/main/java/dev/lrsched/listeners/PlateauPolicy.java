package dev.lrsched.listeners;

import dev.lrsched.schedules.support.Checks;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The ReduceLROnPlateau decision logic as a small state machine, free of DL4J types: feed it one
 * metric per evaluation with {@link #step(double)}; when it answers {@code true}, shrink the
 * learning rate with {@link #reduce(double)}. {@link ReduceLROnPlateauListener} drives it from DL4J
 * training events; use it directly in custom loops.
 *
 * <p>It matches PyTorch 1.13 {@code torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode,
 * factor, patience, threshold, threshold_mode, cooldown, min_lr, eps)} exactly (same defaults), per
 * {@code step(metrics)}:
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
 * <h2>Names</h2>
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>here</th><th>PyTorch</th><th>Keras</th><th>default</th></tr>
 *   <tr><td>mode</td><td>mode</td><td>mode (no AUTO here)</td><td>MIN</td></tr>
 *   <tr><td>factor</td><td>factor</td><td>factor</td><td>0.1, in (0, 1)</td></tr>
 *   <tr><td>patience</td><td>patience</td><td>patience - 1</td><td>10</td></tr>
 *   <tr><td>threshold + thresholdMode</td><td>threshold, threshold_mode</td><td>min_delta = ABS threshold</td>
 *       <td>1e-4, REL</td></tr>
 *   <tr><td>cooldown</td><td>cooldown</td><td>cooldown</td><td>0</td></tr>
 *   <tr><td>minValue</td><td>min_lr</td><td>min_lr</td><td>0</td></tr>
 *   <tr><td>eps</td><td>eps</td><td>-</td><td>1e-8</td></tr>
 * </table>
 * Keras' {@code monitor} corresponds to the listener's metric source.
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

    /** Whether the monitored metric should go down ({@code MIN}, e.g. loss) or up ({@code MAX}, e.g. accuracy). */
    public enum Mode { MIN, MAX }

    /** How {@code threshold} defines a significant improvement: relative to best ({@code REL}) or absolute ({@code ABS}). */
    public enum ThresholdMode { REL, ABS }

    /** What a non-finite metric does: count as a bad step (default) or throw {@link IllegalStateException}. */
    public enum NanPolicy { COUNT_AS_BAD, FAIL }

    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final int cooldown;
    private final double minValue;
    private final double eps;
    private final NanPolicy nanPolicy;

    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private long lastEpoch;
    private long numReductions;

    private PlateauPolicy(Builder b) {
        this(Checks.notNull("mode", b.mode), b.factor, b.patience, b.threshold,
                Checks.notNull("thresholdMode", b.thresholdMode), b.cooldown, b.minValue, b.eps,
                Checks.notNull("nanPolicy", b.nanPolicy));
    }

    private PlateauPolicy(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                          int cooldown, double minValue, double eps, NanPolicy nanPolicy) {
        this.mode = Checks.notNull("mode", mode);
        this.factor = Checks.inOpenRange("factor", factor, 0.0, 1.0);
        this.patience = Checks.nonNegative("patience", patience);
        this.threshold = Checks.nonNegative("threshold", threshold);
        this.thresholdMode = Checks.notNull("thresholdMode", thresholdMode);
        this.cooldown = Checks.nonNegative("cooldown", cooldown);
        this.minValue = Checks.nonNegative("minValue", minValue);
        this.eps = Checks.nonNegative("eps", eps);
        this.nanPolicy = Checks.notNull("nanPolicy", nanPolicy);
        this.best = worst(mode);
    }

    private static double worst(Mode mode) {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** A builder with PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A policy with the settings and counters of {@code state} (PyTorch {@code load_state_dict}). */
    public static PlateauPolicy restore(State state) {
        Checks.notNull("state", state);
        PlateauPolicy p = new PlateauPolicy(state.mode, state.factor, state.patience, state.threshold,
                state.thresholdMode, state.cooldown, state.minValue, state.eps, state.nanPolicy);
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
        if (!Double.isFinite(metric) && nanPolicy == NanPolicy.FAIL) {
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
        if (numBadEpochs > patience) {
            cooldownCounter = cooldown;
            numBadEpochs = 0;
            numReductions++;
            return true;
        }
        return false;
    }

    /** PyTorch {@code _is_better}: is {@code a} a significant improvement over the best-ever value. */
    public boolean isBetter(double a) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
        }
        return thresholdMode == ThresholdMode.REL ? a > best * (1 + threshold) : a > best + threshold;
    }

    /**
     * PyTorch {@code _reduce_lr} for one learning rate: {@code max(lr * factor, minValue)}, or {@code lr}
     * unchanged when that would change it by {@code eps} or less (also when {@code lr} is already at or below
     * the floor). Does not touch the counters.
     */
    public double reduce(double lr) {
        double newLr = Math.max(lr * factor, minValue);
        return lr - newLr > eps ? newLr : lr;
    }

    /** A snapshot of settings and counters (PyTorch {@code state_dict()}). */
    public State state() {
        return new State(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy,
                best, numBadEpochs, cooldownCounter, lastEpoch, numReductions);
    }

    public Mode getMode() {
        return mode;
    }

    public double getFactor() {
        return factor;
    }

    public int getPatience() {
        return patience;
    }

    public double getThreshold() {
        return threshold;
    }

    public ThresholdMode getThresholdMode() {
        return thresholdMode;
    }

    public int getCooldown() {
        return cooldown;
    }

    public double getMinValue() {
        return minValue;
    }

    public double getEps() {
        return eps;
    }

    public NanPolicy getNanPolicy() {
        return nanPolicy;
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

    /** Number of {@link #step(double)} calls so far (PyTorch {@code last_epoch}, starting at 0 here). */
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
        return "PlateauPolicy(mode=" + mode + ", factor=" + factor + ", patience=" + patience
                + ", threshold=" + threshold + ", thresholdMode=" + thresholdMode + ", cooldown=" + cooldown
                + ", minValue=" + minValue + ", eps=" + eps + ", nanPolicy=" + nanPolicy + ", best=" + best
                + ", numBadEpochs=" + numBadEpochs + ", cooldownCounter=" + cooldownCounter
                + ", lastEpoch=" + lastEpoch + ", numReductions=" + numReductions + ")";
    }

    /** Builder; every setting defaults to PyTorch's default. Validation happens in {@link #build()}. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private int cooldown = 0;
        private double minValue = 0;
        private double eps = 1e-8;
        private NanPolicy nanPolicy = NanPolicy.COUNT_AS_BAD;

        private Builder() {
        }

        /** MIN (default) or MAX; not null. */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Multiplier applied on each reduction; in (0, 1), default 0.1. */
        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Bad steps tolerated before reducing ({@code numBadEpochs > patience}); {@code >= 0}, default 10. */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Minimum significant improvement; finite and {@code >= 0}, default 1e-4. */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** REL (default) or ABS; not null. */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        /** Steps after a reduction during which bad steps are ignored; {@code >= 0}, default 0. */
        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Floor for the reduced learning rate; finite and {@code >= 0}, default 0. */
        public Builder minValue(double minValue) {
            this.minValue = minValue;
            return this;
        }

        /** Changes of {@code eps} or less are skipped; finite and {@code >= 0}, default 1e-8. */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** COUNT_AS_BAD (default) or FAIL; not null. */
        public Builder nanPolicy(NanPolicy nanPolicy) {
            this.nanPolicy = nanPolicy;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting, its allowed range and value */
        public PlateauPolicy build() {
            return new PlateauPolicy(this);
        }
    }

    /**
     * Settings and counters of a {@link PlateauPolicy}: an immutable value, Java-serializable and
     * JSON-serializable with {@link #toJson()} / {@link #fromJson(String)}. JSON has no infinity literal:
     * an infinite {@code best} is written as the strings {@code "Infinity"} / {@code "-Infinity"} and read
     * back as the double.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public static final class State implements Serializable {

        private static final long serialVersionUID = 1L;

        private static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

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
        @JsonProperty("best")
        private final double best;
        @JsonProperty("numBadEpochs")
        private final int numBadEpochs;
        @JsonProperty("cooldownCounter")
        private final int cooldownCounter;
        @JsonProperty("lastEpoch")
        private final long lastEpoch;
        @JsonProperty("numReductions")
        private final long numReductions;

        /**
         * @param mode            not null
         * @param factor          in (0, 1)
         * @param patience        {@code >= 0}
         * @param threshold       finite, {@code >= 0}
         * @param thresholdMode   not null
         * @param cooldown        {@code >= 0}
         * @param minValue        finite, {@code >= 0}
         * @param eps             finite, {@code >= 0}
         * @param nanPolicy       not null
         * @param best            finite, or the starting value (+Infinity for MIN, -Infinity for MAX); not NaN
         * @param numBadEpochs    in [0, patience]
         * @param cooldownCounter in [0, cooldown]
         * @param lastEpoch       {@code >= 0}
         * @param numReductions   in [0, lastEpoch]
         */
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
            Checks.notNull("mode", mode);
            Checks.inOpenRange("factor", factor, 0.0, 1.0);
            Checks.nonNegative("patience", patience);
            Checks.nonNegative("threshold", threshold);
            Checks.notNull("thresholdMode", thresholdMode);
            Checks.nonNegative("cooldown", cooldown);
            Checks.nonNegative("minValue", minValue);
            Checks.nonNegative("eps", eps);
            Checks.notNull("nanPolicy", nanPolicy);
            Checks.check(Double.isFinite(best) || best == worst(mode),
                    "best must be finite or " + worst(mode) + " for mode " + mode + ", got " + best);
            Checks.check(numBadEpochs >= 0 && numBadEpochs <= patience,
                    "numBadEpochs must be in [0, " + patience + "], got " + numBadEpochs);
            Checks.check(cooldownCounter >= 0 && cooldownCounter <= cooldown,
                    "cooldownCounter must be in [0, " + cooldown + "], got " + cooldownCounter);
            Checks.check(lastEpoch >= 0, "lastEpoch must be >= 0, got " + lastEpoch);
            Checks.check(numReductions >= 0 && numReductions <= lastEpoch,
                    "numReductions must be in [0, " + lastEpoch + "], got " + numReductions);
            this.mode = mode;
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.thresholdMode = thresholdMode;
            this.cooldown = cooldown;
            this.minValue = minValue;
            this.eps = eps;
            this.nanPolicy = nanPolicy;
            this.best = best;
            this.numBadEpochs = numBadEpochs;
            this.cooldownCounter = cooldownCounter;
            this.lastEpoch = lastEpoch;
            this.numReductions = numReductions;
        }

        /** Pretty-printed JSON; infinities are written as the strings "Infinity" / "-Infinity". */
        public String toJson() {
            try {
                return MAPPER.writeValueAsString(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write PlateauPolicy.State as JSON", e);
            }
        }

        /**
         * Parses {@link #toJson()} output.
         *
         * @throws IllegalArgumentException if the JSON is malformed, has unknown/missing fields or invalid values
         */
        public static State fromJson(String json) {
            Checks.notNull("json", json);
            try {
                return MAPPER.readValue(json, State.class);
            } catch (IOException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                if (root instanceof IllegalArgumentException) {
                    throw (IllegalArgumentException) root;
                }
                throw new IllegalArgumentException("invalid PlateauPolicy.State JSON: " + e.getMessage(), e);
            }
        }

        public Mode getMode() {
            return mode;
        }

        public double getFactor() {
            return factor;
        }

        public int getPatience() {
            return patience;
        }

        public double getThreshold() {
            return threshold;
        }

        public ThresholdMode getThresholdMode() {
            return thresholdMode;
        }

        public int getCooldown() {
            return cooldown;
        }

        public double getMinValue() {
            return minValue;
        }

        public double getEps() {
            return eps;
        }

        public NanPolicy getNanPolicy() {
            return nanPolicy;
        }

        public double getBest() {
            return best;
        }

        public int getNumBadEpochs() {
            return numBadEpochs;
        }

        public int getCooldownCounter() {
            return cooldownCounter;
        }

        public long getLastEpoch() {
            return lastEpoch;
        }

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
            return mode == s.mode && Double.compare(factor, s.factor) == 0 && patience == s.patience
                    && Double.compare(threshold, s.threshold) == 0 && thresholdMode == s.thresholdMode
                    && cooldown == s.cooldown && Double.compare(minValue, s.minValue) == 0
                    && Double.compare(eps, s.eps) == 0 && nanPolicy == s.nanPolicy
                    && Double.compare(best, s.best) == 0 && numBadEpochs == s.numBadEpochs
                    && cooldownCounter == s.cooldownCounter && lastEpoch == s.lastEpoch
                    && numReductions == s.numReductions;
        }

        @Override
        public int hashCode() {
            return Objects.hash(mode, factor, patience, threshold, thresholdMode, cooldown, minValue, eps, nanPolicy,
                    best, numBadEpochs, cooldownCounter, lastEpoch, numReductions);
        }

        @Override
        public String toString() {
            return "State(mode=" + mode + ", factor=" + factor + ", patience=" + patience + ", threshold=" + threshold
                    + ", thresholdMode=" + thresholdMode + ", cooldown=" + cooldown + ", minValue=" + minValue
                    + ", eps=" + eps + ", nanPolicy=" + nanPolicy + ", best=" + best
                    + ", numBadEpochs=" + numBadEpochs + ", cooldownCounter=" + cooldownCounter
                    + ", lastEpoch=" + lastEpoch + ", numReductions=" + numReductions + ")";
        }
    }
}
