package dev.lrsched.schedules;

/**
 * What a finite schedule ({@link CosineAnnealingSchedule}, {@link WarmupCosineSchedule}) does after its
 * last step.
 *
 * <p>The constant names are persisted in saved models' JSON (field {@code "afterEnd"}): never rename them.
 * A configuration saved before the field existed has no {@code "afterEnd"} and loads as {@link #HOLD}.
 */
public enum AfterEnd {

    /**
     * Hold the final value forever (the default): Keras {@code CosineDecay}, which clamps the step at
     * {@code decay_steps}.
     */
    HOLD,

    /**
     * Keep evaluating the closed form past the end, as PyTorch {@code CosineAnnealingLR} and Hugging Face
     * {@code get_cosine_schedule_with_warmup} do: the cosine turns and rises back to its peak, period
     * after period. Nothing is clamped that the reference does not clamp; the value stays between the
     * schedule's minimum and peak.
     */
    EXTRAPOLATE
}
