package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** A DL4J network as the plateau core sees it, and the LR finder's private copy of it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkAdapterTest {

    @Test
    void groupsAreTheChosenLayersInOrderWithTheirSettings() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1), new Adam(0.01));
        NetworkAdapter all = NetworkAdapter.of("Owner", net, LayerSelection.all());
        assertThat(all.getGroups()).extracting(LearningRateGroup::name).containsExactly("layer0", "layer1");
        assertThat(all.getGroups().get(1).learningRate()).contains(new LearningRate.Fixed(0.01));
        assertThat(all.getGroups().get(1).biasLearningRate()).as("no separate bias updater").isEmpty();
        assertThatThrownBy(() -> all.getGroups().get(1).set(null, new LearningRate.Fixed(0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer layer1 has no bias updater with a learning rate");
        NetworkAdapter byName = NetworkAdapter.of("Owner", net, LayerSelection.of(List.of("layer1", "layer1"), null));
        assertThat(byName.getGroups()).extracting(LearningRateGroup::name).containsExactly("layer1");
        assertThat(byName.getModel()).isSameAs(net);
    }

    @Test
    void copiesShareNothingWithTheOriginalAndKeepItsCounters() {
        MultiLayerNetwork net = TestNets.mln(new Adam(0.01));
        net.fit(TestNets.train(), 2);
        ComputationGraph graph = TestNets.graph(new Adam(0.01));
        graph.fit(TestNets.train(), 3);
        for (NetworkAdapter original : List.of(NetworkAdapter.of("Owner", net, LayerSelection.all()),
                NetworkAdapter.of("Owner", graph, LayerSelection.all()))) {
            NetworkAdapter copy = NetworkAdapter.copyOf(original.getModel());
            assertThat(copy.getModel()).isNotSameAs(original.getModel());
            assertThat(copy.getIterationCount()).isEqualTo(original.getIterationCount()).isPositive();
            assertThat(copy.getEpochCount()).isEqualTo(original.getEpochCount()).isPositive();
            assertThat(copy.getModel().params().data().asFloat()).isEqualTo(original.getModel().params().data().asFloat());
            for (LearningRateGroup g : copy.getGroups()) {
                g.set(new LearningRate.Fixed(1e-5), null);
            }
            assertThat(original.getGroups().get(0).learningRate()).contains(new LearningRate.Fixed(0.01));
            assertThat(copy.getGroups().get(0).learningRate()).contains(new LearningRate.Fixed(1e-5));
        }
        assertThat(((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater()).isEqualTo(new Adam(0.01));
    }

    @Test
    void layersWithoutALearningRateAreSkippedWithOneWarnNamingTheOwnerButNotOnTheCopyPath() {
        MultiLayerNetwork net = TestNets.mln(new AdaDelta(), new Sgd(0.1));
        String[] logs = new String[2];
        logs[0] = stderrOf(() -> assertThat(NetworkAdapter.of("MyFrontEnd", net, LayerSelection.all()).getGroups())
                .extracting(LearningRateGroup::name).containsExactly("layer1"));
        logs[1] = stderrOf(() -> assertThat(NetworkAdapter.copyOf(net).getGroups())
                .extracting(LearningRateGroup::name).containsExactly("layer1"));
        assertThat(logs[0]).contains("MyFrontEnd: skipping layers without a learning rate: [layer0 (AdaDelta)]");
        assertThat(logs[1]).as("the LR finder's copy is not a plateau front end").doesNotContain("skipping");
    }

    /** What slf4j-simple (the test binding, which writes to the current System.err) printed while running. */
    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
