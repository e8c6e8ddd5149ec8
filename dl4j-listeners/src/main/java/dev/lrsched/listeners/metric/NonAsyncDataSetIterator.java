package dev.lrsched.listeners.metric;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Delegates to a {@link DataSetIterator} but reports {@code asyncSupported() == false}, so DL4J never
 * wraps it in an {@code AsyncDataSetIterator} (which can hang forever when the underlying iterator
 * throws, deeplearning4j#7828), and counts the batches it hands out.
 */
final class NonAsyncDataSetIterator implements DataSetIterator, CountedBatches {

    private static final long serialVersionUID = 1L;

    private final transient DataSetIterator delegate;
    private long batchesServed;

    NonAsyncDataSetIterator(DataSetIterator delegate) {
        this.delegate = delegate;
    }

    @Override
    public long batchesServed() {
        return batchesServed;
    }

    @Override
    public void resetCount() {
        batchesServed = 0;
    }

    @Override
    public DataSet next(int num) {
        DataSet d = delegate.next(num);
        batchesServed++;
        return d;
    }

    @Override
    public DataSet next() {
        DataSet d = delegate.next();
        batchesServed++;
        return d;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public int inputColumns() {
        return delegate.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return delegate.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return delegate.resetSupported();
    }

    /** Always false: evaluation runs on the calling thread. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public int batch() {
        return delegate.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        delegate.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return delegate.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return delegate.getLabels();
    }
}
