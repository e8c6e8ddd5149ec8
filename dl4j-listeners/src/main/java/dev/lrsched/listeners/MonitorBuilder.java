package dev.lrsched.listeners;

import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauFrontEnd;
import dev.lrsched.schedules.support.Checks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The builder vocabulary of every learning-rate monitor front end, whatever its engine ({@link LearningRateMonitor},
 * {@code SameDiffLearningRateMonitor}): timing, momentum, SLF4J, in-memory records, CSV file and the plateau front
 * ends whose reductions are marked. A front end adds what its engine needs (which layers or variables) and builds
 * its core with {@link #recorder}. Values are checked as they are set.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class MonitorBuilder<B extends MonitorBuilder<B>> {

    int everyIterations;
    boolean logMomentum;
    boolean logToSlf4j = true;
    boolean keepRecords = true;
    Path csv;
    private final List<PlateauController> plateaus = new ArrayList<>();

    protected MonitorBuilder() {
    }

    /** This builder, as its concrete type. */
    protected abstract B self();

    /** Record updates whose iteration counter is a multiple of {@code n} ({@code > 0}) instead of every epoch. */
    public final B everyIterations(int n) {
        this.everyIterations = Checks.positive("everyIterations", n);
        return self();
    }

    /** Record the first update of every epoch (the default). */
    public final B everyEpoch() {
        this.everyIterations = 0;
        return self();
    }

    /** Also record momentum (Nesterovs) and beta1 (Adam family; constant in DL4J M2.1). Default false, as Lightning. */
    public final B logMomentum(boolean logMomentum) {
        this.logMomentum = logMomentum;
        return self();
    }

    /** Write each record to SLF4J at INFO (default true). */
    public final B logToSlf4j(boolean logToSlf4j) {
        this.logToSlf4j = logToSlf4j;
        return self();
    }

    /** Keep records in memory for {@code getRecords()} (default true; false for very long runs). */
    public final B keepRecords(boolean keepRecords) {
        this.keepRecords = keepRecords;
        return self();
    }

    /** Also write the records to this CSV file (replaced at the first record, parent folders created). */
    public final B csv(Path file) {
        this.csv = Checks.notNull("csv", file);
        return self();
    }

    /** Mark the reductions of this plateau front end (a {@code ReduceLROnPlateauListener}, a {@code SameDiffPlateauListener}). */
    public final B markReductionsOf(PlateauFrontEnd plateau) {
        return markReductionsOf(Checks.notNull("plateau", plateau).getController());
    }

    /** Mark the reductions of this plateau core. */
    public final B markReductionsOf(PlateauController plateau) {
        plateaus.add(Checks.notNull("plateau", plateau));
        return self();
    }

    /**
     * The core of the monitor being built, subscribed to every plateau of {@link #markReductionsOf}.
     *
     * @param owner what messages call the front end ({@code "LearningRateMonitor"})
     * @param log   the front end's logger
     */
    protected final LearningRateRecorder recorder(String owner, Logger log) {
        LearningRateRecorder r = new LearningRateRecorder(Checks.notNull("owner", owner), Checks.notNull("log", log),
                this);
        for (PlateauController c : plateaus) {
            c.onReduction(r::reductionApplied);
        }
        return r;
    }
}
