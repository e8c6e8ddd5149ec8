package dev.lrsched.listeners.metric;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What {@link NonAsyncDataSetIterator} and {@link NonAsyncMultiDataSetIterator} share: the delegate, the batch
 * count and {@code asyncSupported() == false}. The two ND4J iterator interfaces have no common supertype beyond
 * {@link Iterator}, so {@code reset}, {@code resetSupported} and the preprocessor methods stay in each subclass.
 *
 * @param <T> the batch type
 * @param <I> the delegate's iterator type
 */
abstract class NonAsyncIterator<T, I extends Iterator<T>> implements Iterator<T>, CountedBatches, Serializable {

    private static final long serialVersionUID = 1L;

    final transient I delegate;
    private long batchesServed;

    NonAsyncIterator(I delegate) {
        this.delegate = delegate;
    }

    @Override
    public final long batchesServed() {
        return batchesServed;
    }

    @Override
    public final void resetCount() {
        batchesServed = 0;
    }

    /** {@code batch}, counted. */
    final T counted(T batch) {
        batchesServed++;
        return batch;
    }

    @Override
    public final T next() {
        return counted(delegate.next());
    }

    @Override
    public final boolean hasNext() {
        return delegate.hasNext();
    }

    /** Always false: evaluation runs on the calling thread. */
    public final boolean asyncSupported() {
        return false;
    }
}
