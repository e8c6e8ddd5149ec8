package dev.lrsched.listeners.metric;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link NonAsyncDataSetIterator} for {@link MultiDataSetIterator}s. */
final class NonAsyncMultiDataSetIterator implements MultiDataSetIterator, CountedBatches {

    private static final long serialVersionUID = 1L;

    private final transient MultiDataSetIterator delegate;
    private long batchesServed;

    NonAsyncMultiDataSetIterator(MultiDataSetIterator delegate) {
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
    public MultiDataSet next(int num) {
        MultiDataSet d = delegate.next(num);
        batchesServed++;
        return d;
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet d = delegate.next();
        batchesServed++;
        return d;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        delegate.setPreProcessor(preProcessor);
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return delegate.getPreProcessor();
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
}
