package dev.lrsched.samediff;

import static dev.lrsched.samediff.SameDiffTestNets.classifier;
import static dev.lrsched.samediff.SameDiffTestNets.train;
import static dev.lrsched.samediff.SameDiffTestNets.validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.samediff.AppliedLearningRates.Step;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.testing.TorchPlateauRule;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** SameDiff 1.0.0-M2.1 on CPU: 3 iterations per epoch, learning rates recovered from parameter deltas. */
@Timeout(120)
class SameDiffPlateauListenerTest {

    /** Depends on both counters: cosine over iterations times a step per epoch. */
    private static final ISchedule SCHEDULE = new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION,
            0.4, 0.1, 12), 1.0);
    private static final ISchedule EPOCH_SCHEDULE = new StepSchedule(ScheduleType.EPOCH, 0.4, 0.7, 1);

    @TempDir
    File tmp;

    @Test
    void schedulesInTrainingConfigAreAppliedAtSameDiffsCounters() {
        for (ISchedule schedule : List.of(SCHEDULE, EPOCH_SCHEDULE)) {
            SameDiff plain = classifier(new Sgd(schedule));
            plain.fit(train(), 4);
            SameDiff sd = classifier(new Sgd(schedule));
            AppliedLearningRates applied = new AppliedLearningRates(sd);
            sd.fit(train(), 4, applied);
            assertThat(applied.steps()).hasSize(12).allSatisfy(s -> assertThat(s.learningRate())
                    .as("%s at %s", schedule, s).isCloseTo(schedule.valueAt(s.iteration(), s.epoch()), within(1e-12)));
            assertThat(applied.steps().get(11)).extracting(Step::iteration, Step::epoch).containsExactly(11, 3);
            assertThat(params(sd)).as("the probe leaves training as it was").isEqualTo(params(plain));
        }
    }

    @Test
    void reducesWhereTorchsRulesPutTheRecordedMetricsAndTrainsAtTheScaledSchedule() {
        SameDiff sd = classifier(new Sgd(EPOCH_SCHEDULE));
        AppliedLearningRates applied = new AppliedLearningRates(sd);
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(validation())
                .factor(0.5).patience(0).threshold(0.03).build();
        sd.setListeners(plateau);
        sd.fit(train(), 8, applied);

        List<PlateauStep> steps = plateau.getHistory();
        double[] metrics = steps.stream().mapToDouble(PlateauStep::getMetric).toArray();
        List<Integer> expected = new TorchPlateauRule(true, true, 0.03, 0, 0).reductions(metrics);
        assertThat(expected).as("a test with reductions to check").hasSizeGreaterThanOrEqualTo(2);
        assertThat(IntStream.rangeClosed(1, 8).filter(i -> steps.get(i - 1).isReduced()).boxed().toList())
                .isEqualTo(expected);
        assertThat(steps).extracting(PlateauStep::getEpoch).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        for (Step s : applied.steps()) {
            double factor = Math.pow(0.5, expected.stream().filter(r -> r <= s.epoch()).count());
            assertThat(s.learningRate()).as("%s", s).isCloseTo(factor * EPOCH_SCHEDULE.valueAt(s.iteration(), s.epoch()),
                    within(1e-12));
        }
        assertThat(((Sgd) sd.getTrainingConfig().getUpdater()).getLearningRateSchedule())
                .isEqualTo(new ScaledSchedule(EPOCH_SCHEDULE, Math.pow(0.5, expected.size())));
    }

    @Test
    void aReductionLeavesAdamsStateAsItWasBitwise() {
        SameDiff sd = classifier(new Adam(1e-2));
        sd.fit(train(), 2);
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(validation()).patience(0)
                .factor(0.5).build();
        Map<String, GradientUpdater> updaters = new HashMap<>(sd.getUpdaterMap());
        Map<String, double[]> state = adamState(sd);
        plateau.step(sd, 1.0);
        assertThat(plateau.step(sd, 1.0).isReduced()).isTrue();
        assertThat(((Adam) sd.getTrainingConfig().getUpdater()).getLearningRate()).isEqualTo(5e-3);
        assertThat(sd.getUpdaterMap()).containsExactlyInAnyOrderEntriesOf(updaters);   // the same instances
        assertThat(adamState(sd)).usingRecursiveComparison().isEqualTo(state);
        SameDiff reference = classifier(new Adam(1e-2));
        reference.fit(train(), 2);
        ((Adam) reference.getTrainingConfig().getUpdater()).setLearningRate(5e-3);
        sd.fit(train(), 1);
        reference.fit(train(), 1);
        assertThat(params(sd)).isEqualTo(params(reference));
    }

    @Test
    void savedAndLoadedRunContinuesExactlyAsTheUninterruptedOne() throws Exception {
        SameDiff full = classifier(new Adam(new StepSchedule(ScheduleType.EPOCH, 0.05, 0.9, 1)));
        SameDiffPlateauListener fullPlateau = plateau().build();
        full.setListeners(fullPlateau);
        full.fit(train(), 7);

        SameDiff first = classifier(new Adam(new StepSchedule(ScheduleType.EPOCH, 0.05, 0.9, 1)));
        SameDiffPlateauListener firstPlateau = plateau().build();
        first.setListeners(firstPlateau);
        first.fit(train(), 4);
        File f = new File(tmp, "sd.bin");
        first.save(f, true);
        String state = firstPlateau.state().toJson();

        SameDiff resumed = SameDiff.load(f, true);
        SameDiffPlateauListener resumedPlateau = plateau().restoreState(PlateauPolicy.State.fromJson(state)).build();
        resumed.setListeners(resumedPlateau);
        resumed.fit(train(), 3);

        assertThat(fullPlateau.getHistory().stream().filter(PlateauStep::isReduced).count()).isGreaterThanOrEqualTo(2);
        assertThat(firstPlateau.getNumReductions()).isPositive();
        assertThat(resumedPlateau.getHistory()).isEqualTo(fullPlateau.getHistory().subList(4, 7));
        assertThat(resumedPlateau.state()).isEqualTo(fullPlateau.state());
        assertThat(params(resumed)).isEqualTo(params(full));
        assertThat(adamState(resumed)).usingRecursiveComparison().isEqualTo(adamState(full));
        assertThat(resumed.getTrainingConfig().getUpdater()).isEqualTo(full.getTrainingConfig().getUpdater());
    }

    private static SameDiffPlateauListener.Builder plateau() {
        return SameDiffPlateauListener.builder().validationLoss(validation()).factor(0.5).patience(0).threshold(0.12);
    }

    @Test
    void fitValidationGivesTheSameMetricsAsEvaluatingTheIteratorAtEpochEnd() {
        for (Metric metric : List.of(Metric.LOSS, Metric.ACCURACY)) {
            SameDiff a = classifier(new Sgd(0.3));
            SameDiffPlateauListener fromFit = (metric == Metric.LOSS ? SameDiffPlateauListener.builder().fitValidationLoss()
                    : SameDiffPlateauListener.builder().fitValidation(metric, "out")).patience(0).build();
            a.setListeners(fromFit);          // registered on the instance: SameDiff calls it twice per activation
            a.fit(train(), 3, validation(), 1);

            SameDiff b = classifier(new Sgd(0.3));
            SameDiffPlateauListener atEnd = (metric == Metric.LOSS ? SameDiffPlateauListener.builder()
                    .validationLoss(validation()) : SameDiffPlateauListener.builder().validation(validation(), metric, "out"))
                    .patience(0).build();
            b.fit(train(), 3, atEnd);

            assertThat(fromFit.getMode()).isEqualTo(metric.direction());
            assertThat(fromFit.getHistory()).as("%s", metric).isEqualTo(atEnd.getHistory());
            assertThat(params(a)).isEqualTo(params(b));
        }
    }

    @Test
    void validationLossIsThePerExampleMeanOfTheLossVariable() {
        SameDiff sd = classifier(new Sgd(0.1));
        List<DataSet> batches = SameDiffTestNets.data(2, 2, 8);
        batches.add(SameDiffTestNets.data(3, 1, 4).get(0));    // a smaller last batch weighs less
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder()
                .validationLoss(new ListDataSetIterator<>(batches, 1)).build();
        double expected = 0;
        for (DataSet d : batches) {
            expected += sd.output(d, "loss").get("loss").getDouble(0) * d.numExamples();
        }
        expected /= 20;
        assertThat(plateau.step(sd).getMetric()).isCloseTo(expected, within(1e-15));
        assertThat(plateau.getMode()).isEqualTo(Mode.MIN);
    }

    @Test
    void replacingTheUpdaterAfterTrainingStartedIsCaughtInsteadOfSilentlyIgnored() {
        SameDiff sd = classifier(new Sgd(0.1));
        sd.fit(train(), 1);
        sd.getTrainingConfig().setUpdater(new Sgd(0.2));        // the running updaters keep the old Sgd(0.1)
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(validation()).patience(0)
                .build();
        plateau.step(sd, 1.0);
        assertThatThrownBy(() -> plateau.step(sd, 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SameDiffPlateauListener: SameDiff trains with an updater configuration other"
                        + " than its TrainingConfig's");
    }

    @Test
    void misconfigurationsFailWithTheReason() {
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(validation()).build();
        assertThatThrownBy(() -> plateau.step(classifier(new AdaDelta()), 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SameDiffPlateauListener: the TrainingConfig's updater AdaDelta(")
                .hasMessageEndingWith("has no learning rate (AdaDelta and NoOp have none); there is nothing to reduce");
        assertThatThrownBy(() -> plateau.step(SameDiff.create(), 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("SameDiffPlateauListener: the SameDiff instance has no TrainingConfig with an updater"
                        + " (sd.setTrainingConfig(...) before training)");
        assertThatThrownBy(() -> SameDiffPlateauListener.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set a metric source (validationLoss, validation, fitValidationLoss, fitValidation or"
                        + " metric): SameDiff passes no usable training loss to listeners");
        assertThatThrownBy(() -> SameDiffPlateauListener.builder().fitValidationLoss().validationLoss(validation()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set exactly one metric source (validationLoss, validation, fitValidationLoss, fitValidation"
                        + " or metric); got fit validation LOSS and validation LOSS");
        assertThatThrownBy(() -> SameDiffPlateauListener.builder().validation(validation(), Metric.LOSS, "out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("for LOSS use validationLoss(iterator): it needs no output variable");
        SameDiffPlateauListener empty = SameDiffPlateauListener.builder()
                .validationLoss(new ListDataSetIterator<>(new ArrayList<DataSet>())).build();
        assertThatThrownBy(() -> empty.step(classifier(new Sgd(0.1)))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("validation data is empty: the validation iterator returned no batches for"
                        + " evaluation #1");
        SameDiffPlateauListener own = SameDiffPlateauListener.builder().metric("my score", Mode.MAX, s -> 0.5).build();
        assertThat(own.step(classifier(new Sgd(0.1))).getMetric()).isEqualTo(0.5);
        assertThat(own.toString()).startsWith("SameDiffPlateauListener(source=my score, mode=MAX");
    }

    private static double[] params(SameDiff sd) {
        double[] w = sd.getVariable("w").getArr().data().asDouble();
        double[] b = sd.getVariable("b").getArr().data().asDouble();
        double[] out = new double[w.length + b.length];
        System.arraycopy(w, 0, out, 0, w.length);
        System.arraycopy(b, 0, out, w.length, b.length);
        return out;
    }

    /** Every variable's updater state arrays, copied as raw doubles. */
    private static Map<String, double[]> adamState(SameDiff sd) {
        Map<String, double[]> out = new HashMap<>();
        for (Map.Entry<String, GradientUpdater> e : sd.getUpdaterMap().entrySet()) {
            for (Map.Entry<String, INDArray> s : ((Map<String, INDArray>) e.getValue().getState()).entrySet()) {
                out.put(e.getKey() + "/" + s.getKey(), s.getValue().data().asDouble());
            }
        }
        return out;
    }
}
