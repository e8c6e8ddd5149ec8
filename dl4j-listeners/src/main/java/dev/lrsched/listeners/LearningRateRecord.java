package dev.lrsched.listeners;

import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.support.Checks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a learning-rate monitor ({@link LearningRateMonitor}, {@code SameDiffLearningRateMonitor}; both through
 * {@link LearningRateRecorder}) recorded for one parameter update: the network's counters and, per series
 * ({@code lr-<layer>}, {@code lr-<layer>/bias}, {@code lr-<layer>-momentum}, {@code lr-<layer>-beta1}; SameDiff:
 * {@code lr}, {@code lr-<variable>}), the value the updater used for that update. An immutable value.
 *
 * <p>Usage: {@code double lr = monitor.getRecords().get(0).get(LearningRateMonitor.lrKey("layer0"));}
 */
public final class LearningRateRecord {

    private final int iteration;
    private final int epoch;
    private final List<String> keys;
    private final double[] values;
    private final List<ReductionEvent> reductions;

    /**
     * @param iteration  the iteration counter of the update (DL4J's {@code getIterationCount()} while it ran)
     * @param epoch      the epoch counter of the update
     * @param keys       series names, no duplicates; copied
     * @param values     one value per key; copied
     * @param reductions the plateau reductions applied since the previous update the monitor saw; copied
     */
    public LearningRateRecord(int iteration, int epoch, List<String> keys, double[] values,
                              List<ReductionEvent> reductions) {
        Checks.notNull("keys", keys);
        Checks.notNull("values", values);
        Checks.check(keys.size() == values.length, "keys and values must have the same length, got "
                + keys.size() + " and " + values.length);
        this.iteration = iteration;
        this.epoch = epoch;
        this.keys = List.copyOf(keys);
        this.values = values.clone();
        this.reductions = List.copyOf(Checks.notNull("reductions", reductions));
    }

    /** The iteration counter at which the update ran (and the schedules were evaluated). */
    public int getIteration() {
        return iteration;
    }

    /** The epoch counter at which the update ran. */
    public int getEpoch() {
        return epoch;
    }

    /** The series names, in a fixed order: per layer its LR, bias LR, momentum or beta1. */
    public List<String> getKeys() {
        return keys;
    }

    /**
     * The value of series {@code key}.
     *
     * @throws IllegalArgumentException if this record has no such series (the message lists the ones it has)
     */
    public double get(String key) {
        int i = keys.indexOf(key);
        Checks.check(i >= 0, "no series '" + key + "' in this record, it has " + keys);
        return values[i];
    }

    /** Whether this record has series {@code key}. */
    public boolean has(String key) {
        return keys.contains(key);
    }

    /** Every series and its value, in {@link #getKeys()} order (a new modifiable map). */
    public Map<String, Double> getValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values[i]);
        }
        return m;
    }

    /** The plateau reductions applied between the previous update the monitor saw and this one (usually none). */
    public List<ReductionEvent> getReductions() {
        return reductions;
    }

    /** Whether this is the first update after a plateau reduction. */
    public boolean isAfterReduction() {
        return !reductions.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LearningRateRecord)) {
            return false;
        }
        LearningRateRecord r = (LearningRateRecord) o;
        return iteration == r.iteration && epoch == r.epoch && keys.equals(r.keys) && Arrays.equals(values, r.values)
                && reductions.equals(r.reductions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iteration, epoch, keys, Arrays.hashCode(values), reductions);
    }

    /** {@code iteration 12, epoch 3: lr-layer0=0.01, lr-layer1=0.01}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("iteration ").append(iteration).append(", epoch ").append(epoch)
                .append(':');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(keys.get(i)).append('=').append(values[i]);
        }
        return sb.toString();
    }
}
