package dev.lrsched.bench;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code ReduceLROnPlateauListener} costs at the end of an epoch, next to what the user would pay
 * anyway for the same evaluation by hand. Validation set: 20 minibatches of 32 spiral points; network:
 * the 2-64-64-3 MLP of {@link FitOverhead}, trained for 100 iterations in setup. One operation = one
 * epoch end.
 * <ul>
 *   <li>{@code bareEvaluate}: {@code net.evaluate(validation)} (accuracy), the reference;</li>
 *   <li>{@code listenerAccuracyEvery1}: {@code listener.onEpochEnd(net)}, {@code validation(iter, ACCURACY)},
 *       {@code evaluateEveryEpochs(1)};</li>
 *   <li>{@code listenerAccuracyEvery5}: the same with {@code evaluateEveryEpochs(5)}: cost per epoch
 *       end averaged over 5 epoch ends;</li>
 *   <li>{@code bareLoss} / {@code listenerLossEvery1}: {@code DataSetLossCalculator(validation, true)} by
 *       hand vs the listener with {@code Metric.LOSS}.</li>
 * </ul>
 * The listeners use a patience far beyond the run, so no reduction happens: this measures the
 * evaluation path (reductions are a one-off {@code setLearningRate} each).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlateauOverhead}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
@State(Scope.Thread)
public class PlateauOverhead {

    private MultiLayerNetwork net;
    private BatchIterator validation;
    private ReduceLROnPlateauListener accuracyEvery1;
    private ReduceLROnPlateauListener accuracyEvery5;
    private ReduceLROnPlateauListener lossEvery1;
    private DataSetLossCalculator lossCalculator;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(7);
        Data.Set train = Data.spirals(3, 1100, 0.2, 7);
        Data.Set val = Data.spirals(3, 214, 0.2, 8);
        net = Nets.mlp(2, 64, 3, new Adam(1e-2), 7);
        BatchIterator trainIter = new BatchIterator(train.x(), train.y(), 32, null);
        net.fit(trainIter);
        validation = new BatchIterator(val.x(), val.y(), 32, null);
        accuracyEvery1 = listener(Metric.ACCURACY, 1);
        accuracyEvery5 = listener(Metric.ACCURACY, 5);
        lossEvery1 = listener(Metric.LOSS, 1);
        lossCalculator = new DataSetLossCalculator(validation, true);
    }

    private ReduceLROnPlateauListener listener(Metric metric, int every) {
        return ReduceLROnPlateauListener.builder()
                .validation(validation, metric)
                .patience(Integer.MAX_VALUE / 2)
                .evaluateEveryEpochs(every)
                .build();
    }

    @Benchmark
    public double bareEvaluate() {
        validation.reset();
        Evaluation e = net.evaluate(validation);
        return e.accuracy();
    }

    @Benchmark
    public double listenerAccuracyEvery1() {
        accuracyEvery1.onEpochEnd(net);
        return accuracyEvery1.getBest();
    }

    @Benchmark
    public double listenerAccuracyEvery5() {
        accuracyEvery5.onEpochEnd(net);
        return accuracyEvery5.getBest();
    }

    @Benchmark
    public double bareLoss() {
        return lossCalculator.calculateScore(net);
    }

    @Benchmark
    public double listenerLossEvery1() {
        lossEvery1.onEpochEnd(net);
        return lossEvery1.getBest();
    }
}
