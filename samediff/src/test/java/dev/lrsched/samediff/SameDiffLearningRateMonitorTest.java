package dev.lrsched.samediff;

import static dev.lrsched.samediff.SameDiffTestNets.classifier;
import static dev.lrsched.samediff.SameDiffTestNets.train;
import static dev.lrsched.samediff.SameDiffTestNets.validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lrsched.listeners.LearningRateRecord;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.samediff.AppliedLearningRates.Step;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * SameDiff 1.0.0-M2.1 on CPU, 3 iterations per epoch: every recorded learning rate is checked against the one the
 * step applied, recovered from the parameter delta and the gradient ({@link AppliedLearningRates}, Sgd).
 */
@Timeout(120)
class SameDiffLearningRateMonitorTest {

    private static final ISchedule ITERATION_SCHEDULE = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.4, 0.1, 12);
    private static final ISchedule EPOCH_SCHEDULE = new StepSchedule(ScheduleType.EPOCH, 0.4, 0.7, 1);

    @TempDir
    File tmp;

    @Test
    void everyIterationRecordsTheLearningRateEachStepApplied() {
        for (ISchedule schedule : List.of(ITERATION_SCHEDULE, EPOCH_SCHEDULE)) {
            SameDiff sd = classifier(new Sgd(schedule));
            AppliedLearningRates applied = new AppliedLearningRates(sd);
            SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().everyIterations(1).build();
            SameDiffLearningRateMonitor perVariable = SameDiffLearningRateMonitor.builder().everyIterations(1)
                    .perVariable(true).build();
            sd.fit(train(), 4, applied, monitor, perVariable);

            List<Step> steps = applied.steps();
            assertThat(monitor.getRecords()).hasSize(12);
            assertThat(perVariable.getRecords()).hasSize(12);
            for (int i = 0; i < 12; i++) {
                Step s = steps.get(i);
                LearningRateRecord r = monitor.getRecords().get(i);
                assertThat(r.getKeys()).containsExactly(SameDiffLearningRateMonitor.LR_KEY);
                assertThat(List.of(r.getIteration(), r.getEpoch())).isEqualTo(List.of(s.iteration(), s.epoch()));
                assertThat(r.get("lr")).as("%s at %s", schedule, s).isCloseTo(s.learningRate(), within(1e-12));
                LearningRateRecord v = perVariable.getRecords().get(i);
                assertThat(v.getKeys()).containsExactly("lr-b", "lr-w");
                assertThat(v.get("lr-w")).isCloseTo(s.byVariable().get("w"), within(1e-12));
                assertThat(v.get("lr-b")).isCloseTo(s.byVariable().get("b"), within(1e-12));
            }
            assertThat(steps.get(11).learningRate()).as("the schedule moves").isLessThan(steps.get(0).learningRate() / 2);
        }
    }

    @Test
    void everyEpochRecordsTheFirstUpdateOfEachEpoch() {
        SameDiff sd = classifier(new Sgd(EPOCH_SCHEDULE));
        AppliedLearningRates applied = new AppliedLearningRates(sd);
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().build();
        sd.fit(train(), 4, applied, monitor);
        assertThat(monitor.getRecords()).extracting(LearningRateRecord::getIteration).containsExactly(0, 3, 6, 9);
        assertThat(monitor.getRecords()).extracting(LearningRateRecord::getEpoch).containsExactly(0, 1, 2, 3);
        for (LearningRateRecord r : monitor.getRecords()) {
            assertThat(r.get("lr")).isCloseTo(applied.steps().get(r.getIteration()).learningRate(), within(1e-12));
        }
    }

    @Test
    void aPlateauReductionIsRecordedAsAppliedAndMarked() {
        SameDiff sd = classifier(new Sgd(EPOCH_SCHEDULE));
        AppliedLearningRates applied = new AppliedLearningRates(sd);
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(validation())
                .factor(0.5).patience(0).threshold(0.03).build();
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().markReductionsOf(plateau).build();
        SameDiffLearningRateMonitor every = SameDiffLearningRateMonitor.builder().everyIterations(1).build();
        sd.fit(train(), 8, plateau, applied, monitor, every);

        List<PlateauStep> reduced = plateau.getHistory().stream().filter(PlateauStep::isReduced).toList();
        assertThat(reduced).as("a run with reductions to check").hasSizeGreaterThanOrEqualTo(2);
        assertThat(monitor.getReductions()).hasSize(reduced.size());
        List<Integer> flagged = monitor.getRecords().stream().filter(LearningRateRecord::isAfterReduction)
                .map(LearningRateRecord::getEpoch).toList();
        assertThat(flagged).as("the first update after each reduction (none after the last epoch's)")
                .isEqualTo(reduced.stream().map(p -> p.getEpoch() + 1).filter(e -> e < 8).toList()).isNotEmpty();
        assertThat(monitor.getRecords()).hasSize(8);
        for (LearningRateRecord r : every.getRecords()) {
            Step s = applied.steps().get(r.getIteration());
            assertThat(r.get("lr")).as("%s", r).isCloseTo(s.learningRate(), within(1e-12));
        }
        LearningRateRecord last = monitor.getRecords().get(7);
        assertThat(last.get("lr")).as("the reduced rate, not the schedule's")
                .isCloseTo(Math.pow(0.5, reduced.stream().filter(p -> p.getEpoch() < 7).count()) * EPOCH_SCHEDULE.valueAt(last.getIteration(), 7), within(1e-15))
                .isCloseTo(applied.steps().get(last.getIteration()).learningRate(), within(1e-12));
    }

    @Test
    void anUpdaterReplacedAfterTrainingStartedIsNotWhatIsRecorded() {
        SameDiff sd = classifier(new Sgd(0.1));
        sd.fit(train(), 1);
        sd.getTrainingConfig().setUpdater(new Sgd(0.2));        // the running updaters keep the old Sgd(0.1)
        AppliedLearningRates applied = new AppliedLearningRates(sd);
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().everyIterations(1).build();
        sd.fit(train(), 1, applied, monitor);
        assertThat(applied.steps()).allSatisfy(s -> assertThat(s.learningRate()).isCloseTo(0.1, within(1e-12)));
        assertThat(monitor.getRecords()).hasSize(3).allSatisfy(r -> assertThat(r.get("lr")).isEqualTo(0.1));
    }

    @Test
    void variablesAtDifferentRatesNeedPerVariable() {
        SameDiff sd = classifier(new Sgd(0.1));
        sd.fit(train(), 1);
        Sgd other = new Sgd(0.3);
        sd.getUpdaterMap().put("b", other.instantiate((org.nd4j.linalg.api.ndarray.INDArray) null, false));
        AppliedLearningRates applied = new AppliedLearningRates(sd);
        SameDiffLearningRateMonitor perVariable = SameDiffLearningRateMonitor.builder().perVariable(true).build();
        sd.fit(train(), 1, applied, perVariable);
        LearningRateRecord r = perVariable.getRecords().get(0);
        assertThat(r.get("lr-w")).isEqualTo(0.1).isCloseTo(applied.steps().get(0).byVariable().get("w"), within(1e-12));
        assertThat(r.get("lr-b")).isEqualTo(0.3).isCloseTo(applied.steps().get(0).byVariable().get("b"), within(1e-12));

        SameDiffLearningRateMonitor one = SameDiffLearningRateMonitor.builder().build();
        assertThatThrownBy(() -> sd.fit(train(), 1, one)).isInstanceOf(IllegalStateException.class)
                .hasMessage("SameDiffLearningRateMonitor: variables train at different learning rates ('b' 0.3,"
                        + " 'w' 0.1); use perVariable(true) to record each");
    }

    @Test
    void momentumCsvAndMisconfigurations() throws Exception {
        SameDiff sd = classifier(new Nesterovs(0.05, 0.8));
        Path csv = tmp.toPath().resolve("out/lr.csv");
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().logMomentum(true).csv(csv).build();
        sd.fit(train(), 2, monitor);
        assertThat(Files.readAllLines(csv)).containsExactly("iteration,epoch,lr,lr-momentum,plateau_reduction",
                "0,0,0.05,0.8,0", "3,1,0.05,0.8,0");
        assertThat(monitor.toString()).isEqualTo("SameDiffLearningRateMonitor(every epoch, logMomentum=true,"
                + " perVariable=false, records=2, reductions=0)");

        SameDiffLearningRateMonitor adam = SameDiffLearningRateMonitor.builder().logMomentum(true).build();
        classifier(new Adam(1e-3)).fit(train(), 1, adam);
        assertThat(adam.getRecords().get(0).getValues()).containsExactly(java.util.Map.entry("lr", 1e-3),
                java.util.Map.entry("lr-beta1", 0.9));

        assertThatThrownBy(() -> classifier(new AdaDelta()).fit(train(), 1, SameDiffLearningRateMonitor.builder().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SameDiffLearningRateMonitor: the updater AdaDelta(")
                .hasMessageEndingWith("of variable 'b' has no learning rate (AdaDelta and NoOp have none); there is"
                        + " nothing to monitor");
        assertThatThrownBy(() -> SameDiffLearningRateMonitor.builder().everyIterations(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("everyIterations");
    }
}
