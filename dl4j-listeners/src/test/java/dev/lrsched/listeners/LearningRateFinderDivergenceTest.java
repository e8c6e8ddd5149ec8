package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.LearningRateFinderResult.StopReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The two divergence stops: {@code smoothed > divergenceThreshold x best} (Lightning, fastai) and
 * {@code smoothed > startLossThreshold x start} (lrsched), on synthetic loss curves with known
 * behaviour and on the real UCI Ionosphere data, whose loss diverges slowly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LearningRateFinderDivergenceTest {

    /**
     * A softmax classifier that diverges slowly: flat at 2.3 (ln 10) up to lr 1e-3, falls to 1.8 at
     * lr 0.1, then climbs to 5 at lr 1 and stays there (a saturated, diverged network): never 4 x its
     * minimum (7.2), but well above where it started.
     */
    private static double slowlyDiverging(double lr) {
        double x = Math.log10(lr);
        return x < -3 ? 2.3 : x < -1 ? 2.3 - 0.25 * (x + 3) : x < 0 ? 1.8 + 3.2 * (x + 1) : 5.0;
    }

    @Test
    void slowDivergenceIsStoppedRelativeToTheStartingLoss() {
        LearningRateFinderResult r = LearningRateFinder.builder().build().runOnLossCurve(
                LearningRateFinderDivergenceTest::slowlyDiverging);
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.reason()).startsWith("smoothed loss ")
                .containsPattern("exceeded 1\\.5 x the starting loss 2\\.(3|29)\\d* \\(mean of the first 10\\) at iteration");
        double lastLr = r.learningRates().get(r.size() - 1);
        assertThat(lastLr).as("after the climb to 5 starts at lr 0.1").isBetween(0.1, 10.0);
        double s = r.smoothedLosses().get(r.size() - 1);
        assertThat(s).isGreaterThan(1.5 * 2.3).isLessThan(4 * 1.8);
        for (int i = 0; i < r.size() - 1; i++) {
            assertThat(r.smoothedLosses().get(i)).as("step %s", i).isLessThanOrEqualTo(1.5 * 2.3);
        }
    }

    @Test
    void theBestRelativeStopAloneMissesThatSlowDivergence() {
        LearningRateFinderResult r = LearningRateFinder.builder().startLossThreshold(Double.MAX_VALUE).build()
                .runOnLossCurve(LearningRateFinderDivergenceTest::slowlyDiverging);
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.size()).isEqualTo(100);
    }

    @Test
    void fastDivergenceIsStoppedRelativeToTheBestLoss() {
        // falls from 10 to 0.1 by lr 1e-2, then explodes: 4 x best (0.4) long before 1.5 x start (15)
        DoubleUnaryOperator curve = lr -> lr < 1e-2 ? 10 - 9.9 * (Math.log10(lr) + 7) / 5 : 0.1 * Math.pow(lr / 1e-2, 2);
        LearningRateFinderResult r = LearningRateFinder.builder().build().runOnLossCurve(curve);
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.reason()).contains("exceeded 4.0 x best");
        LearningRateFinderResult startOnly = LearningRateFinder.builder().divergenceThreshold(Double.MAX_VALUE).build()
                .runOnLossCurve(curve);
        assertThat(startOnly.reason()).contains("x the starting loss");
        assertThat(r.size()).isLessThan(startOnly.size());
    }

    @Test
    void aLowFirstLossDoesNotStopTheTestEarly() {
        // loss(0) = 1 is a lucky minibatch; the untrained loss is 2 +- 0.3. Relative to loss(0) the smoothed
        // loss would pass 1.5 x 1 within a dozen steps; relative to the mean of the first 10 (1.9) it never does.
        DoubleUnaryOperator[] curve = new DoubleUnaryOperator[1];
        int[] calls = {0};
        curve[0] = lr -> {
            int step = calls[0]++;
            return step == 0 ? 1.0 : step % 2 == 0 ? 2.3 : 1.7;
        };
        LearningRateFinderResult r = LearningRateFinder.builder().numIterations(60).build().runOnLossCurve(curve[0]);
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.size()).isEqualTo(60);
    }

    @Test
    void theStartingLossOfAShortRunIsItsFirstStepsMean() {
        // 8 iterations: k = max(1, min(10, 8 / 4)) = 2, start = (2 + 2) / 2 = 2; step 2 at 3.2 > 1.5 x 2 stops,
        // the best-relative rule (4 x 2 = 8) does not.
        double[] losses = {2, 2, 3.2, 1, 1, 1, 1, 1};
        int[] calls = {0};
        LearningRateFinderResult r = LearningRateFinder.builder().numIterations(8).smoothing(0).build()
                .runOnLossCurve(lr -> losses[calls[0]++]);
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("smoothed loss 3.2 exceeded 1.5 x the starting loss 2.0 (mean of the first 2)"
                + " at iteration 2 (lr=" + r.learningRates().get(2) + ")");
    }

    // ------------------------------------------------------------------------------------------
    // the real one: UCI Ionosphere (CC BY 4.0, see data/README.md), 34-34-1 MLP, Nesterovs 0.9

    private static DataSet ionosphere() throws IOException {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LearningRateFinderDivergenceTest.class.getResourceAsStream("data/ionosphere.csv"), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                double[] x = new double[34];
                for (int i = 0; i < 34; i++) {
                    x[i] = Double.parseDouble(f[i]);
                }
                xs.add(x);
                ys.add(new double[] {f[34].equals("g") ? 1 : 0});
            }
        }
        // the UCI split's training part: the first 200 rows
        return new DataSet(Nd4j.create(xs.subList(0, 200).toArray(new double[0][])),
                Nd4j.create(ys.subList(0, 200).toArray(new double[0][])));
    }

    private static MultiLayerNetwork ionosphereNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1000).updater(new Nesterovs(0.01, 0.9)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(34).nOut(34).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(34).nOut(1).activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void realSlowlyDivergingLossIsStoppedOnlyByTheStartRule() throws IOException {
        DataSet train = ionosphere();
        train.shuffle(7);
        List<DataSet> batches = train.batchBy(16);
        LearningRateFinderResult r = LearningRateFinder.builder().build()
                .run(ionosphereNet(), new ExistingDataSetIterator(batches));
        LearningRateFinderResult bestOnly = LearningRateFinder.builder().startLossThreshold(Double.MAX_VALUE).build()
                .run(ionosphereNet(), new ExistingDataSetIterator(batches));

        assertThat(bestOnly.stopReason()).as("never 4 x the minimum: %s", bestOnly).isEqualTo(StopReason.COMPLETED);
        assertThat(r.stopReason()).as("%s", r).isEqualTo(StopReason.DIVERGED);
        assertThat(r.reason()).contains("x the starting loss");
        assertThat(r.losses()).as("the same curve up to the stop").isEqualTo(bestOnly.losses().subList(0, r.size()));
        assertThat(r.size()).isLessThan(100);
        double minLr = r.minLossLearningRate().getAsDouble();
        for (SuggestionRule rule : SuggestionRule.values()) {
            assertThat(r.suggestion(rule).getAsDouble()).as("%s", rule).isLessThanOrEqualTo(minLr);
        }
    }
}
