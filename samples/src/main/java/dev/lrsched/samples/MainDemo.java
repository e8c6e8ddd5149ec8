package dev.lrsched.samples;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.samples.plot.Charts;
import dev.lrsched.schedules.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.knowm.xchart.XYChart;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The main demo (the README's first command): a 2-64-64-3 MLP learns three interleaved spirals
 * (generated in code, 900 points, 75/25 split) twice, with Adam at a constant learning rate and with
 * warmup + cosine plus ReduceLROnPlateau on the validation loss. It prints one line per epoch
 * (epoch, learning rate, training loss, validation loss and accuracy), a comparison table, and writes
 * the learning-rate / metric charts to {@code samples/target/lrsched-demo/} (or the folder given as
 * the first argument).
 */
public final class MainDemo {

    static final int EPOCHS = 30;
    static final int BATCH = 32;
    /** An aggressive Adam learning rate: where a schedule matters most (at 0.01 both runs end alike). */
    static final double PEAK_LR = 0.05;

    private MainDemo() {
    }

    /** What one training run produced. */
    record Run(String name, double[] epochs, double[] lrs, double[] trainLoss, double[] valLoss, double[] valAcc,
               int firstEpochAt90, long reductions, long millis) {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        Path out = RepoPaths.outputDir(args, "samples/target/lrsched-demo");

        SyntheticData.Split split = SyntheticData.split(SyntheticData.spirals(300, 3, 0.2, 7), 0.75, 7);
        List<DataSet> train = split.train().batchBy(BATCH);
        int itersPerEpoch = train.size();
        int totalIters = EPOCHS * itersPerEpoch;
        System.out.printf("data: 3-class spirals, %d training / %d validation points, %d iterations per epoch%n%n",
                split.train().numExamples(), split.validation().numExamples(), itersPerEpoch);

        Run constant = train("constant LR " + PEAK_LR, new Adam(PEAK_LR), null, split, train);

        // One line: linear warmup for 2 epochs from 10% of the peak (a non-zero start wastes no update),
        // then cosine down to 1% of the peak at the last iteration.
        IUpdater scheduled = new Adam(Schedules.warmupCosine(ScheduleType.ITERATION,
                PEAK_LR / 10, PEAK_LR, PEAK_LR / 100, 2 * itersPerEpoch, totalIters));
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(new ListDataSetIterator<>(split.validation().batchBy(128), 1), Metric.LOSS)
                .factor(0.5).patience(3).minValue(1e-5)
                .build();
        Run lrsched = train("warmup+cosine+plateau", scheduled, plateau, split, train);

        System.out.println();
        System.out.println("| run                    | final val acc | final val loss | first epoch >= 90% acc | plateau reductions |   time |");
        System.out.println("|------------------------|---------------|----------------|------------------------|--------------------|--------|");
        for (Run r : List.of(constant, lrsched)) {
            int last = r.valAcc().length - 1;
            System.out.printf("| %-22s | %13.3f | %14.4f | %22s | %18d | %5.1fs |%n", r.name(), r.valAcc()[last],
                    r.valLoss()[last], r.firstEpochAt90() < 0 ? "never" : String.valueOf(r.firstEpochAt90()),
                    r.reductions(), r.millis() / 1000.0);
        }

        System.out.println("(one seed; docs/performance.md has a 5-seed comparison of six LR policies)");
        System.out.println();
        for (Run r : List.of(constant, lrsched)) {
            String file = r == constant ? "demo-constant.png" : "demo-warmup-cosine-plateau.png";
            XYChart chart = Charts.trainingRun(r.name() + ": learning rate and validation accuracy",
                    r.epochs(), r.lrs(), "validation accuracy", r.valAcc());
            System.out.println("wrote " + Charts.savePng(chart, out.resolve(file)));
            XYChart loss = Charts.trainingRun(r.name() + ": learning rate and validation loss",
                    r.epochs(), r.lrs(), "validation loss", r.valLoss());
            System.out.println("wrote " + Charts.savePng(loss, out.resolve(file.replace(".png", "-loss.png"))));
        }
        System.out.println("charts are in " + out);
    }

    static Run train(String name, IUpdater updater, ReduceLROnPlateauListener plateau, SyntheticData.Split split,
                     List<DataSet> train) {
        System.out.println("== " + name);
        MultiLayerNetwork net = network(updater);
        if (plateau != null) {
            net.addListeners(plateau);
        }
        ListDataSetIterator<DataSet> trainIter = new ListDataSetIterator<>(train, 1);
        ListDataSetIterator<DataSet> valIter = new ListDataSetIterator<>(split.validation().batchBy(128), 1);
        List<double[]> rows = new ArrayList<>();
        int firstAt90 = -1;
        long start = System.currentTimeMillis();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double lr = net.getLearningRate(0);
            // the training loss is the average of the minibatch scores of this epoch
            double lossSum = 0;
            trainIter.reset();
            int batches = 0;
            while (trainIter.hasNext()) {
                net.fit(trainIter.next());
                lossSum += net.score();
                batches++;
            }
            // fit(DataSet) fires no epoch events: end the epoch the way fit(iterator) would
            net.getListeners().forEach(l -> l.onEpochEnd(net));
            net.incrementEpochCount();
            valIter.reset();
            Evaluation eval = net.evaluate(valIter);
            valIter.reset();
            double valLoss = net.score(split.validation());
            double acc = eval.accuracy();
            if (firstAt90 < 0 && acc >= 0.9) {
                firstAt90 = epoch + 1;
            }
            rows.add(new double[] {epoch + 1, lr, lossSum / batches, valLoss, acc});
            System.out.printf("epoch %2d/%d  lr %.6f  train loss %.4f  val loss %.4f  val acc %.3f%n",
                    epoch + 1, EPOCHS, lr, lossSum / batches, valLoss, acc);
        }
        long millis = System.currentTimeMillis() - start;
        double[][] cols = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        long reductions = plateau == null ? 0 : plateau.getNumReductions();
        return new Run(name, cols[0], cols[1], cols[2], cols[3], cols[4], firstAt90, reductions, millis);
    }

    static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(64).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
