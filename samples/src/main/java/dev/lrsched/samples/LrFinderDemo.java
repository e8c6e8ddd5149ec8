package dev.lrsched.samples;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.SuggestionRule;
import dev.lrsched.samples.plot.Charts;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.knowm.xchart.XYChart;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * LR range test on a small MLP and the ionosphere-shaped generated data set: prints the suggestions,
 * writes {@code lr-finder.png} (and {@code .svg}) to the output folder (first argument, default
 * {@code samples/target/lrsched-samples/}), then trains briefly with the suggested rate.
 */
public final class LrFinderDemo {

    private LrFinderDemo() {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        Path out = RepoPaths.outputDir(args, "samples/target/lrsched-samples");

        SyntheticData.Split split = SyntheticData.split(SyntheticData.ionosphereShaped(42), 0.8, 42);
        MultiLayerNetwork net = network();
        LearningRateFinder finder = LearningRateFinder.builder()
                .startValue(1e-6).endValue(10).numIterations(100).build();
        LearningRateFinderResult result = finder.run(net, new ExistingDataSetIterator(split.train().batchBy(32)));

        System.out.println(finder);
        System.out.println(result);
        System.out.printf("suggested learning rate (%s): %s%n", LearningRateFinderResult.DEFAULT_RULE,
                result.suggestedLearningRate());
        for (SuggestionRule rule : SuggestionRule.values()) {
            System.out.printf("  %-17s %s%n", rule, result.suggestion(rule));
        }
        System.out.printf("  min-loss lr       %s%n", result.minLossLearningRate());

        XYChart chart = Charts.lrFinder(result);
        Path png = Charts.savePng(chart, out.resolve("lr-finder.png"));
        Path svg = Charts.saveSvg(chart, out.resolve("lr-finder.svg"));
        System.out.println("wrote " + png);
        System.out.println("wrote " + svg);

        // The finder left 'net' untouched: train it for a few epochs with the suggestion.
        double lr = result.suggestedLearningRate().orElse(1e-3);
        net.setLearningRate(lr);
        for (int epoch = 0; epoch < 10; epoch++) {
            net.fit(new ExistingDataSetIterator(split.train().batchBy(32)));
        }
        Evaluation eval = net.evaluate(new ExistingDataSetIterator(split.validation().batchBy(64)));
        System.out.printf("validation accuracy after 10 epochs at lr=%.3g: %.3f%n", lr, eval.accuracy());
    }

    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(SyntheticData.IONOSPHERE_FEATURES).nOut(16)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
