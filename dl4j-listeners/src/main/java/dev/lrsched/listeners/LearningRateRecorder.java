package dev.lrsched.listeners;

import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;

/**
 * The engine-free core of every learning-rate monitor front end ({@link LearningRateMonitor} for
 * {@code MultiLayerNetwork} / {@code ComputationGraph}, {@code SameDiffLearningRateMonitor} for SameDiff): it
 * decides which updates are recorded, turns the values a front end read into a {@link LearningRateRecord}, marks
 * plateau reductions, and writes the record to SLF4J (INFO), to the optional CSV file ({@code CsvLog}) and to
 * {@link #getRecords()}.
 * <pre>
 *   everyIterations(n)   updates whose iteration counter is a multiple of n
 *   every epoch          the first update of every epoch (the epoch counter changed), the default
 *   after a reduction    the first update after each {@link #reductionApplied reduction}, whatever the timing
 * </pre>
 * A front end calls {@link #record(int, int, Consumer)} once per parameter update with the counters the update
 * runs at; the reader is called only when the update is recorded, and adds the series with {@link Series}.
 * Built by {@link MonitorBuilder#recorder}. Not thread-safe: one recorder per training run.
 *
 * <p>Usage (a front end): {@code recorder.record(iteration, epoch, s -> s.learningRate("lr", lr, updater));}
 */
public final class LearningRateRecorder {

    private final String owner;
    private final Logger log;
    private final int everyIterations;
    private final boolean logMomentum;
    private final boolean logToSlf4j;
    private final boolean keepRecords;
    private final CsvLog csv;

    private final List<LearningRateRecord> records = new ArrayList<>();
    private final List<ReductionEvent> reductions = new ArrayList<>();
    private final List<ReductionEvent> pendingReductions = new ArrayList<>();
    private List<String> lastKeys = List.of();
    private boolean seenAny;
    private int lastIteration;
    private int lastEpoch;

    LearningRateRecorder(String owner, Logger log, MonitorBuilder<?> b) {
        this.owner = owner;
        this.log = log;
        this.everyIterations = b.everyIterations;
        this.logMomentum = b.logMomentum;
        this.logToSlf4j = b.logToSlf4j;
        this.keepRecords = b.keepRecords;
        this.csv = b.csv == null ? null : new CsvLog(owner, b.csv);
    }

    /**
     * Records the update at these counters if it is due; a second call at the same counters is a no-op.
     *
     * @param reader adds the series of this update (called only if it is recorded)
     * @return the record, or empty if this update is not recorded
     * @throws IllegalStateException if the reader adds no series, or (with a CSV file) a series the header lacks
     */
    public Optional<LearningRateRecord> record(int iteration, int epoch, Consumer<Series> reader) {
        Checks.notNull("reader", reader);
        if (seenAny && iteration == lastIteration && epoch == lastEpoch) {
            return Optional.empty();
        }
        boolean newEpoch = !seenAny || epoch != lastEpoch;
        seenAny = true;
        lastIteration = iteration;
        lastEpoch = epoch;
        boolean due = everyIterations > 0 ? Integer.remainderUnsigned(iteration, everyIterations) == 0 : newEpoch;
        if (!due && pendingReductions.isEmpty()) {
            return Optional.empty();
        }
        Series s = new Series(iteration, epoch);
        reader.accept(s);
        if (s.keys.isEmpty()) {
            throw new IllegalStateException(owner + ": nothing to record at iteration " + iteration + ", epoch "
                    + epoch + " (no updater with a learning rate)");
        }
        if (!s.keys.equals(lastKeys)) {
            lastKeys = List.copyOf(s.keys);
        }
        double[] values = new double[s.values.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.values.get(i);
        }
        LearningRateRecord r = new LearningRateRecord(iteration, epoch, lastKeys, values, pendingReductions);
        pendingReductions.clear();
        if (keepRecords) {
            records.add(r);
        }
        if (logToSlf4j) {
            log(r);
        }
        if (csv != null) {
            csv.append(r);
        }
        return Optional.of(r);
    }

    private void log(LearningRateRecord r) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder(owner).append(": ").append(r);
        for (ReductionEvent e : r.getReductions()) {
            sb.append(" (first update after the plateau reduction at evaluation #").append(e.getEvaluation())
                    .append(", iteration ").append(e.getIteration()).append(": ").append(e.getOldLearningRate())
                    .append(" -> ").append(e.getNewLearningRate()).append(" on ").append(e.getLayers()).append(')');
        }
        log.info(sb.toString());
    }

    /** Marks {@code event}: the next update is recorded whatever the timing, flagged with it. */
    public void reductionApplied(ReductionEvent event) {
        Checks.notNull("event", event);
        reductions.add(event);
        pendingReductions.add(event);
    }

    /** Read-only view of the records so far (empty with {@code keepRecords(false)}). */
    public List<LearningRateRecord> getRecords() {
        return Collections.unmodifiableList(records);
    }

    /** Read-only view of every plateau reduction seen, in order. */
    public List<ReductionEvent> getReductions() {
        return Collections.unmodifiableList(reductions);
    }

    /** {@code "everyIterations=10"} or {@code "every epoch"}, then the momentum setting. */
    public String describeTiming() {
        return (everyIterations > 0 ? "everyIterations=" + everyIterations : "every epoch") + ", logMomentum="
                + logMomentum;
    }

    /** The series of one recorded update, in the order they are added. */
    public final class Series {
        private final int iteration;
        private final int epoch;
        private final List<String> keys = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        private Series(int iteration, int epoch) {
            this.iteration = iteration;
            this.epoch = epoch;
        }

        /**
         * Adds series {@code key} with the learning rate the update applies and, with {@code logMomentum(true)},
         * {@code key + "-momentum"} / {@code key + "-beta1"} read from {@code updater} at the update's counters.
         *
         * @param updater the updater configuration the update runs with, or null if unknown (no momentum series)
         * @throws IllegalArgumentException for a key added twice
         */
        public Series learningRate(String key, double value, IUpdater updater) {
            add(key, value);
            if (logMomentum && updater != null) {
                Optional<MomentumSetting> m = MomentumSetting.of(updater, iteration, epoch);
                m.ifPresent(setting -> add(key + "-" + setting.name(), setting.value()));
            }
            return this;
        }

        private void add(String key, double value) {
            Checks.notNull("key", key);
            Checks.check(!keys.contains(key), "series '" + key + "' added twice");
            keys.add(key);
            values.add(value);
        }
    }
}
