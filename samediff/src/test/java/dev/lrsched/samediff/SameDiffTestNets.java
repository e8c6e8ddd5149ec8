package dev.lrsched.samediff;

import dev.lrsched.schedules.testing.TinyNets;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/** A tiny softmax classifier in SameDiff (double precision) and in-memory data, for tests. */
final class SameDiffTestNets {

    static final String[] PARAMS = {"w", "b"};

    private SameDiffTestNets() {
    }

    /** in [n, 4] -> softmax(in * w + b) "out" [n, 3]; log loss "loss" against "label"; fixed initial weights. */
    static SameDiff classifier(IUpdater updater) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 4);
        SDVariable label = sd.placeHolder("label", DataType.DOUBLE, -1, 3);
        SDVariable w = sd.var("w", Nd4j.create(new double[][] {{0.1, -0.2, 0.3}, {0.05, 0.2, -0.1}, {-0.3, 0.1, 0.2},
            {0.2, 0.2, -0.2}}));
        SDVariable b = sd.var("b", Nd4j.zeros(DataType.DOUBLE, 1, 3));
        SDVariable out = sd.nn.softmax("out", in.mmul(w).add(b));
        sd.loss.logLoss("loss", label, out);
        sd.setTrainingConfig(TrainingConfig.builder().updater(updater)
                .dataSetFeatureMapping("in").dataSetLabelMapping("label").build());
        return sd;
    }

    /** {@code batches} batches of {@code size} examples ({@link TinyNets#classification}). */
    static List<DataSet> data(long seed, int batches, int size) {
        return TinyNets.classification(seed, batches, size);
    }

    /** 3 batches of 8 per epoch. */
    static ListDataSetIterator<DataSet> train() {
        return new ListDataSetIterator<>(data(1, 3, 8), 1);
    }

    /** 2 batches of 8. */
    static ListDataSetIterator<DataSet> validation() {
        return new ListDataSetIterator<>(data(2, 2, 8), 1);
    }
}
