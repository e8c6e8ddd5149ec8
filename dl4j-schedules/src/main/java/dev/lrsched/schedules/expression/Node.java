package dev.lrsched.schedules.expression;

/**
 * One node of a compiled expression: a pure function of the three counters. Every subclass is final
 * and immutable (final fields only), so a tree is safe to share between threads, and {@link #eval}
 * allocates nothing.
 */
abstract class Node {

    /**
     * The value at these counters.
     *
     * @throws DivisionByZeroException where exp4j 0.4.8 throws on a zero divisor ({@code /}, {@code %},
     *                                 {@code cot})
     */
    abstract double eval(double iteration, double epoch, double step);

    /** Whether the value is the same at every counter (so it may be folded into a {@link Constant}). */
    boolean isConstant() {
        return false;
    }

    /**
     * {@code node} itself, or its value as a {@link Constant} when all its operands are constants and
     * evaluating it does not throw (a constant division by zero stays in the tree and throws at run
     * time, exactly where exp4j threw).
     */
    static Node fold(Node node, Node... operands) {
        for (Node operand : operands) {
            if (!operand.isConstant()) {
                return node;
            }
        }
        try {
            return new Constant(node.eval(0, 0, 0));
        } catch (DivisionByZeroException e) {
            return node;
        }
    }
}
