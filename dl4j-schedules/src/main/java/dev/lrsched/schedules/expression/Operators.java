package dev.lrsched.schedules.expression;

/**
 * The operators {@code + - * / % ^} and unary minus, with exp4j 0.4.8's arithmetic: plain Java
 * {@code double} operations, {@code ^} is {@link Math#pow}, and {@code /} and {@code %} throw
 * {@link DivisionByZeroException} when the right operand {@code == 0} (so also for {@code -0.0}).
 * Unary plus is the identity and has no node. Operands are evaluated left to right, as exp4j's
 * postfix evaluation does, so the first division by zero is the one reported.
 */
final class Operators {

    private Operators() {
    }

    /**
     * The node for the binary operator {@code op} (one of {@code + - * / % ^}): folded if both operands
     * are constant, a node holding the constant if one is (see {@link BinaryNodes}).
     */
    static Node binary(char op, Node left, Node right) {
        if (left.isConstant() && right.isConstant()) {
            return Node.fold(general(op, left, right), left, right);
        }
        if (right.isConstant()) {
            return withConstantRight(op, left, ((Constant) right).value());
        }
        if (left.isConstant()) {
            return withConstantLeft(op, ((Constant) left).value(), right);
        }
        return general(op, left, right);
    }

    private static Node general(char op, Node a, Node b) {
        switch (op) {
            case '+': return new BinaryNodes.Add(a, b);
            case '-': return new BinaryNodes.Subtract(a, b);
            case '*': return new BinaryNodes.Multiply(a, b);
            case '/': return new BinaryNodes.Divide(a, b);
            case '%': return new BinaryNodes.Remainder(a, b);
            case '^': return new BinaryNodes.Power(a, b);
            default: throw new AssertionError("not a binary operator: " + op);
        }
    }

    private static Node withConstantRight(char op, Node a, double b) {
        switch (op) {
            case '+': return new BinaryNodes.AddConstant(a, b);
            case '-': return new BinaryNodes.SubtractConstant(a, b);
            case '*': return new BinaryNodes.MultiplyConstant(a, b);
            case '/': return new BinaryNodes.DivideConstant(a, b);
            case '%': return new BinaryNodes.RemainderConstant(a, b);
            case '^': return new BinaryNodes.PowerConstant(a, b);
            default: throw new AssertionError("not a binary operator: " + op);
        }
    }

    private static Node withConstantLeft(char op, double a, Node b) {
        switch (op) {
            case '+': return new BinaryNodes.ConstantAdd(a, b);
            case '-': return new BinaryNodes.ConstantSubtract(a, b);
            case '*': return new BinaryNodes.ConstantMultiply(a, b);
            case '/': return new BinaryNodes.ConstantDivide(a, b);
            case '%': return new BinaryNodes.ConstantRemainder(a, b);
            case '^': return new BinaryNodes.ConstantPower(a, b);
            default: throw new AssertionError("not a binary operator: " + op);
        }
    }

    /** {@code -operand}, folded if constant. */
    static Node negate(Node operand) {
        return Node.fold(new Negate(operand), operand);
    }

    static final class Negate extends Node {
        private final Node operand;

        Negate(Node operand) {
            this.operand = operand;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return -operand.eval(iteration, epoch, step);
        }
    }
}
