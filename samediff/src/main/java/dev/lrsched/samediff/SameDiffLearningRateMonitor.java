package dev.lrsched.samediff;

import dev.lrsched.listeners.LearningRateMonitor;
import dev.lrsched.listeners.LearningRateRecord;
import dev.lrsched.listeners.LearningRateRecorder;
import dev.lrsched.listeners.MonitorBuilder;
import dev.lrsched.listeners.plateau.ReductionEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the learning rate SameDiff training applies, the SameDiff front end of {@link LearningRateMonitor} (same
 * timing, records, CSV and SLF4J: {@link LearningRateRecorder}). A SameDiff {@link org.nd4j.autodiff.listeners.Listener}
 * for {@code sd.fit(...)}; per recorded update
 * <pre>
 *   lr               the learning rate the update applied (one shared updater: one value)
 *   lr-&lt;variable&gt;   with perVariable(true): per trainable variable, instead of "lr"
 *   lr-momentum      } with logMomentum(true): Nesterovs momentum, Adam-family beta1 (constant in M2.1);
 *   lr-beta1         } "lr-&lt;variable&gt;-momentum" per variable
 * </pre>
 *
 * <h2>What is recorded is what was applied</h2>
 * The values are read in {@code preUpdate}, which SameDiff 1.0.0-M2.1 calls per variable right after its
 * {@code GradientUpdater} computed the update, from that running updater's configuration at the update's
 * counters ({@code GradientUpdater.getConfig().getLearningRate(iteration, epoch)}, which is what the updater
 * used), not from {@code TrainingConfig.getUpdater()}. The two differ after
 * {@code getTrainingConfig().setUpdater(...)} once training has started: the running updaters keep the old
 * configuration and learning rate, and so does this record (a WARN says so, once). A reduction by a
 * {@link SameDiffPlateauListener} rescales the shared configuration in place, so the record after it shows the
 * reduced rate; {@link Builder#markReductionsOf markReductionsOf(plateau)} flags that record. Without
 * {@code perVariable(true)}, variables training at different learning rates fail the fit
 * ({@link IllegalStateException}); an updater without a learning rate (AdaDelta, NoOp) too.
 *
 * <h2>When</h2>
 * As {@link LearningRateMonitor}: the first update of every epoch (default) or updates whose iteration counter is a
 * multiple of {@code n}, plus the first update after each marked reduction; SameDiff's {@code TrainingConfig}
 * counters. The loss is not recorded: SameDiff M2.1 hands listeners a loss of 0 during training. Not thread-safe:
 * one monitor per training run.
 *
 * <p>Usage: {@code sd.fit(trainIter, 10, SameDiffLearningRateMonitor.builder().markReductionsOf(plateau).build(),
 * plateau);}
 */
public final class SameDiffLearningRateMonitor extends BaseListener {

    /** The series name of the learning rate without {@code perVariable(true)}. */
    public static final String LR_KEY = "lr";

    private static final Logger log = LoggerFactory.getLogger(SameDiffLearningRateMonitor.class);
    private static final String OWNER = "SameDiffLearningRateMonitor";

    private final boolean perVariable;
    private final LearningRateRecorder recorder;
    private final Map<String, Applied> applied = new TreeMap<>();
    private SameDiff training;
    private boolean warnedReplaced;

    private SameDiffLearningRateMonitor(boolean perVariable, LearningRateRecorder recorder) {
        this.perVariable = perVariable;
        this.recorder = recorder;
    }

    /** A builder: every epoch, one series, learning rates only, SLF4J on, no CSV. */
    public static Builder builder() {
        return new Builder();
    }

    /** The series name of {@code variable}'s learning rate with {@code perVariable(true)}: {@code "lr-" + variable}. */
    public static String lrKey(String variable) {
        return LearningRateMonitor.lrKey(variable);
    }

    /** What one variable's updater applied in the current update. */
    private record Applied(double learningRate, IUpdater updater) {
    }

    // ------------------------------------------------------------------ SameDiff callbacks

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    /** The instance being trained (the one holding the running updaters; later callbacks get its gradient function). */
    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlTimeMs) {
        training = sd;
        applied.clear();
    }

    /** After {@code v}'s updater computed {@code update}, before the parameter changes. */
    @Override
    public void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
        String name = v.getName();
        Map<String, GradientUpdater> running = training == null ? null : training.getUpdaterMap();
        GradientUpdater<?> u = running == null ? null : running.get(name);
        if (u == null) {
            throw new IllegalStateException(OWNER + ": no running updater for variable '" + name + "' (the monitor"
                    + " records sd.fit(...) training, where SameDiff builds one updater per trainable variable)");
        }
        IUpdater config = u.getConfig();
        if (!config.hasLearningRate()) {
            throw new IllegalStateException(OWNER + ": the updater " + config + " of variable '" + name
                    + "' has no learning rate (AdaDelta and NoOp have none); there is nothing to monitor");
        }
        if (!warnedReplaced && training.getTrainingConfig() != null && training.getTrainingConfig().getUpdater() != config) {
            warnedReplaced = true;
            log.warn("{}: training applies the updater {} while the TrainingConfig now holds {} (replaced after training"
                    + " started?); the running updaters keep the old one, and the records show what training applies."
                    + " Change a learning rate in place (IUpdater.setLrAndSchedule) instead", OWNER, config,
                    training.getTrainingConfig().getUpdater());
        }
        applied.put(name, new Applied(config.getLearningRate(at.iteration(), at.epoch()), config));
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        if (applied.isEmpty()) {
            return;
        }
        recorder.record(at.iteration(), at.epoch(), this::read);
        applied.clear();
    }

    private void read(LearningRateRecorder.Series s) {
        if (perVariable) {
            applied.forEach((name, a) -> s.learningRate(lrKey(name), a.learningRate(), a.updater()));
            return;
        }
        Map.Entry<String, Applied> first = applied.entrySet().iterator().next();
        for (Map.Entry<String, Applied> e : applied.entrySet()) {
            if (e.getValue().learningRate() != first.getValue().learningRate()) {
                throw new IllegalStateException(OWNER + ": variables train at different learning rates ('"
                        + first.getKey() + "' " + first.getValue().learningRate() + ", '" + e.getKey() + "' "
                        + e.getValue().learningRate() + "); use perVariable(true) to record each");
            }
        }
        s.learningRate(LR_KEY, first.getValue().learningRate(), first.getValue().updater());
    }

    // ------------------------------------------------------------------ results

    /** Read-only view of the records so far (empty with {@code keepRecords(false)}). */
    public List<LearningRateRecord> getRecords() {
        return recorder.getRecords();
    }

    /** Read-only view of every marked plateau reduction, in order. */
    public List<ReductionEvent> getReductions() {
        return recorder.getReductions();
    }

    @Override
    public String toString() {
        return OWNER + "(" + recorder.describeTiming() + ", perVariable=" + perVariable + ", records="
                + recorder.getRecords().size() + ", reductions=" + recorder.getReductions().size() + ")";
    }

    /** Builder: the settings of every monitor ({@link MonitorBuilder}) and one series or one per variable. */
    public static final class Builder extends MonitorBuilder<Builder> {
        private boolean perVariable;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** One series per trainable variable ({@link #lrKey}) instead of one {@value #LR_KEY} series (default false). */
        public Builder perVariable(boolean perVariable) {
            this.perVariable = perVariable;
            return this;
        }

        /** The monitor, subscribed to the reductions of every {@code markReductionsOf} plateau. */
        public SameDiffLearningRateMonitor build() {
            return new SameDiffLearningRateMonitor(perVariable, recorder(OWNER, log));
        }
    }
}
