package dev.lrsched.schedules;

/**
 * The curve of a {@link WarmupStableDecaySchedule} phase, Hugging Face {@code get_wsd_schedule}'s
 * {@code warmup_type} / {@code decay_type}. With {@code p} the progress through the phase, from 0 to 1,
 * the factor (before {@code min_lr_ratio} is applied) is:
 *
 * <pre>
 *                     warmup (rises 0 -&gt; 1)       decay (falls 1 -&gt; 0)
 *   LINEAR            p                           1 - p
 *   COSINE            (1 - cos(pi * p)) / 2       (1 + cos(2 * pi * numCycles * p)) / 2
 *   ONE_MINUS_SQRT    1 - sqrt(1 - p)             1 - sqrt(p)
 * </pre>
 *
 * <p>The constant names are persisted in saved models' JSON: never rename them. {@link #hfName()} is
 * HF's string.
 */
public enum WsdShape {

    /** HF {@code "linear"}. */
    LINEAR("linear"),

    /** HF {@code "cosine"} (a decay with HF's default {@code num_cycles = 0.5} is a half cosine). */
    COSINE("cosine"),

    /** HF {@code "1-sqrt"} (Hägele et al. 2024: a fast initial drop, then a long tail). */
    ONE_MINUS_SQRT("1-sqrt");

    private final String hfName;

    WsdShape(String hfName) {
        this.hfName = hfName;
    }

    /** HF's {@code warmup_type} / {@code decay_type} string: {@code "linear"}, {@code "cosine"} or {@code "1-sqrt"}. */
    public String hfName() {
        return hfName;
    }

    /**
     * The shape for HF's string.
     *
     * @throws IllegalArgumentException for any other string, naming {@code parameter}
     */
    public static WsdShape fromHfName(String parameter, String name) {
        for (WsdShape s : values()) {
            if (s.hfName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(parameter + " must be 'linear', 'cosine' or '1-sqrt', got "
                + (name == null ? "null" : "'" + name + "'"));
    }
}
