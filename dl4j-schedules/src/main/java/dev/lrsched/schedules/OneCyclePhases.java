package dev.lrsched.schedules;

import java.io.Serializable;

/**
 * The phases of torch {@code OneCycleLR} with their interpolation constants precomputed, shared by
 * {@link OneCycleSchedule} (learning rate) and {@link OneCycleMomentumSchedule} (momentum). Internal:
 * built by their constructors, never serialized to JSON, not part of their {@code equals}/{@code hashCode}.
 *
 * <pre>
 *   phase 1: [0, end1],     pct = t / end1                   (torch: (t - 0) / (end1 - 0))
 *   phase 2: (end1, end2],  pct = (t - end1) / (end2 - end1)
 *   phase 3: (end2, last],  pct = (t - end2) / (last - end2)  (two-phase schedules pass end2 = last)
 *   COS:    value = to + half * (cos(pi * pct) + 1),  half  = (from - to) / 2.0
 *   LINEAR: value = range * pct + from,               range = to - from
 * </pre>
 *
 * <p>{@code half} and {@code range} are exactly the subexpressions torch's {@code _annealing_cos} and
 * {@code _annealing_linear} (and {@link AnnealStrategy}) evaluate on every call, computed once: the
 * values are bit-identical to evaluating the torch formulas. So is {@link #finalValue}, the value at
 * {@code last}, which every later step holds.
 */
final class OneCyclePhases implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean cos;
    private final double end1;
    private final double end2;
    private final double length1;
    private final double length2;
    private final double length3;
    /** COS: the phase's {@code to}; LINEAR: its {@code from}. */
    private final double base1;
    private final double base2;
    private final double base3;
    /** COS: {@code (from - to) / 2.0}; LINEAR: {@code to - from}. */
    private final double scale1;
    private final double scale2;
    private final double scale3;
    private final double finalValue;

    /**
     * @param v0 value at step 0; {@code v1} at {@code end1}, {@code v2} at {@code end2}, {@code v3} at {@code last}
     *           (a two-phase schedule passes {@code end2 = last} and {@code v2 = v3})
     */
    OneCyclePhases(AnnealStrategy strategy, double end1, double end2, double last,
                   double v0, double v1, double v2, double v3) {
        this.cos = strategy == AnnealStrategy.COS;
        this.end1 = end1;
        this.end2 = end2;
        this.length1 = end1;
        this.length2 = end2 - end1;
        this.length3 = last - end2;
        this.base1 = base(v0, v1);
        this.base2 = base(v1, v2);
        this.base3 = base(v2, v3);
        this.scale1 = scale(v0, v1);
        this.scale2 = scale(v1, v2);
        this.scale3 = scale(v2, v3);
        this.finalValue = valueAt(last);
    }

    private double base(double from, double to) {
        return cos ? to : from;
    }

    private double scale(double from, double to) {
        return cos ? (from - to) / 2.0 : to - from;
    }

    /** The value at step {@code t}, {@code 0 <= t <= last}. */
    double valueAt(double t) {
        double pct;
        double base;
        double scale;
        if (t <= end1) {
            pct = t / length1;
            base = base1;
            scale = scale1;
        } else if (t <= end2) {
            pct = (t - end1) / length2;
            base = base2;
            scale = scale2;
        } else {
            pct = (t - end2) / length3;
            base = base3;
            scale = scale3;
        }
        double value = cos ? base + scale * (Math.cos(Math.PI * pct) + 1) : scale * pct + base;
        // between the phase's two ends before rounding; with subnormal ends torch's form can round below
        // 0 (maxValue 2.4e-320, divFactor 1e4: -4.9e-324): never hand out a negative value
        return value < 0.0 ? 0.0 : value;
    }

    /** The value at {@code last}, held by every later step. */
    double finalValue() {
        return finalValue;
    }
}
