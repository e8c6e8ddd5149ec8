package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.Schedules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The demos' training code really trains, with the learning rates they print. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemosTest {

    @Test
    void mainDemoRunRecordsTheScheduleLrPerEpochAndLearnsTheSpirals() {
        SyntheticData.Split split = SyntheticData.split(SyntheticData.spirals(300, 3, 0.2, 7), 0.75, 7);
        List<DataSet> train = split.train().batchBy(MainDemo.BATCH);
        int perEpoch = train.size();
        int total = MainDemo.EPOCHS * perEpoch;
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(new ListDataSetIterator<>(split.validation().batchBy(128), 1), Metric.LOSS)
                .factor(0.5).patience(3).build();
        MainDemo.Run run = MainDemo.train("t", new Adam(Schedules.warmupCosine(ScheduleType.ITERATION,
                0.001, 0.01, 0.0001, 2 * perEpoch, total)), plateau, split, train);

        assertThat(run.lrs()).hasSize(MainDemo.EPOCHS);
        assertThat(run.lrs()[0]).isEqualTo(0.001);                 // warmup start, epoch 1 begins at iteration 0
        assertThat(run.lrs()[2]).isEqualTo(0.01);                  // warmup ends after 2 epochs
        assertThat(run.valAcc()[MainDemo.EPOCHS - 1]).isGreaterThan(0.9);
        assertThat(run.reductions()).isEqualTo(plateau.getNumReductions());
        assertThat(plateau.getHistory()).hasSize(MainDemo.EPOCHS);   // one evaluation per epoch
        // the chart's per-iteration LR comes from the LearningRateMonitor: every update, x in epochs
        assertThat(run.lrY()).hasSize(total).startsWith(0.001);
        assertThat(run.lrX()[perEpoch]).isEqualTo(1.0);
        assertThat(run.lrY()[2 * perEpoch]).isEqualTo(0.01);
        // reductions are marked at the end of the epoch whose evaluation reduced (1-based epoch numbers)
        assertThat(run.reductionEpochs()).containsExactly(plateau.getHistory().stream().filter(s -> s.isReduced())
                .mapToDouble(s -> s.getEvaluation()).toArray());
    }

    @Test
    void seedArticleRunEndsAtTheScheduledLrAndLearnsTheRealData() {
        SeedArticleDemo.Split split = SeedArticleDemo.split(Ionosphere.bundled(), 1);
        assertThat(split.train().numExamples()).isEqualTo(245);     // sklearn train_test_split(train_size=0.7)
        assertThat(split.test().numExamples()).isEqualTo(106);
        SeedArticleDemo.Policy linear = SeedArticleDemo.policies(SeedArticleDemo.EPOCHS).get(1);
        SeedArticleDemo.Run r = SeedArticleDemo.run(linear, split, SeedArticleDemo.EPOCHS, 1, null);
        assertThat(r.finalLr()).isEqualTo(0.05);           // LinearLR(1.0 -> 0.5, 30) after 50 epochs
        assertThat(r.testAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void seedArticleStudyPrintsTheArticleLinesAndOneTableRowPerSplit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SeedArticleDemo.Study s = SeedArticleDemo.study(Ionosphere.bundled(), 2, 3, out);
        SeedArticleDemo.printTables(s, out);
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(s.testAccuracy()).hasDimensions(7, 2);
        // the article's lines, for the first split only: 7 policies x 3 epochs
        assertThat(text.lines().filter(l -> l.startsWith("Epoch ")).count()).isEqualTo(21);
        assertThat(text).contains("Epoch 0: SGD lr 0.1000 -> 0.0983");  // LinearLR: 0.1 * (1 - 0.5 / 30)
        assertThat(text).contains("Epoch 0: SGD lr 0.0100 -> 0.0550");  // warmup over 2 epochs (3-epoch run) from 0.01
        assertThat(text).contains("|     1 |").contains("|     2 |");     // per-split rows
        assertThat(text).contains("| constant | ").contains("| LambdaLR(1/(1+0.01 e)) | ");
        assertThat(s.splitSeeds()).containsExactly(1, 2);
    }

    @Test
    void seedArticleSplitsAreTheOnesTheTorchScriptUses() {
        // tools/torch/javarandom.py: permutation(351, 1)[:10] (a Python port of java.util.Random + this shuffle)
        assertThat(Arrays.copyOf(SeedArticleDemo.permutation(351, 1), 10))
                .containsExactly(138, 218, 230, 114, 124, 182, 248, 258, 319, 23);
        int[] p = SeedArticleDemo.permutation(351, 7);
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(IntStream.range(0, 351).toArray());
    }

    @Test
    void seedArticleArgumentsAreChecked() {
        assertThatThrownBy(() -> SeedArticleDemo.main(new String[] {"--splits=0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--splits must be an integer >= 1, got '0'");
        assertThatThrownBy(() -> SeedArticleDemo.main(new String[] {"--epochs=x"}))
                .hasMessage("--epochs must be an integer >= 1, got 'x'");
    }

    @Test
    void seedArticleNetworkStartsFromTorchsDefaultLinearInit() {
        MultiLayerNetwork net = SeedArticleDemo.network(new FixedSchedule(0.1), 3);
        double bound = 1 / Math.sqrt(34);                         // nn.Linear: U(-1/sqrt(in), 1/sqrt(in)), in = 34 for both
        for (int i = 0; i < 2; i++) {
            for (String param : new String[] {"W", "b"}) {
                INDArray v = net.getLayer(i).getParam(param);
                assertThat(v.amaxNumber().doubleValue()).as("layer %d %s", i, param).isLessThanOrEqualTo(bound);
                assertThat(v.aminNumber().doubleValue()).as("layer %d %s", i, param).isGreaterThan(0);
            }
        }
        assertThat(net.getLayer(0).getParam("b").amaxNumber().doubleValue()).isGreaterThan(0.8 * bound); // 34 draws
        assertThat(SeedArticleDemo.network(new FixedSchedule(0.1), 3).params().toFloatVector())
                .containsExactly(net.params().toFloatVector());     // same seed, same start for every policy
    }
}
