package dev.lrsched.schedules.expression;

import java.util.List;
import java.util.Set;

/**
 * The names an expression may use: exp4j 0.4.8's 23 built-in functions, lrsched's {@code min} and
 * {@code max}, exp4j's four constants and the three variables. exp4j reads a name as the longest of
 * these that starts at the current position (so {@code epochstep} is {@code epoch * step} and
 * {@code exp2} is {@code exp 2}); {@link Lexer} does the same.
 */
final class Functions {

    private Functions() {
    }

    /** The functions of one argument (exp4j's built-ins less {@code pow}). */
    static final List<String> UNARY = List.of("abs", "acos", "asin", "atan", "cbrt", "ceil", "cos", "cosh",
            "cot", "exp", "expm1", "floor", "log", "log10", "log1p", "log2", "signum", "sin", "sinh", "sqrt",
            "tan", "tanh");
    /** The functions of two arguments: exp4j's {@code pow} and lrsched's {@code min}, {@code max}. */
    static final List<String> BINARY = List.of("pow", "min", "max");
    /** exp4j's constants; {@code φ} is exp4j's rounded 1.61803398874, not the exact golden ratio. */
    static final List<String> CONSTANTS = List.of("pi", "\u03c0", "e", "\u03c6");
    static final List<String> VARIABLES = List.of("iteration", "epoch", "step");

    private static final Set<String> ALL = Set.copyOf(concat());
    /** The longest name ({@code iteration}): the lexer never looks further ahead than this. */
    static final int LONGEST_NAME = ALL.stream().mapToInt(String::length).max().getAsInt();

    private static List<String> concat() {
        List<String> all = new java.util.ArrayList<>(UNARY);
        all.addAll(BINARY);
        all.addAll(CONSTANTS);
        all.addAll(VARIABLES);
        return all;
    }

    static boolean isName(String name) {
        return ALL.contains(name);
    }

    static boolean isFunction(String name) {
        return UNARY.contains(name) || BINARY.contains(name);
    }

    /** How many arguments the function {@code name} takes: 1 or 2. */
    static int arity(String name) {
        return BINARY.contains(name) ? 2 : 1;
    }

    /** The value of a constant, or the variable node: what the operand {@code name} stands for. */
    static Node operand(String name) {
        switch (name) {
            case "pi":
            case "\u03c0":
                return new Constant(Math.PI);
            case "e":
                return new Constant(Math.E);
            case "\u03c6":
                return new Constant(1.61803398874d);
            default:
                return Variables.of(name);
        }
    }

    /** The node applying the function {@code name} to {@code args} (of its arity), folded if constant. */
    static Node call(String name, Node... args) {
        return Node.fold(create(name, args), args);
    }

    private static Node create(String name, Node[] a) {
        switch (name) {
            case "abs": return new FunctionNodes.Abs(a[0]);
            case "acos": return new FunctionNodes.Acos(a[0]);
            case "asin": return new FunctionNodes.Asin(a[0]);
            case "atan": return new FunctionNodes.Atan(a[0]);
            case "cbrt": return new FunctionNodes.Cbrt(a[0]);
            case "ceil": return new FunctionNodes.Ceil(a[0]);
            case "cos": return new FunctionNodes.Cos(a[0]);
            case "cosh": return new FunctionNodes.Cosh(a[0]);
            case "cot": return new FunctionNodes.Cot(a[0]);
            case "exp": return new FunctionNodes.Exp(a[0]);
            case "expm1": return new FunctionNodes.Expm1(a[0]);
            case "floor": return new FunctionNodes.Floor(a[0]);
            case "log": return new FunctionNodes.Log(a[0]);
            case "log10": return new FunctionNodes.Log10(a[0]);
            case "log1p": return new FunctionNodes.Log1p(a[0]);
            case "log2": return new FunctionNodes.Log2(a[0]);
            case "signum": return new FunctionNodes.Signum(a[0]);
            case "sin": return new FunctionNodes.Sin(a[0]);
            case "sinh": return new FunctionNodes.Sinh(a[0]);
            case "sqrt": return new FunctionNodes.Sqrt(a[0]);
            case "tan": return new FunctionNodes.Tan(a[0]);
            case "tanh": return new FunctionNodes.Tanh(a[0]);
            case "pow": return new FunctionNodes.Pow(a[0], a[1]);
            case "min": return new FunctionNodes.Min(a[0], a[1]);
            case "max": return new FunctionNodes.Max(a[0], a[1]);
            default: throw new AssertionError("not a function: " + name);
        }
    }
}
