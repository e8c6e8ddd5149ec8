package dev.lrsched.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end cost of training with each schedule: a 2-64-64-3 ReLU MLP, Adam driven by the schedule,
 * fitted on 20 fixed minibatches of 32 generated spiral points per operation (one minibatch = one
 * iteration; the score is per iteration). Before each operation the network's iteration counter is set
 * to the next point of a walk over the schedule's whole length ({@link BenchSchedules#TOTAL}), so
 * warm-up, cosine and hold phases are all trained through. The baseline is ND4J's {@code FixedSchedule}
 * (what {@code new Adam(lr)} uses internally is a plain double; FixedSchedule is the schedule path).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FitOverhead}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
@State(Scope.Thread)
public class FitOverhead {

    static final int BATCHES = 20;

    @Param({"nd4j.Fixed", "nd4j.Step", "CosineAnnealing", "CosineWarmRestarts(x2)", "Cyclic", "OneCycle",
            "WarmupCosine", "Warmup(Cosine)", "Sequential3", "Function", "Lambda"})
    public String schedule;

    private MultiLayerNetwork net;
    private List<DataSet> batches;
    private int start;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(7);
        Data.Set data = Data.spirals(3, BATCHES * 32 / 3 + 1, 0.2, 7);
        batches = new BatchIterator(data.x(), data.y(), 32, null).batches().subList(0, BATCHES);
        net = Nets.mlp(2, 64, 3, new Adam(BenchSchedules.create(schedule)), 7);
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public double fitIterations() {
        start = (start + 1237) % BenchSchedules.TOTAL;
        net.setIterationCount(start);
        for (DataSet ds : batches) {
            net.fit(ds);
        }
        return net.score();
    }
}
