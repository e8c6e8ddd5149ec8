package dev.lrsched.listeners;

import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import dev.lrsched.listeners.plateau.LearningRateTarget;
import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.support.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the learning rate every layer's updater uses, named after Lightning's {@code LearningRateMonitor}: a
 * {@code TrainingListener} for {@code MultiLayerNetwork} and {@code ComputationGraph} that, every epoch (default)
 * or every {@code n} iterations, reads per layer
 * <pre>
 *   lr-&lt;layer&gt;            its updater's learning rate           (IUpdater.getLearningRate(iteration, epoch))
 *   lr-&lt;layer&gt;/bias       its separate bias updater's, if it has one with a learning rate
 *   lr-&lt;layer&gt;-momentum   Nesterovs momentum (its ISchedule or the fixed value)     } with logMomentum(true);
 *   lr-&lt;layer&gt;-beta1      Adam/AdaMax/Nadam/AMSGrad/AdaBelief beta1 (constant)      } "/bias-..." for the bias updater
 * </pre>
 * and writes one {@link LearningRateRecord} to SLF4J (INFO, logger {@code dev.lrsched.listeners.LearningRateMonitor}),
 * to an optional CSV file and to {@link #getRecords()}. DL4J 1.0.0-M2.1's Adam-family updaters take {@code beta1}
 * as a plain double (no schedule), so that series is constant; it is there so a Lightning user finds it.
 *
 * <h2>What is recorded is what was applied</h2>
 * The values are read in {@code onGradientCalculation}, after the gradient and before the update, at the counters
 * the updater is about to use; so the record is the setting that update applies, even when another listener
 * changes the learning rate in its {@code iterationDone} (a {@code ReduceLROnPlateauListener} evaluating every few
 * iterations). Layers without a learning rate (AdaDelta, NoOp) and frozen layers are skipped (one WARN); a network
 * with none fails at the first callback ({@link IllegalStateException}).
 *
 * <h2>When</h2>
 * {@link Builder#everyIterations(int) everyIterations(n)}: updates whose iteration counter is a multiple of
 * {@code n} (so a resumed run records at the same iterations). Otherwise the first update of every epoch (the
 * learning rate the epoch starts with, as Lightning's {@code logging_interval="epoch"}), detected from the epoch
 * counter, so {@code fit(DataSet)} loops that call {@code net.incrementEpochCount()} work too.
 * {@link Builder#markReductionsOf(PlateauFrontEnd) markReductionsOf(plateau)} subscribes to a plateau front end: the
 * first update after each reduction is always recorded, whatever the timing, flagged
 * ({@link LearningRateRecord#getReductions()}, CSV column {@code plateau_reduction}), and logged with the reduction.
 *
 * <h2>CSV</h2>
 * {@code iteration,epoch,<series...>,plateau_reduction}; the file is replaced at the first record, then each record
 * is appended (and the file closed) at once; {@code Double.toString} values. The series are fixed by the first
 * record: a later series the header lacks fails the fit ({@link IllegalStateException}).
 *
 * <h2>Other engines</h2>
 * The DL4J callbacks only adapt the network ({@code NetworkAdapter}); timing, records, CSV and SLF4J are the
 * engine-free {@link LearningRateRecorder}, which {@code SameDiffLearningRateMonitor} (module {@code samediff})
 * shares. {@link #beforeUpdate(LearningRateTarget)} records any {@code LearningRateTarget} before its update. Not
 * thread-safe: one monitor per training run.
 *
 * <p>Usage: {@code net.addListeners(LearningRateMonitor.builder().everyIterations(10).csv(Path.of("lr.csv"))
 * .markReductionsOf(plateau).build());}
 */
public final class LearningRateMonitor extends BaseTrainingListener {

    private static final Logger log = LoggerFactory.getLogger(LearningRateMonitor.class);
    private static final String OWNER = "LearningRateMonitor";

    private final LayerSelection layers;
    private final LearningRateRecorder recorder;
    private NetworkAdapter network;

    private LearningRateMonitor(Builder b) {
        this.layers = LayerSelection.of(b.layerNames, b.layerIndices);
        this.recorder = b.recorder(OWNER, log);
    }

    /** A builder: every epoch, learning rates only, SLF4J on, no CSV, all layers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The series name of {@code layer}'s learning rate: {@code "lr-" + layer}. */
    public static String lrKey(String layer) {
        return "lr-" + Checks.notNull("layer", layer);
    }

    /** The series name of {@code layer}'s bias-updater learning rate: {@code "lr-" + layer + "/bias"}. */
    public static String biasLrKey(String layer) {
        return lrKey(layer) + "/bias";
    }

    // ------------------------------------------------------------------ DL4J callbacks

    /** After the gradient, before the update: the moment the updater's settings are read. */
    @Override
    public void onGradientCalculation(Model model) {
        beforeUpdate(network(model));
    }

    /** A fallback for an engine that skips {@code onGradientCalculation}; a no-op when it already fired. */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        beforeUpdate(network(model));
    }

    private NetworkAdapter network(Model model) {
        if (network == null || network.getModel() != model) {
            network = NetworkAdapter.of(OWNER, model, layers);
        }
        return network;
    }

    // ------------------------------------------------------------------ engine-free entry point

    /**
     * Records the settings of {@code target} at its current counters if this update is due (see the class
     * javadoc); call it once per parameter update, before the update. A second call at the same counters is a
     * no-op.
     *
     * @return the record, or empty if this update is not recorded
     */
    public Optional<LearningRateRecord> beforeUpdate(LearningRateTarget target) {
        Checks.notNull("target", target);
        int iteration = target.getIterationCount();
        int epoch = target.getEpochCount();
        return recorder.record(iteration, epoch, s -> {
            for (LearningRateGroup g : target.getGroups()) {
                add(s, lrKey(g.name()), g.learningRate(), g.updater(), iteration, epoch);
                add(s, biasLrKey(g.name()), g.biasLearningRate(), g.biasUpdater(), iteration, epoch);
            }
        });
    }

    private static void add(LearningRateRecorder.Series s, String key, Optional<LearningRate> lr,
                            Optional<IUpdater> updater, int iteration, int epoch) {
        if (lr.isPresent()) {
            s.learningRate(key, lr.get().valueAt(iteration, epoch), updater.orElse(null));
        }
    }

    /**
     * Marks {@code event}: the next update is recorded whatever the timing, flagged with it. Subscribed by
     * {@link Builder#markReductionsOf}; public for front ends that report reductions their own way.
     */
    public void reductionApplied(ReductionEvent event) {
        recorder.reductionApplied(event);
    }

    // ------------------------------------------------------------------ results

    /** Read-only view of the records so far (empty with {@code keepRecords(false)}). */
    public List<LearningRateRecord> getRecords() {
        return recorder.getRecords();
    }

    /** Read-only view of every plateau reduction seen, in order. */
    public List<ReductionEvent> getReductions() {
        return recorder.getReductions();
    }

    @Override
    public String toString() {
        return OWNER + "(" + recorder.describeTiming() + ", layers=" + layers + ", records="
                + recorder.getRecords().size() + ", reductions=" + recorder.getReductions().size() + ")";
    }

    /** Builder: the settings of every monitor ({@link MonitorBuilder}) and the layers to monitor. */
    public static final class Builder extends MonitorBuilder<Builder> {
        private List<String> layerNames;
        private int[] layerIndices;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Monitor only these layers (by name; MultiLayerNetwork default names are "layer0", "layer1", ...). */
        public Builder layers(String... names) {
            Checks.notNull("layers", names);
            List<String> chosen = Arrays.asList(names.clone());
            LayerSelection.of(chosen, null);
            this.layerNames = chosen;
            return this;
        }

        /** Monitor only these layers of a MultiLayerNetwork (by index). */
        public Builder layerIndices(int... indices) {
            Checks.notNull("layerIndices", indices);
            LayerSelection.of(null, indices);
            this.layerIndices = indices.clone();
            return this;
        }

        /** @throws IllegalArgumentException if both layer names and indices were set */
        public LearningRateMonitor build() {
            return new LearningRateMonitor(this);
        }
    }
}
