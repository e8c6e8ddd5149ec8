package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.network.PlateauSerializer;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

class PlateauSerializerTest {

    @TempDir
    File tmp;

    private static PlateauPolicy.State state(long evaluations) {
        PlateauPolicy p = PlateauPolicy.builder().patience(0).build();
        for (int i = 0; i < evaluations; i++) {
            p.step(1.0);
        }
        return p.state();
    }

    @Test
    void theStateTravelsInsideTheModelFileWhichStillRestores() throws IOException {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        net.fit(TestNets.train());
        File f = new File(tmp, "net.zip");
        ModelSerializer.writeModel(net, f, true);
        assertThat(PlateauSerializer.hasState(f)).isFalse();

        PlateauSerializer.addStateToModel(f, state(3));
        PlateauSerializer.addStateToModel(f, state(5)); // replaces
        assertThat(PlateauSerializer.restoreState(f)).isEqualTo(state(5));
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertThat(back.params().data().asFloat()).isEqualTo(net.params().data().asFloat());
        assertThat(back.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(tmp.list()).containsExactly("net.zip"); // no temporary file left behind

        ComputationGraph graph = TestNets.graph(new Sgd(0.1));
        File g = new File(tmp, "graph.zip");
        graph.save(g, true);
        PlateauSerializer.addStateToModel(g, state(2));
        assertThat(ComputationGraph.load(g, true).params()).isEqualTo(graph.params());
        assertThat(PlateauSerializer.restoreState(g).getLastEpoch()).isEqualTo(2);
    }

    @Test
    void theListenerBuilderRestoresFromTheFileInOneCall() throws IOException {
        File f = new File(tmp, "net.zip");
        TestNets.mln(new Sgd(0.1)).save(f, true);
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).build();
        l.step(TestNets.mln(new Sgd(0.1)), 1.0);
        PlateauSerializer.addStateToModel(f, l);
        ReduceLROnPlateauListener back = ReduceLROnPlateauListener.builder().restoreStateFrom(f).build();
        assertThat(back.state()).isEqualTo(l.state());
        assertThat(back.getEvaluationCount()).isEqualTo(1);
    }

    @Test
    void badFilesAreRejectedWithTheReason() throws IOException {
        File model = new File(tmp, "net.zip");
        TestNets.mln(new Sgd(0.1)).save(model, true);
        assertThatThrownBy(() -> PlateauSerializer.restoreState(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(model + " holds no plateau state (no entry lrsched/plateau-state.json): save it with"
                        + " PlateauSerializer.addStateToModel or PlateauCheckpointListener");

        File text = new File(tmp, "notes.txt");
        Files.writeString(text.toPath(), "not a model");
        assertThatThrownBy(() -> PlateauSerializer.restoreState(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(text + " is not a model file written by ModelSerializer (not a zip");
        assertThatThrownBy(() -> PlateauSerializer.addStateToModel(text, state(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(text.toPath())).isEqualTo("not a model");

        assertThatThrownBy(() -> PlateauSerializer.restoreState(new File(tmp, "missing.zip")))
                .hasMessage("cannot read the plateau state from " + new File(tmp, "missing.zip") + ": no such file");

        File malformed = zipWith(new File(tmp, "malformed.zip"), "{\"mode\": \"MIN\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PlateauSerializer.restoreState(malformed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid PlateauPolicy.State JSON");

        File huge = zipWith(new File(tmp, "huge.zip"), new byte[(1 << 16) + 1]);
        assertThatThrownBy(() -> PlateauSerializer.restoreState(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plateau state in " + huge + " is larger than 65536 bytes: not a state saved by lrsched");
    }

    private static File zipWith(File f, byte[] entry) throws IOException {
        try (OutputStream os = Files.newOutputStream(f.toPath()); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(PlateauSerializer.ENTRY));
            zip.write(entry);
            zip.closeEntry();
        }
        return f;
    }
}
