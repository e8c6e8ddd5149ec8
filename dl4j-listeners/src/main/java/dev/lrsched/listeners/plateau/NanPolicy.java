package dev.lrsched.listeners.plateau;

/**
 * What a non-finite metric (NaN, +Infinity, -Infinity) does to a {@link PlateauPolicy}. In both cases it never
 * becomes the best value; see the policy's class comment for how this differs from PyTorch.
 */
public enum NanPolicy {
    /** Count it as a bad step, so a diverged run is reduced after {@code patience} steps (the default). */
    COUNT_AS_BAD,
    /** Throw {@link IllegalStateException} naming the step; the policy's state is left unchanged. */
    FAIL
}
