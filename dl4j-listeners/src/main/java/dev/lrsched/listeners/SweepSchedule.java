package dev.lrsched.listeners;

import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The sweep as an immutable ISchedule: {@code valueAt(iteration, _) =
 * sweep.learningRate(start, end, unsigned(iteration) - firstIteration, numIterations)}, holding
 * {@code start} before {@code firstIteration} and {@code end} after the last step. Installed
 * once on the copy (cheaper than {@code setLearningRate(double)} per step, which rebuilds the
 * updater). Value-equal and JSON/Java serialisable like every lrsched schedule, so DL4J's
 * updater-block grouping and any serialisation of the copy behave.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class SweepSchedule implements ReadsUnsignedCounters, StrictJson {
    private static final long serialVersionUID = 1L;

    @JsonProperty("sweep")
    private final Sweep sweep;
    @JsonProperty("startValue")
    private final double startValue;
    @JsonProperty("endValue")
    private final double endValue;
    @JsonProperty("numIterations")
    private final int numIterations;
    @JsonProperty("firstIteration")
    private final long firstIteration;

    @JsonCreator
    SweepSchedule(@JsonProperty("sweep") Sweep sweep,
                  @JsonProperty("startValue") double startValue,
                  @JsonProperty("endValue") double endValue,
                  @JsonProperty("numIterations") int numIterations,
                  @JsonProperty("firstIteration") long firstIteration) {
        Checks.notNull("sweep", sweep);
        Checks.positive("startValue", startValue);
        Checks.positive("endValue", endValue);
        Checks.check(numIterations >= 2, "numIterations must be >= 2, got " + numIterations);
        Checks.check(firstIteration >= 0, "firstIteration must be >= 0, got " + firstIteration);
        this.sweep = sweep;
        this.startValue = startValue;
        this.endValue = endValue;
        this.numIterations = numIterations;
        this.firstIteration = firstIteration;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return sweep.learningRate(startValue, endValue, Counters.unsigned(iteration) - firstIteration, numIterations);
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    Sweep getSweep() {
        return sweep;
    }

    long getFirstIteration() {
        return firstIteration;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SweepSchedule)) {
            return false;
        }
        SweepSchedule that = (SweepSchedule) o;
        return sweep == that.sweep && Double.compare(startValue, that.startValue) == 0
                && Double.compare(endValue, that.endValue) == 0 && numIterations == that.numIterations
                && firstIteration == that.firstIteration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sweep, startValue, endValue, numIterations, firstIteration);
    }

    @Override
    public String toString() {
        return "SweepSchedule(sweep=" + sweep + ", startValue=" + startValue + ", endValue=" + endValue
                + ", numIterations=" + numIterations + ", firstIteration=" + firstIteration + ")";
    }
}
