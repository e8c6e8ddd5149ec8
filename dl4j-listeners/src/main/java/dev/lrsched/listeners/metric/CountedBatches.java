package dev.lrsched.listeners.metric;

/** A validation iterator that counts the batches it hands out, so an evaluation over no data is noticed. */
interface CountedBatches {

    boolean resetSupported();

    void reset();

    boolean hasNext();

    /** Batches returned by {@code next} since the last {@link #resetCount()}. */
    long batchesServed();

    void resetCount();
}
