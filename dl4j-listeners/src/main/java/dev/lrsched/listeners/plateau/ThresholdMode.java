package dev.lrsched.listeners.plateau;

/**
 * How {@link PlateauSettings#getThreshold() threshold} defines a significant improvement: PyTorch's
 * {@code threshold_mode}. The comparisons are written out in {@link PlateauPolicy}.
 */
public enum ThresholdMode {
    /** Relative to the best value so far (torch {@code 'rel'}, the default). */
    REL,
    /** An absolute difference (torch {@code 'abs'}; Keras' {@code min_delta} is always absolute). */
    ABS
}
