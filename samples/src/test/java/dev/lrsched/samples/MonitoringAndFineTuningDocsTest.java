package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.lrsched.listeners.LearningRateMonitor;
import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.finetune.LayerwiseLrDecay;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.Schedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The code of docs/monitoring.md and docs/fine-tuning.md, compiled and run on small generated data. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitoringAndFineTuningDocsTest {

    @TempDir
    Path tmp;

    private static MultiLayerNetwork net(int layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3))
                .list().layer(new DenseLayer.Builder().nIn(34).nOut(16).activation(Activation.RELU).build());
        for (int i = 2; i < layers; i++) {
            b.layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16)
                .nOut(2).activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }

    @Test
    void monitoringMdPrintingAndTheMonitor() throws IOException {
        SyntheticData.Split split = SyntheticData.split(SyntheticData.ionosphereShaped(42), 0.8, 42);
        DataSetIterator trainIterator = new ExistingDataSetIterator(split.train().batchBy(32));
        MultiLayerNetwork net = net(2);
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(new ExistingDataSetIterator(split.validation().batchBy(64)), Metric.LOSS).build();
        Path csv = tmp.resolve("target/lr.csv");

        double lr = net.getLearningRate(0);
        assertThat(lr).isEqualTo(1e-3);
        LearningRateMonitor monitor = LearningRateMonitor.builder()
                .everyIterations(10)
                .csv(csv)
                .markReductionsOf(plateau)
                .build();
        net.setListeners(plateau, monitor);
        net.fit(trainIterator, 3);
        assertThat(monitor.getRecords()).extracting(r -> r.getIteration()).containsExactly(0, 10, 20);
        assertThat(Files.readAllLines(csv)).first().isEqualTo("iteration,epoch,lr-layer0,lr-layer1,plateau_reduction");
        assertThat(net.toComputationGraph().getLearningRate("1")).isEqualTo(1e-3);
    }

    @Test
    void fineTuningMdLayerwiseDecay() {
        MultiLayerNetwork net = net(3);
        ISchedule base = Schedules.warmupCosine(ScheduleType.ITERATION, 1e-3, 100, 2_000);
        Map<String, Double> scales = LayerwiseLrDecay.of(0.75).schedule(base).applyTo(net);
        assertThat(scales).containsExactly(entry("layer2", 1.0), entry("layer1", 0.75), entry("layer0", 0.5625));
        assertThat(((Adam) ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater()).getLearningRateSchedule())
                .isEqualTo(new ScaledSchedule(base, 0.5625));

        MultiLayerNetwork own = net(3);
        LayerwiseLrDecay.of(0.75).applyTo(own);
        assertThat(own.getLearningRate(0)).isEqualTo(1e-3 * 0.5625);

        MultiLayerNetwork grouped = net(3);
        assertThat(LayerwiseLrDecay.of(0.5).groups(List.of(List.of("layer2"), List.of("layer1", "layer0")))
                .applyTo(grouped)).containsEntry("layer0", 0.5).containsEntry("layer1", 0.5);
    }

    @Test
    void fineTuningMdWarmupAfterTransferLearning() {
        SyntheticData.Split split = SyntheticData.split(SyntheticData.ionosphereShaped(42), 0.8, 42);
        DataSetIterator trainIterator = new ExistingDataSetIterator(split.train().batchBy(32));
        MultiLayerNetwork pretrained = net(3);
        pretrained.fit(trainIterator, 1);
        int numClasses = 2;

        MultiLayerNetwork net = new TransferLearning.Builder(pretrained)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-4)).build())
                .setFeatureExtractor(0)                             // layer 0 frozen
                .removeOutputLayer()
                .addLayer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(numClasses).activation(Activation.SOFTMAX).build())
                .build();
        ISchedule warmup = Schedules.startingAt(ScheduleType.ITERATION, net.getIterationCount(),
                Schedules.warmupCosine(ScheduleType.ITERATION, 1e-5, 1e-3, 1e-6, 200, 5_000));
        Map<String, Double> scales = LayerwiseLrDecay.of(0.8).schedule(warmup).applyTo(net);
        net.fit(trainIterator, 2);

        assertThat(scales).containsOnlyKeys("layer2", "layer1");
        assertThat(net.getLearningRate(1)).isEqualTo(0.8 * warmup.valueAt(net.getIterationCount(), 2));
    }
}
