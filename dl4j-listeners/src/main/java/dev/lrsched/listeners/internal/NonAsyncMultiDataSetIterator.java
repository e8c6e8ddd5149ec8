package dev.lrsched.listeners.internal;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link NonAsyncDataSetIterator} for {@link MultiDataSetIterator}s. Not public API. */
public final class NonAsyncMultiDataSetIterator implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient MultiDataSetIterator delegate;
    private long batchesServed;

    public NonAsyncMultiDataSetIterator(MultiDataSetIterator delegate) {
        this.delegate = delegate;
    }

    public long batchesServed() {
        return batchesServed;
    }

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
