package dev.lrsched.schedules.support;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Marks an {@link ISchedule} that reads DL4J's {@code int} iteration and epoch counters as
 * <em>unsigned</em> 32-bit numbers (see {@link Counters#step}), so that a counter past
 * {@link Integer#MAX_VALUE} (which DL4J's {@code ++} wraps to a negative {@code int}) continues at
 * 2<sup>31</sup>, 2<sup>31</sup>+1, ...
 *
 * <p>Composite schedules ({@code WarmupSchedule}, {@code SequentialSchedule}, {@code ScaledSchedule})
 * hand a wrapped schedule its own local step. Past 2<sup>31</sup> they can pass that step on as a
 * wrapped {@code int} only to a schedule that implements this interface; any other schedule (ND4J's
 * {@code StepSchedule}, {@code ExponentialSchedule}, ...) reads the {@code int} signed and is held at
 * {@code Integer.MAX_VALUE} instead ({@link Counters#valueAtStep}).
 *
 * <p>Every schedule in {@code dev.lrsched.schedules} implements it; implement it in your own schedule
 * only if its {@code valueAt} really reads both counters with {@link Counters#unsigned(int)}.
 */
public interface ReadsUnsignedCounters extends ISchedule {
}
