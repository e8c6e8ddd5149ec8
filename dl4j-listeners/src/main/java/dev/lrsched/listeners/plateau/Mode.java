package dev.lrsched.listeners.plateau;

/**
 * Which way the monitored metric should go: PyTorch's and Keras' {@code mode}. The one direction type of
 * lrsched's plateau code, used by {@link PlateauSettings}, {@link PlateauPolicy} and every front end.
 */
public enum Mode {
    /**
     * Take the direction from the metric source ({@code MIN} for a loss, {@code MAX} for accuracy, a DL4J
     * {@code ScoreCalculator}'s {@code minimizeScore()}). A front end resolves it once, when it is built, with
     * {@link #resolve(Mode)}; a {@link PlateauPolicy} only accepts {@code MIN} or {@code MAX}. Unlike Keras'
     * {@code mode='auto'}, nothing is guessed from a metric's name.
     */
    AUTO,
    /** Smaller is better (a loss, MSE): torch {@code mode='min'}. */
    MIN,
    /** Larger is better (accuracy, AUC, R2): torch {@code mode='max'}. */
    MAX;

    /**
     * This direction, or {@code source} if this is {@link #AUTO}.
     *
     * @param source the metric source's direction; {@code MIN} or {@code MAX}
     */
    public Mode resolve(Mode source) {
        if (this != AUTO) {
            return this;
        }
        if (source != MIN && source != MAX) {
            throw new IllegalArgumentException("source must be MIN or MAX, got " + source);
        }
        return source;
    }

    /** {@code MIN} if {@code minimize}, else {@code MAX}. */
    public static Mode of(boolean minimize) {
        return minimize ? MIN : MAX;
    }
}
