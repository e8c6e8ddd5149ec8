package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * What DL4J's training UI charts as "Parameter Learning Rates" is the lrsched schedule, scaled by the plateau
 * reduction: read back from the {@code StatsStorage} the UI server would display (no server started here).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrainingUiDemoTest {

    /** A validation "loss" scripted so the third evaluation (end of epoch index 2) is worse: one reduction there. */
    static final class Scripted implements ScoreCalculator<Model> {
        private static final long serialVersionUID = 1L;
        private int calls;

        @Override
        public double calculateScore(Model network) {
            int i = calls++;
            return i == 2 ? 5.0 : 1.0 - 0.01 * i;
        }

        @Override
        public boolean minimizeScore() {
            return true;
        }
    }

    @Test
    void theStatsStorageRecordsTheScheduleTimesThePlateauFactorAtEveryReportedIteration() throws Exception {
        SyntheticData.Split split = TrainingUiDemo.data();
        int perEpoch = split.train().batchBy(TrainingUiDemo.BATCH).size();
        int epochs = 6;
        int warmupEnd = TrainingUiDemo.WARMUP_EPOCHS * perEpoch;
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder().scoreCalculator(new Scripted())
                .factor(0.5).patience(0).build();
        StatsStorage storage = new InMemoryStatsStorage();
        // a report every iteration, learning rates only (the demo collects everything, every 2nd iteration)
        StatsUpdateConfiguration lrOnly = new DefaultStatsUpdateConfiguration.Builder().reportingFrequency(1)
                .collectPerformanceStats(false).collectMemoryStats(false).collectGarbageCollectionStats(false)
                .collectHistogramsParameters(false).collectHistogramsGradients(false).collectHistogramsUpdates(false)
                .collectHistogramsActivations(false).collectMeanParameters(false).collectMeanGradients(false)
                .collectMeanUpdates(false).collectMeanActivations(false).collectStdevParameters(false)
                .collectStdevGradients(false).collectStdevUpdates(false).collectStdevActivations(false)
                .collectMeanMagnitudesParameters(false).collectMeanMagnitudesGradients(false)
                .collectMeanMagnitudesUpdates(false).collectMeanMagnitudesActivations(false)
                .collectLearningRates(true).build();
        TrainingUiDemo.train(split, plateau, new StatsListener(storage, null, lrOnly, null, null), epochs);

        assertThat(plateau.getNumReductions()).isEqualTo(1);
        int reducedFrom = 3 * perEpoch; // the reduction at the end of epoch index 2 applies from the next update on
        assertThat(plateau.getHistory().get(2).getIteration()).isEqualTo(reducedFrom);
        ISchedule schedule = TrainingUiDemo.schedule(perEpoch);

        Map<Integer, Map<String, Double>> lrsByIteration = reportedLearningRates(storage);
        // InMemoryStatsStorage keys reports by their millisecond: iterations within one millisecond overwrite each
        // other, so some may be missing; every segment of the staircase must be there
        assertThat(lrsByIteration.size()).isGreaterThan(epochs * perEpoch / 2);
        for (int[] segment : new int[][] {{0, warmupEnd}, {warmupEnd, reducedFrom}, {reducedFrom, epochs * perEpoch}}) {
            assertThat(lrsByIteration.keySet()).as("a report in [%s, %s)", segment[0], segment[1])
                    .anySatisfy(it -> assertThat(it).isBetween(segment[0], segment[1] - 1));
        }
        for (Map.Entry<Integer, Map<String, Double>> e : lrsByIteration.entrySet()) {
            int it = e.getKey();
            double expected = (it >= reducedFrom ? 0.5 : 1.0) * schedule.valueAt(it, 0);
            assertThat(e.getValue()).as("iteration %s", it).containsOnlyKeys("0_W", "0_b", "1_W", "1_b", "2_W", "2_b");
            for (Map.Entry<String, Double> lr : e.getValue().entrySet()) {
                assertThat(lr.getValue()).as("iteration %s %s", it, lr.getKey()).isEqualTo(expected);
            }
        }
        // the schedule's own points: the warmup start and the peak
        assertThat(lrsByIteration.get(0).get("0_W")).isEqualTo(TrainingUiDemo.PEAK_LR / 10);
        assertThat(schedule.valueAt(warmupEnd, 0)).isEqualTo(TrainingUiDemo.PEAK_LR);
        storage.close();
    }

    /** iteration -> parameter -> learning rate, from every StatsListener report in the storage. */
    static Map<Integer, Map<String, Double>> reportedLearningRates(StatsStorage storage) {
        assertThat(storage.listSessionIDs()).hasSize(1);
        String session = storage.listSessionIDs().get(0);
        Map<Integer, Map<String, Double>> out = new TreeMap<>();
        for (Persistable p : storage.getAllUpdatesAfter(session, StatsListener.TYPE_ID, 0)) {
            StatsReport r = (StatsReport) p;
            assertThat(r.hasLearningRates()).isTrue();
            out.put(r.getIterationCount(), r.getLearningRates());
        }
        return out;
    }
}
