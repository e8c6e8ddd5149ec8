package dev.lrsched.schedules.support;

import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The limit on how deeply lrsched's composite schedules ({@code ScaledSchedule}, {@code SequentialSchedule},
 * {@code WarmupSchedule}, {@code NoisySchedule}) may be nested inside one another.
 *
 * <pre>
 *   depth(leaf schedule) = 0              (every non-composite schedule, lrsched's or ND4J's)
 *   depth(composite)     = 1 + max(depth(child) for each wrapped schedule)
 *   every composite must have depth &lt;= MAX_DEPTH = 64
 * </pre>
 *
 * <p>Real configurations nest a handful of levels (a warmup around a sequence of phases, scaled by a
 * plateau listener: 3). The limit exists so that no configuration, built in Java or read from JSON, can make
 * {@code valueAt}, {@code equals}, {@code hashCode}, {@code toString} or Jackson's recursive descent throw
 * {@link StackOverflowError}. The composites' constructors call {@link #checkDepth}; JSON reading enforces the
 * same limit while it descends (see {@link StrictJson}), before any constructor runs.
 *
 * <p>Usage: {@code ScheduleNesting.checkDepth("WarmupSchedule", schedule)} in a composite's constructor.
 */
public final class ScheduleNesting {

    /** The largest allowed nesting depth of composite schedules (see the class comment for the definition). */
    public static final int MAX_DEPTH = 64;

    private ScheduleNesting() {
    }

    /**
     * The depth of a composite that wraps {@code child}: {@code 1 + depth(child)}.
     *
     * @throws IllegalArgumentException if it exceeds {@link #MAX_DEPTH}
     */
    public static int checkDepth(String composite, ISchedule child) {
        return checkDepth(composite, Collections.singletonList(child));
    }

    /**
     * The depth of a composite that wraps {@code children}: {@code 1 + max depth(child)}.
     *
     * @throws IllegalArgumentException if it exceeds {@link #MAX_DEPTH}
     */
    public static int checkDepth(String composite, Collection<? extends ISchedule> children) {
        int max = 0;
        for (ISchedule child : children) {
            max = Math.max(max, depth(child));
            if (max >= MAX_DEPTH) {
                break;
            }
        }
        int depth = max + 1;
        if (depth > MAX_DEPTH) {
            throw tooDeep(composite, depth);
        }
        return depth;
    }

    /**
     * The nesting depth of {@code schedule} (0 for a leaf), counted without recursion; a depth above
     * {@link #MAX_DEPTH} is reported as {@code MAX_DEPTH + 1}.
     */
    public static int depth(ISchedule schedule) {
        Deque<ISchedule> nodes = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        int max = 0;
        nodes.push(schedule);
        levels.push(0);
        while (!nodes.isEmpty()) {
            ISchedule node = nodes.pop();
            int level = levels.pop();
            Collection<ISchedule> children = children(node);
            if (children.isEmpty()) {
                continue;
            }
            int depth = level + 1;
            if (depth > MAX_DEPTH) {
                return MAX_DEPTH + 1;
            }
            max = Math.max(max, depth);
            for (ISchedule child : children) {
                nodes.push(child);
                levels.push(depth);
            }
        }
        return max;
    }

    /** The message of a nesting depth above the limit; the same for Java construction and JSON reading. */
    static IllegalArgumentException tooDeep(String composite, int depth) {
        return new IllegalArgumentException("Composite schedules must be nested at most ScheduleNesting.MAX_DEPTH = "
                + MAX_DEPTH + " deep (ScaledSchedule, SequentialSchedule, WarmupSchedule and NoisySchedule inside one "
                + "another). Received: nesting depth " + (depth > MAX_DEPTH + 1 ? "> " + MAX_DEPTH : String.valueOf(depth))
                + " at " + composite);
    }

    /** The schedules a composite wraps; empty for every other schedule. Add new composite classes here. */
    private static Collection<ISchedule> children(ISchedule s) {
        if (s instanceof ScaledSchedule) {
            return Collections.singletonList(((ScaledSchedule) s).getSchedule());
        }
        if (s instanceof WarmupSchedule) {
            return Collections.singletonList(((WarmupSchedule) s).getSchedule());
        }
        if (s instanceof NoisySchedule) {
            return Collections.singletonList(((NoisySchedule) s).getSchedule());
        }
        if (s instanceof SequentialSchedule) {
            return ((SequentialSchedule) s).getSchedules();
        }
        return Collections.emptyList();
    }
}
