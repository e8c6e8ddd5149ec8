package dev.lrsched.samples;

import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The classic "learning rate schedules in PyTorch" experiment, in DL4J: a 34-34-1 ReLU/sigmoid MLP
 * on the ionosphere data (70/30 split), SGD with lr 0.1, batch 24, 50 epochs, once per schedule:
 *
 * <pre>
 *   PyTorch                                              lrsched / ND4J (scheduleType EPOCH)
 *   (no scheduler)                                       FixedSchedule(0.1)
 *   LinearLR(start_factor=1.0, end_factor=0.5, total_iters=30)   LinearSchedule(EPOCH, 0.1, 1.0, 0.5, 30)
 *   ExponentialLR(gamma=0.99)                            ExponentialSchedule(EPOCH, 0.1, 0.99)
 *   LambdaLR(lambda epoch: 1 / (1 + 0.01 * epoch))       LambdaSchedule(EPOCH, 0.1, "1 / (1 + 0.01 * epoch)")
 * </pre>
 *
 * <p>It prints {@code Epoch N: SGD lr a -> b} per epoch (the LR used in the epoch and the one the next
 * epoch will use, as the article's {@code scheduler.step()} printout) and a final accuracy table.
 * With a CSV path as the first argument (34 numeric columns then a {@code g}/{@code b} or 1/0 label,
 * the UCI layout) it uses that file; without one it generates an ionosphere-shaped set.
 */
public final class SeedArticleDemo {

    static final int EPOCHS = 50;
    static final int BATCH = 24;
    static final double LR = 0.1;

    private SeedArticleDemo() {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        DataSet all;
        if (args.length > 0 && !args[0].isBlank()) {
            all = SyntheticData.readIonosphereCsv(Path.of(args[0]));
            System.out.println("data: " + args[0] + " (" + all.numExamples() + " rows)");
        } else {
            all = SyntheticData.ionosphereShaped(2024);
            System.out.println("data: generated ionosphere-shaped set (" + all.numExamples()
                    + " rows, 34 features); pass a CSV path to use the real one");
        }
        SyntheticData.Split split = SyntheticData.split(binaryLabels(all), 0.7, 42);

        Map<String, ISchedule> variants = new LinkedHashMap<>();
        variants.put("constant", new FixedSchedule(LR));
        variants.put("LinearSchedule(1.0 -> 0.5, 30)", new LinearSchedule(ScheduleType.EPOCH, LR, 1.0, 0.5, 30));
        variants.put("ExponentialSchedule(0.99)", new ExponentialSchedule(ScheduleType.EPOCH, LR, 0.99));
        variants.put("LambdaSchedule(1/(1+0.01*epoch))", new LambdaSchedule(ScheduleType.EPOCH, LR, "1 / (1 + 0.01 * epoch)"));

        Map<String, double[]> results = new LinkedHashMap<>();
        for (Map.Entry<String, ISchedule> v : variants.entrySet()) {
            System.out.println("== " + v.getKey());
            results.put(v.getKey(), run(v.getValue(), split));
        }
        System.out.println();
        System.out.println("| schedule                          | final LR   | train acc | test acc |");
        System.out.println("|-----------------------------------|------------|-----------|----------|");
        results.forEach((name, r) -> System.out.printf("| %-33s | %10.6f | %9.3f | %8.3f |%n", name, r[0], r[1], r[2]));
    }

    /** One sigmoid output: keeps the "good" (class 1) column of the one-hot labels. */
    static DataSet binaryLabels(DataSet oneHot) {
        return new DataSet(oneHot.getFeatures(),
                oneHot.getLabels().get(NDArrayIndex.all(), NDArrayIndex.point(1)).reshape(-1, 1));
    }

    /** Returns {final LR, train accuracy, test accuracy}. */
    static double[] run(ISchedule schedule, SyntheticData.Split split) {
        MultiLayerNetwork net = network(schedule);
        List<DataSet> batches = split.train().batchBy(BATCH);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double before = net.getLearningRate(0);
            for (DataSet b : batches) {
                net.fit(b);
            }
            net.incrementEpochCount();
            double after = net.getLearningRate(0);
            System.out.printf("Epoch %d: SGD lr %.4f -> %.4f%n", epoch, before, after);
        }
        return new double[] {net.getLearningRate(0), accuracy(net, split.train()), accuracy(net, split.validation())};
    }

    static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray p = net.output(data.getFeatures());
        INDArray predicted = p.gt(0.5).castTo(data.getLabels().dataType());
        return predicted.eq(data.getLabels()).castTo(p.dataType()).meanNumber().doubleValue();
    }

    static MultiLayerNetwork network(ISchedule schedule) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Sgd(schedule)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(34).nOut(34).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(34).nOut(1).activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
