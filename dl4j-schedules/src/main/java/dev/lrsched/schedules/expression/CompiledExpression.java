package dev.lrsched.schedules.expression;

import java.util.Objects;

/**
 * A math expression of {@code iteration}, {@code epoch} and {@code step}, parsed once into a tree of
 * small immutable nodes: evaluating it allocates nothing, takes no lock and is safe from any number of
 * threads. It is {@link dev.lrsched.schedules.LambdaSchedule}'s evaluator; the grammar, the limits and
 * the guarantee are documented there.
 *
 * <p>Only arithmetic exists in the language: there is no way to name a Java class, call a method,
 * allocate, loop or read anything but the three counters, so an expression from untrusted JSON can at
 * worst be rejected or evaluate to a bad number.
 *
 * <p>Usage: {@code CompiledExpression.compile("min(1, step / 500)").evaluate(0, 0, 250)} is {@code 0.5}.
 */
public final class CompiledExpression {

    /** The longest expression accepted, in {@code char}s; real configurations are far shorter. */
    public static final int MAX_LENGTH = 4096;
    /**
     * The deepest nesting accepted: each parenthesised group, function argument, unary sign and
     * {@code ^} operand is one level.
     */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final Node root;

    private CompiledExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text} (linear time in its length, bounded recursion).
     *
     * @throws IllegalArgumentException naming {@code expression}, quoting the text and saying why it is
     *                                  rejected: longer than {@link #MAX_LENGTH}, blank, not parsable,
     *                                  an unknown name, deeper than {@link #MAX_DEPTH}
     */
    public static CompiledExpression compile(String text) {
        Objects.requireNonNull(text, "expression");
        if (text.length() > MAX_LENGTH) {
            throw Messages.rejected(text, "is longer than the limit of " + MAX_LENGTH + " characters");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("expression must not be blank, got " + Messages.quote(text));
        }
        return new CompiledExpression(text, Parser.parse(text));
    }

    /**
     * The value at these counters, bit for bit what exp4j 0.4.8 computes for the same text.
     *
     * @throws DivisionByZeroException where exp4j threw {@link ArithmeticException} (a zero divisor of
     *                                 {@code /} or {@code %}, {@code cot} where {@code tan == 0})
     */
    public double evaluate(double iteration, double epoch, double step) {
        return root.eval(iteration, epoch, step);
    }

    /** Whether the expression reads no counter (it was folded into one number). */
    public boolean isConstant() {
        return root.isConstant();
    }

    /** The source text. */
    @Override
    public String toString() {
        return text;
    }
}
