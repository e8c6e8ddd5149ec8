package dev.lrsched.samples;

import dev.lrsched.listeners.LearningRateMonitor;
import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.Schedules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * DL4J's own training UI showing an lrsched schedule and a plateau reduction: a 2-32-32-3 MLP learns the
 * generated spirals with Adam on warmup + cosine and
 * ReduceLROnPlateau on the validation loss, while {@code StatsListener} feeds an {@code InMemoryStatsStorage}
 * attached to the UI server and a {@link LearningRateMonitor} logs the learning rates. Open the printed address,
 * go to "Model", click a layer: its "Parameter Learning Rates" chart shows the schedule and the plateau's drop.
 *
 * <p>Arguments: {@code [port [seconds]]}. The port defaults to 9000 (0 picks a free one); after training the server
 * stays up for {@code seconds} (default: until Enter is pressed, or at once when there is no console input), then
 * stops. DL4J's server listens on all network interfaces (Vert.x {@code listen(port)}, M2.1 has no host setting).
 *
 * <p>{@code mvn -B -q -Djavacpp.platform=linux-x86_64 test-compile exec:java -Dexec.mainClass=dev.lrsched.samples.TrainingUiDemo}
 */
public final class TrainingUiDemo {

    static final int EPOCHS = 16;
    static final int BATCH = 32;
    static final double PEAK_LR = 0.05;

    private TrainingUiDemo() {
    }

    /** The data: 3-class spirals, 75/25 split (as {@link MainDemo}). */
    static SyntheticData.Split data() {
        return SyntheticData.split(SyntheticData.spirals(300, 3, 0.2, 7), 0.75, 7);
    }

    /** Warmup epochs of the schedule. */
    static final int WARMUP_EPOCHS = 2;

    /**
     * Adam's schedule (an ITERATION schedule): linear warmup from {@code PEAK_LR / 10} over 2 epochs, then cosine
     * down to {@code PEAK_LR / 100} at the end of epoch 16 (HF {@code get_cosine_schedule_with_warmup} shape).
     */
    static ISchedule schedule(int iterationsPerEpoch) {
        return Schedules.warmupCosine(ScheduleType.ITERATION, PEAK_LR / 10, PEAK_LR, PEAK_LR / 100,
                WARMUP_EPOCHS * iterationsPerEpoch, EPOCHS * iterationsPerEpoch);
    }

    /**
     * The plateau listener of the demo: validation loss; a plateau is 2 epochs without a 5% (relative) improvement
     * on the best; factor 0.5.
     */
    static ReduceLROnPlateauListener plateau(SyntheticData.Split split) {
        return ReduceLROnPlateauListener.builder()
                .validation(new ListDataSetIterator<>(split.validation().batchBy(128), 1), Metric.LOSS)
                .factor(0.5).patience(1).threshold(0.05).build();
    }

    /**
     * Trains a fresh network for {@code epochs} with the schedule, {@code plateau}, {@code stats} (a
     * {@code StatsListener}; no server needed) and a {@link LearningRateMonitor}.
     *
     * @return the trained network
     */
    static MultiLayerNetwork train(SyntheticData.Split split, ReduceLROnPlateauListener plateau, StatsListener stats,
                                   int epochs) {
        List<DataSet> batches = split.train().batchBy(BATCH);
        MultiLayerNetwork net = network(new Adam(schedule(batches.size())));
        LearningRateMonitor monitor = LearningRateMonitor.builder().markReductionsOf(plateau).build();
        net.setListeners(stats, plateau, monitor);
        net.fit(new ListDataSetIterator<>(batches, 1), epochs);
        return net;
    }

    static MultiLayerNetwork network(Adam updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    public static void main(String[] args) throws Exception {
        Backends.logBackend();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : VertxUIServer.DEFAULT_UI_PORT;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        SyntheticData.Split split = data();
        StatsStorage storage = new InMemoryStatsStorage();
        UIServer ui = VertxUIServer.getInstance(port, false, null);
        try {
            ui.attach(storage);
            System.out.println("DL4J training UI at " + ui.getAddress() + " (listening on all interfaces, port "
                    + ui.getPort() + "): open Model, click a layer, see 'Parameter Learning Rates'");
            ReduceLROnPlateauListener plateau = plateau(split);
            plateau.getController().onStep(step -> System.out.printf("epoch %2d: validation loss %.4f (best %.4f),"
                    + " learning rate now %.5f%s%n", step.getEpoch() + 1, step.getMetric(), step.getBest(),
                    step.getLearningRate(), step.isReduced() ? "  <- plateau: reduced" : ""));
            // a report every 2nd iteration (DL4J's default: every 10th), so the chart shows each step where it happens
            train(split, plateau, new StatsListener(storage, 2), EPOCHS);
            System.out.println("plateau reductions: " + plateau.getNumReductions() + " "
                    + plateau.getController().getHistory().stream().filter(s -> s.isReduced())
                    .map(s -> "epoch " + s.getEpoch() + " (iteration " + s.getIteration() + ")").toList());
            System.out.println("TRAINING DONE, UI at " + ui.getAddress());
            serve(seconds);
        } finally {
            ui.detach(storage);
            UIServer.stopInstance();
            storage.close();
        }
    }

    /** Keeps the UI up for {@code seconds}, or (negative) until Enter / end of input. */
    private static void serve(int seconds) throws InterruptedException, IOException {
        if (seconds >= 0) {
            System.out.println("serving for " + seconds + " s");
            Thread.sleep(seconds * 1000L);
            return;
        }
        System.out.println("press Enter to stop the UI server");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
