package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.TestNets.Scripted;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

/** One network at a time: sequential reuse is fine, two networks at once (ParallelWrapper) fail loudly. */
class NetworkBindingTest {

    @Test
    void reusedForASecondFitOnARestoredNetworkTheListenerMovesOnAndContinues() throws Exception {
        MultiLayerNetwork first = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0, 1.0, 1.0, 1.0)).patience(0).factor(0.5).build();
        first.addListeners(plateau);
        first.fit(TestNets.trainSmall(), 2);                      // evaluation 2 reduces: 0.1 -> 0.05
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(first, bytes, true);
        MultiLayerNetwork second = ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        second.addListeners(plateau);
        second.fit(TestNets.trainSmall(), 2);                     // evaluations 3 and 4 reduce the second network
        assertThat(plateau.getEvaluationCount()).isEqualTo(4);
        assertThat(second.getLearningRate(0)).isEqualTo(0.0125);
        assertThat(first.getLearningRate(0)).isEqualTo(0.05);
    }

    @Test
    void calledForANetworkItHasLeftItFailsInsteadOfRacing() {
        MultiLayerNetwork a = TestNets.mln(new Sgd(0.1));
        ComputationGraph b = TestNets.graph(new Sgd(0.1));
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder().build();
        plateau.iterationDone(a, 0, 0);
        plateau.iterationDone(b, 0, 0);                          // could be a sequential second run: allowed
        assertThatThrownBy(() -> plateau.iterationDone(a, 1, 0))  // back to a: two networks at once
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ReduceLROnPlateauListener is attached to more than one network at once: it"
                        + " was called for a network it had left for another one (ComputationGraph@")
                .hasMessageContaining("Use one listener per network; under ParallelWrapper (or anything that trains"
                        + " copies of a network in parallel) use dev.lrsched.parallel.ParallelPlateauController");
        assertThatThrownBy(() -> plateau.step(a, 1.0)).isInstanceOf(IllegalStateException.class);
        assertThat(plateau.getEvaluationCount()).isZero();
    }

    @Test
    void onAParallelWrapperWorkerThreadItFailsBeforeDoingAnything() throws InterruptedException {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder().evaluateEveryIterations(1).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                plateau.iterationDone(net, 0, 0);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "ParallelWrapper training thread 1");
        worker.start();
        worker.join();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("ReduceLROnPlateauListener was called on a ParallelWrapper worker thread (\"ParallelWrapper"
                        + " training thread 1\"): ParallelWrapper attaches the same listener to every worker's copy of"
                        + " the network, where it sees no epoch end and would step one plateau from several threads on"
                        + " different networks. Remove it from the network and use"
                        + " dev.lrsched.parallel.ParallelPlateauController (artifact dev.lrsched:lrsched-parallel),"
                        + " which steps the plateau on the training thread between ParallelWrapper.fit calls:"
                        + " controller.fitEpochs(wrapper, trainData, nEpochs)");
        assertThat(plateau.getEvaluationCount()).isZero();
        plateau.iterationDone(net, 0, 0);                        // the same listener on an ordinary thread works
        assertThat(plateau.getEvaluationCount()).isEqualTo(1);
    }
}
