package dev.lrsched.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Issue 17 (untrusted input) and issue 16 (allocation): bounded length and nesting, linear-time
 * rejection, no StackOverflowError, and an allocation-free {@code valueAt}. Timings are generous
 * preemptive timeouts against hangs, not performance asserts (those are JMH's job).
 */
class LambdaScheduleLimitsTest {

    private static final Duration FAST = Duration.ofSeconds(2);

    private static LambdaSchedule lambda(String expression) {
        return new LambdaSchedule(ScheduleType.ITERATION, 0.1, expression);
    }

    @Test
    void aHundredThousandCharacterIdentifierIsRejectedFast() {
        // exp4j took > 2 s here: it tried every prefix of the word as a name (quadratic).
        String text = "a".repeat(100_000);
        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> lambda(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expression \"" + "a".repeat(80) + "...\" (100000 characters) is longer than the limit"
                        + " of 4096 characters"));
    }

    @Test
    void aMillionCharacterExpressionIsRejectedFast() {
        String text = "1+".repeat(500_000) + "1";
        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> lambda(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(1000001 characters) is longer than the limit of 4096 characters"));
    }

    @Test
    void withinTheLengthLimitTheWorstCasesAreFastToo() {
        assertTimeoutPreemptively(FAST, () -> {
            assertThatThrownBy(() -> lambda("a".repeat(4096))).hasMessageContaining("uses unknown variable or function 'aaa");
            assertThatThrownBy(() -> lambda("epoch" + "x".repeat(4091))).hasMessageContaining("function 'epochxxx");
            // 4096 e's: e * e * ... (exp4j reads the longest known name), Infinity at iteration 0.
            assertThatThrownBy(() -> lambda("e".repeat(4096))).hasMessageEndingWith("got Infinity");
            // 1024 multiplications: a left-deep tree, evaluated without trouble.
            assertThat(lambda("step".repeat(1024)).valueAt(1, 0)).isEqualTo(0.1);
            assertThat(lambda("1+".repeat(2047) + "1").valueAt(0, 0)).isEqualTo(204.8);
        });
    }

    @Test
    void exactlyTheLengthLimitIsAccepted() {
        String text = " ".repeat(4095) + "1";
        assertThat(lambda(text).valueAt(0, 0)).isEqualTo(0.1);
        assertThatThrownBy(() -> lambda(" " + text)).hasMessageEndingWith("(4097 characters) is longer than the limit of 4096 characters");
    }

    @Test
    void aHundredThousandNestedParenthesesAreAnIllegalArgumentNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThat(onSmallStack(() -> lambda(deep))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is longer than the limit of 4096 characters");
    }

    @Test
    void nestingWithinTheLengthLimitIsBoundedBeforeRecursing() {
        String tooDeep = "(".repeat(2000) + "1" + ")".repeat(2000);
        assertThat(onSmallStack(() -> lambda(tooDeep))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("cannot be parsed: it nests deeper than the limit of 64 levels at position 64"
                        + " (each parenthesis, function argument, sign and ^ adds a level)");
        for (String other : new String[] {"-".repeat(4000) + "1", "2^".repeat(2000) + "1", "sin ".repeat(1000) + "1",
                "abs(".repeat(800) + "1" + ")".repeat(800), "min(1, ".repeat(500) + "1" + ")".repeat(500)}) {
            assertThat(onSmallStack(() -> lambda(other))).as(other.substring(0, 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it nests deeper than the limit of 64 levels");
        }
    }

    @Test
    void sixtyFourLevelsAreAllowed() {
        assertThat(lambda("(".repeat(64) + "1" + ")".repeat(64)).valueAt(0, 0)).isEqualTo(0.1);
        assertThat(lambda("-".repeat(64) + "1").valueAt(0, 0)).isEqualTo(0.1);
        assertThatThrownBy(() -> lambda("(".repeat(65) + "1" + ")".repeat(65)))
                .hasMessageContaining("nests deeper than the limit of 64 levels at position 64");
    }

    @Test
    void valueAtAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LambdaSchedule s = new LambdaSchedule(ScheduleType.ITERATION, 0.1,
                "min(1, step / 500) * 0.5 * (1 + cos(pi * step / 30000)) + 0 * (epoch % 7 + log(1 + iteration))");
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += s.valueAt(i, i / 100); // warm up (the interpreter allocates nothing either)
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 100_000; i++) {
            sum += s.valueAt(i, i / 100);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(sum).isPositive();
        // exp4j: 160-380 bytes a call; the allowance covers the measurement's own few objects.
        assertThat(allocated).as("bytes allocated by 100,000 calls").isLessThan(10_000);
    }

    /** Runs {@code body} on a thread with a 256 KB stack; returns what it threw (an Error counts). */
    private static Throwable onSmallStack(Runnable body) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        try {
            t.join(FAST.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(t.isAlive()).as("still parsing after 10 s").isFalse();
        return thrown.get();
    }
}
