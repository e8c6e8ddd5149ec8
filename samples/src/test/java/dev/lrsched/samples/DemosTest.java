package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.Schedules;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;

/** The demos' training code really trains, with the learning rates they print. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemosTest {

    @Test
    void mainDemoRunRecordsTheScheduleLrPerEpochAndLearnsTheSpirals() {
        SyntheticData.Split split = SyntheticData.split(SyntheticData.spirals(300, 3, 0.2, 7), 0.75, 7);
        List<DataSet> train = split.train().batchBy(MainDemo.BATCH);
        int perEpoch = train.size();
        int total = MainDemo.EPOCHS * perEpoch;
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(new ListDataSetIterator<>(split.validation().batchBy(128), 1), Metric.LOSS)
                .factor(0.5).patience(3).build();
        MainDemo.Run run = MainDemo.train("t", new Adam(Schedules.warmupCosine(ScheduleType.ITERATION,
                0.001, 0.01, 0.0001, 2 * perEpoch, total)), plateau, split, train);

        assertThat(run.lrs()).hasSize(MainDemo.EPOCHS);
        assertThat(run.lrs()[0]).isEqualTo(0.001);                 // warmup start, epoch 1 begins at iteration 0
        assertThat(run.lrs()[2]).isEqualTo(0.01);                  // warmup ends after 2 epochs
        assertThat(run.valAcc()[MainDemo.EPOCHS - 1]).isGreaterThan(0.9);
        assertThat(run.reductions()).isEqualTo(plateau.getNumReductions());
        assertThat(plateau.getHistory()).hasSize(MainDemo.EPOCHS);   // one evaluation per epoch
        // the chart's per-iteration LR comes from the LearningRateMonitor: every update, x in epochs
        assertThat(run.lrY()).hasSize(total).startsWith(0.001);
        assertThat(run.lrX()[perEpoch]).isEqualTo(1.0);
        assertThat(run.lrY()[2 * perEpoch]).isEqualTo(0.01);
        // reductions are marked at the end of the epoch whose evaluation reduced (1-based epoch numbers)
        assertThat(run.reductionEpochs()).containsExactly(plateau.getHistory().stream().filter(s -> s.isReduced())
                .mapToDouble(s -> s.getEvaluation()).toArray());
    }

    @Test
    void seedArticleRunEndsAtTheScheduledLrAndLearns() {
        SyntheticData.Split split = SyntheticData.split(
                SeedArticleDemo.binaryLabels(SyntheticData.ionosphereShaped(2024)), 0.7, 42);
        double[] r = SeedArticleDemo.run(new LinearSchedule(ScheduleType.EPOCH, 0.1, 1.0, 0.5, 30), split);
        assertThat(r[0]).isEqualTo(0.05);           // LinearLR(1.0 -> 0.5, 30) after 50 epochs
        assertThat(r[2]).isGreaterThan(0.8);
    }
}
