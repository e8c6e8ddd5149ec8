package dev.lrsched.listeners.metric;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link NonAsyncDataSetIterator} for {@link MultiDataSetIterator}s. */
final class NonAsyncMultiDataSetIterator extends NonAsyncIterator<MultiDataSet, MultiDataSetIterator>
        implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    NonAsyncMultiDataSetIterator(MultiDataSetIterator delegate) {
        super(delegate);
    }

    @Override
    public MultiDataSet next(int num) {
        return counted(delegate.next(num));
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

    @Override
    public void reset() {
        delegate.reset();
    }
}
