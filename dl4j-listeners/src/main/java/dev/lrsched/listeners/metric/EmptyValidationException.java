package dev.lrsched.listeners.metric;

/**
 * The validation data of an evaluation had no examples: a configuration error (an empty iterator or RDD, or an
 * exhausted iterator that cannot be reset), reported as itself rather than as a failed evaluation.
 */
public final class EmptyValidationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message starts with "validation data is empty: " and names the evaluation */
    public EmptyValidationException(String message) {
        super(message);
    }

    /** The exception for an iterator that returned no batches for evaluation #{@code evaluation}. */
    public static EmptyValidationException forIterator(long evaluation) {
        return new EmptyValidationException("validation data is empty: the validation iterator returned no batches"
                + " for evaluation #" + evaluation + " (an exhausted iterator with resetSupported() == false is empty"
                + " after the first evaluation)");
    }
}
