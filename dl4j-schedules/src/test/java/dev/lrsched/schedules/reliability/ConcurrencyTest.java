package dev.lrsched.schedules.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Specification: a schedule is immutable and safe to share. One instance of every schedule class
 * (ScheduleExamples) is evaluated from 8 threads at once, each thread walking the counters in a
 * different order; every value equals the single-threaded value bit for bit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int STEPS = 400;

    private static int counter(int k) {
        // small steps, then some far out (including wrapped, negative ints)
        return k < 300 ? k : (k - 300) * 21_474_836 * 3;
    }

    @Test
    void oneSharedInstanceOfEveryScheduleClassGivesTheSingleThreadedValuesUnderContention() throws Exception {
        Map<String, ISchedule> all = ScheduleExamples.all();
        List<ISchedule> schedules = new ArrayList<>(all.values());
        double[][][] expected = new double[schedules.size()][STEPS][STEPS / 20];
        for (int s = 0; s < schedules.size(); s++) {
            for (int i = 0; i < STEPS; i++) {
                for (int e = 0; e < STEPS / 20; e++) {
                    expected[s][i][e] = schedules.get(s).valueAt(counter(i), e);
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int th = 0; th < THREADS; th++) {
                int offset = th * 37;
                boolean reverse = th % 2 == 1;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < 3; round++) {
                        for (int k = 0; k < STEPS; k++) {
                            int i = (reverse ? STEPS - 1 - k : k + offset) % STEPS;
                            for (int s = 0; s < schedules.size(); s++) {
                                for (int e = 0; e < STEPS / 20; e++) {
                                    double v = schedules.get(s).valueAt(counter(i), e);
                                    if (Double.compare(v, expected[s][i][e]) != 0) {
                                        throw new AssertionError(schedules.get(s) + " at (" + counter(i) + ", " + e
                                                + "): " + v + " != " + expected[s][i][e]);
                                    }
                                    checked++;
                                }
                            }
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Integer> f : results) {
                total += f.get(25, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo((long) THREADS * 3 * STEPS * schedules.size() * (STEPS / 20));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cloneReturnsAnEqualInstanceSoDl4jLayersShareValueEqualSchedules() {
        for (ISchedule s : ScheduleExamples.all().values()) {
            assertThat(s.clone()).isEqualTo(s).hasSameHashCodeAs(s);
        }
    }
}
