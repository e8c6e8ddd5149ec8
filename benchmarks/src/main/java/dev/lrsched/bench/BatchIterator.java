package dev.lrsched.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-memory minibatch iterator over double[][] rows: deterministic (reshuffles with its own seeded
 * {@link Random} on every reset if asked), never async (DL4J fits it on the calling thread, no prefetch
 * thread to add noise).
 */
public final class BatchIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final double[][] x;
    private final double[][] y;
    private final int batchSize;
    private final Random shuffle;
    private final int[] order;
    private List<DataSet> batches;
    private int cursor;

    /**
     * @param shuffleSeed null: fixed order, batches built once (validation/benchmark data); otherwise the
     *                    rows are reshuffled with this seed's stream at construction and every reset
     */
    public BatchIterator(double[][] x, double[][] y, int batchSize, Long shuffleSeed) {
        this.x = x;
        this.y = y;
        this.batchSize = batchSize;
        this.shuffle = shuffleSeed == null ? null : new Random(shuffleSeed);
        this.order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        build();
    }

    private void build() {
        if (shuffle != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        } else if (batches != null) {
            return;
        }
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            double[][] bx = new double[n][];
            double[][] by = new double[n][];
            for (int k = 0; k < n; k++) {
                bx[k] = x[order[start + k]];
                by[k] = y[order[start + k]];
            }
            INDArray f = Nd4j.create(bx);
            INDArray l = Nd4j.create(by);
            out.add(new DataSet(f, l));
        }
        batches = out;
    }

    /** The minibatches of the current epoch, in order. */
    public List<DataSet> batches() {
        return batches;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int inputColumns() {
        return x[0].length;
    }

    @Override
    public int totalOutcomes() {
        return y[0].length;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
        build();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batches.get(cursor++);
    }
}
