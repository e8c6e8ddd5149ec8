package dev.lrsched.schedules.expression;

/**
 * Thrown by {@link CompiledExpression#evaluate} where exp4j 0.4.8 threw {@link ArithmeticException}:
 * a {@code /} or {@code %} whose right operand is zero ({@code "Division by zero!"}) and {@code cot(x)}
 * where {@code tan(x)} is zero ({@code "Division by zero in cotangent!"}); the messages are exp4j's.
 *
 * <p>The two instances are preallocated, without stack trace or suppressed exceptions, so even a failing
 * evaluation allocates nothing; callers turn them into their own exception (LambdaSchedule: an
 * {@link IllegalStateException} naming the expression and the counters).
 */
public final class DivisionByZeroException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A {@code /} or {@code %} by zero. */
    static final DivisionByZeroException DIVISION = new DivisionByZeroException("Division by zero!");
    /** {@code cot(x)} where {@code tan(x) == 0}. */
    static final DivisionByZeroException COTANGENT = new DivisionByZeroException("Division by zero in cotangent!");

    private DivisionByZeroException(String message) {
        super(message, null, false, false);
    }
}
