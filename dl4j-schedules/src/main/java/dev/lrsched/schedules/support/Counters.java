package dev.lrsched.schedules.support;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How lrsched schedules read DL4J's counters (see the {@linkplain dev.lrsched.schedules.support package} for who may use it).
 *
 * <p>DL4J keeps the iteration and epoch counts as {@code int} fields of the network configuration
 * and increments them with {@code ++}: a run longer than {@link Integer#MAX_VALUE} iterations wraps
 * to negative numbers. lrsched reads both counters as <em>unsigned</em> 32-bit values, so such a
 * run continues at 2<sup>31</sup>, 2<sup>31</sup>+1, ... instead of jumping back to a negative step.
 * Schedules therefore never see a negative counter and are total functions of any {@code int} pair.
 */
public final class Counters {

    private Counters() {
    }

    /** The counter selected by {@code type}, read as an unsigned 32-bit number. */
    public static long step(ScheduleType type, int iteration, int epoch) {
        return Integer.toUnsignedLong(type == ScheduleType.EPOCH ? epoch : iteration);
    }

    /** An {@code int} counter read as unsigned. */
    public static long unsigned(int counter) {
        return Integer.toUnsignedLong(counter);
    }

    /**
     * Converts a non-negative step back to DL4J's {@code int} representation (the inverse of
     * {@link #unsigned(int)}). Steps beyond 2<sup>32</sup>-1 saturate at the largest unsigned
     * counter, which a wrapped schedule reads as 4294967295.
     */
    public static int toCounter(long step) {
        if (step <= 0) {
            return 0;
        }
        return (int) Math.min(step, 0xFFFF_FFFFL);
    }

    /**
     * Evaluates {@code schedule} with the counter that {@code type} selects replaced by {@code step}
     * (a local step, >= 0); the other counter is passed through unchanged. This is how composite
     * schedules (warmup, sequential) give a wrapped schedule its own zero. Allocation-free.
     */
    public static double valueAtStep(ISchedule schedule, ScheduleType type, int iteration, int epoch, long step) {
        // Below 2^31 every schedule reads the int the same way. Past it, schedules marked ReadsUnsignedCounters read the counter
        // unsigned and continue; any other schedule (ND4J's StepSchedule, ExponentialSchedule, ...) reads it
        // signed and would see a negative step (gamma^-n overflows to Infinity), so it is held at
        // Integer.MAX_VALUE instead. The class test runs only in that rare case, not on every call.
        int c;
        if (step <= 0) {
            c = 0;
        } else if (step <= Integer.MAX_VALUE) {
            c = (int) step;
        } else {
            c = readsUnsigned(schedule) ? toCounter(step) : Integer.MAX_VALUE;
        }
        return type == ScheduleType.EPOCH ? schedule.valueAt(iteration, c) : schedule.valueAt(c, epoch);
    }

    /** Whether {@code schedule} declares that it reads counters unsigned. Allocation-free. */
    private static boolean readsUnsigned(ISchedule schedule) {
        return schedule instanceof ReadsUnsignedCounters;
    }
}
