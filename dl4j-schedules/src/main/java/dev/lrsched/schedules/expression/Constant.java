package dev.lrsched.schedules.expression;

/** A number literal, a named constant ({@code pi}, {@code e}, ...) or a folded constant subtree. */
final class Constant extends Node {

    private final double value;

    Constant(double value) {
        this.value = value;
    }

    @Override
    double eval(double iteration, double epoch, double step) {
        return value;
    }

    double value() {
        return value;
    }

    @Override
    boolean isConstant() {
        return true;
    }
}
