package dev.lrsched.listeners.metric;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Delegates to a {@link DataSetIterator} but reports {@code asyncSupported() == false}, so DL4J never
 * wraps it in an {@code AsyncDataSetIterator} (which can hang forever when the underlying iterator
 * throws, deeplearning4j#7828), and counts the batches it hands out ({@link NonAsyncIterator}).
 */
final class NonAsyncDataSetIterator extends NonAsyncIterator<DataSet, DataSetIterator> implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    NonAsyncDataSetIterator(DataSetIterator delegate) {
        super(delegate);
    }

    @Override
    public DataSet next(int num) {
        return counted(delegate.next(num));
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
