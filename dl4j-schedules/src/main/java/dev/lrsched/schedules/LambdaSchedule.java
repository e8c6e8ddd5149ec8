package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.ObjectStreamException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import net.objecthunter.exp4j.function.Function;
import net.objecthunter.exp4j.tokenizer.UnknownFunctionOrVariableException;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code initialValue} times a factor given as a math expression of the DL4J counters; the
 * JSON-serialisable counterpart of PyTorch {@code LambdaLR}.
 *
 * <pre>
 *   iteration, epoch = DL4J's counters, read unsigned
 *   step             = the counter selected by scheduleType (iteration or epoch)
 *   value            = initialValue * f(iteration, epoch, step)
 * </pre>
 *
 * <p>Matches PyTorch {@code LambdaLR(optimizer, lr_lambda=lambda step: f)} with {@code lr=initialValue}
 * exactly (up to the floating-point evaluation of {@code f}); for example
 * {@code new LambdaSchedule(ScheduleType.EPOCH, 0.1, "1 / (1 + 0.01 * epoch)")} is
 * {@code LambdaLR(SGD(lr=0.1), lambda epoch: 1 / (1 + 0.01 * epoch))}. torch cannot save a lambda in a
 * {@code state_dict}; here the expression text is the configuration, so it is saved in DL4J's JSON and
 * by {@code ModelSerializer} like any other parameter.
 *
 * <p>The expression is parsed once by <a href="https://www.objecthunter.net/exp4j/">exp4j</a> 0.4.8:
 * numbers, {@code + - * / ^ %}, unary minus, parentheses, the functions {@code abs acos asin atan cbrt
 * ceil cos cosh cot exp expm1 floor log log10 log1p log2 pow signum sin sinh sqrt tan tanh}, plus
 * {@code min(a, b)} and {@code max(a, b)} added by lrsched, the constants
 * {@code pi}, {@code e}, and the variables {@code iteration}, {@code epoch}, {@code step}. exp4j is
 * pure arithmetic: no scripting, no reflection, no I/O, so a configuration containing a
 * {@code LambdaSchedule} is safe to load from untrusted JSON (a hostile expression can only be slow
 * to evaluate or fail). {@code equals} compares the expression text: {@code "1/x"} and
 * {@code "1 / x"} are different schedules.
 *
 * <p>Errors. Construction rejects a null, blank or unparsable expression, unknown variables or
 * functions, and an expression whose value at iteration 0, epoch 0 is not finite or negative
 * ({@code IllegalArgumentException} naming {@code expression}, the text and the reason). At run time
 * a value that is NaN, infinite or negative (e.g. {@code "1/(10-epoch)"} after epoch 10), or a
 * division by zero, throws {@link IllegalStateException} naming the expression, both counters and
 * the value: a schedule never hands NaN to an updater.
 *
 * <p>Thread-safety: exp4j's {@link Expression} is mutable (variables are set on it before
 * evaluating), so each thread evaluates its own copy (a {@link ThreadLocal}). Unlike the closed-form
 * schedules, {@link #valueAt} allocates a little (exp4j boxes variables and uses an operand stack).
 *
 * <p>Usage: {@code new Sgd(new LambdaSchedule(ScheduleType.EPOCH, 0.1, "0.95 ^ epoch"))}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LambdaSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    /** The variables an expression may use. */
    public static final List<String> VARIABLES = List.of("iteration", "epoch", "step");

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("expression")
    private final String expression;

    /** Two functions exp4j lacks and warm-up expressions need, e.g. {@code min(1, step / 500)}. */
    private static final Function MIN = new Function("min", 2) {
        @Override
        public double apply(double... args) {
            return Math.min(args[0], args[1]);
        }
    };
    private static final Function MAX = new Function("max", 2) {
        @Override
        public double apply(double... args) {
            return Math.max(args[0], args[1]);
        }
    };

    /**
     * Parsed once; each thread evaluates a private copy (exp4j's Expression is not thread-safe).
     * Transient and rebuilt on first use after deserialization: Java serialization goes through
     * {@code readResolve}, but Kryo (DL4J on Spark) restores fields without calling any method.
     */
    private transient volatile ThreadLocal<Expression> compiled;

    /**
     * @param scheduleType which DL4J counter the variable {@code step} reads (ITERATION or EPOCH)
     * @param initialValue the base value the expression multiplies (torch: the optimizer's {@code lr});
     *                     finite, {@code >= 0}
     * @param expression   the factor {@code f} over {@code iteration}, {@code epoch}, {@code step}; not
     *                     blank, parsable, finite and {@code >= 0} at iteration 0, epoch 0
     * @throws IllegalArgumentException naming the parameter, the value and the reason
     */
    @JsonCreator
    public LambdaSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                          @JsonProperty("initialValue") double initialValue,
                          @JsonProperty("expression") String expression) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.expression = Checks.notNull("expression", expression);
        this.compiled = compile(expression);
        double f0;
        try {
            f0 = evaluate(compiled.get(), 0, 0, 0);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expression \"" + expression
                    + "\" must give a finite value >= 0 at iteration 0, epoch 0, got " + reason(e));
        }
        if (!(f0 >= 0) || Double.isInfinite(f0)) {
            throw new IllegalArgumentException("expression \"" + expression
                    + "\" must give a finite value >= 0 at iteration 0, epoch 0, got " + f0);
        }
    }

    private static Expression parse(String expression) {
        if (expression.isBlank()) {
            throw new IllegalArgumentException("expression must not be blank, got \"" + expression + "\"");
        }
        Expression parsed;
        try {
            parsed = new ExpressionBuilder(expression).variables(VARIABLES.get(0), VARIABLES.get(1), VARIABLES.get(2))
                    .functions(MIN, MAX).build();
        } catch (UnknownFunctionOrVariableException e) {
            throw new IllegalArgumentException("expression \"" + expression + "\" uses unknown variable or function '"
                    + unknownName(expression, e.getToken()) + "'; allowed variables: " + String.join(", ", VARIABLES));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expression \"" + expression + "\" cannot be parsed: " + e.getMessage());
        }
        ValidationResult validation = parsed.validate(false);
        if (!validation.isValid()) {
            throw new IllegalArgumentException("expression \"" + expression + "\" cannot be parsed: "
                    + String.join("; ", validation.getErrors()));
        }
        return parsed;
    }

    /** Names exp4j knows besides {@link #VARIABLES}: its built-in functions and constants, plus min/max. */
    private static final Set<String> KNOWN_NAMES = Set.of("abs", "acos", "asin", "atan", "cbrt", "ceil", "cos",
            "cosh", "cot", "exp", "expm1", "floor", "log", "log10", "log1p", "log2", "pow", "signum", "sin", "sinh",
            "sqrt", "tan", "tanh", "min", "max", "pi", "e", "\u03c0", "\u03c6", "iteration", "epoch", "step");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    /**
     * The first whole identifier of {@code expression} that is not a known name. exp4j reports only the
     * part of a word it could not split off (for {@code "exec(step)"} it reads the constant {@code e}
     * and reports {@code "xec"}), which would name something the user never wrote.
     */
    private static String unknownName(String expression, String exp4jToken) {
        Matcher m = IDENTIFIER.matcher(expression);
        while (m.find()) {
            if (!KNOWN_NAMES.contains(m.group())) {
                return m.group();
            }
        }
        return exp4jToken;
    }

    private static double evaluate(Expression e, long iteration, long epoch, long step) {
        return e.setVariable("iteration", iteration).setVariable("epoch", epoch).setVariable("step", step).evaluate();
    }

    private static String reason(ArithmeticException e) {
        return e.getMessage() == null ? "ArithmeticException" : e.getMessage();
    }

    /**
     * @throws IllegalStateException if the expression's value at these counters is NaN, infinite or
     *                               negative, or it divides by zero
     */
    @Override
    public double valueAt(int iteration, int epoch) {
        long it = Counters.unsigned(iteration);
        long ep = Counters.unsigned(epoch);
        long step = scheduleType == ScheduleType.EPOCH ? ep : it;
        double f;
        try {
            f = evaluate(compiled().get(), it, ep, step);
        } catch (ArithmeticException e) {
            throw failure(it, ep, reason(e));
        }
        if (!(f >= 0) || Double.isInfinite(f)) {
            throw failure(it, ep, String.valueOf(f));
        }
        double value = initialValue * f;
        if (Double.isInfinite(value)) {
            throw failure(it, ep, f + " (initialValue * value = " + value + ")");
        }
        return value;
    }

    private IllegalStateException failure(long iteration, long epoch, String got) {
        return new IllegalStateException("LambdaSchedule expression \"" + expression + "\" gave " + got
                + " at iteration " + iteration + ", epoch " + epoch + "; a schedule value must be finite and >= 0");
    }

    private static ThreadLocal<Expression> compile(String expression) {
        Expression prototype = parse(expression);
        return ThreadLocal.withInitial(() -> new Expression(prototype));
    }

    /** The compiled form, rebuilt if a serializer that bypasses constructors left it null. */
    private ThreadLocal<Expression> compiled() {
        ThreadLocal<Expression> c = compiled;
        if (c == null) {
            c = compile(expression); // validated when this instance was first constructed
            compiled = c;
        }
        return c;
    }

    /** Java deserialization: rebuild (and re-validate) the compiled expression from the text. */
    private Object readResolve() throws ObjectStreamException {
        return new LambdaSchedule(scheduleType, initialValue, expression);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getInitialValue() {
        return initialValue;
    }

    public String getExpression() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LambdaSchedule)) {
            return false;
        }
        LambdaSchedule that = (LambdaSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, expression);
    }

    @Override
    public String toString() {
        return "LambdaSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", expression=\"" + expression + "\")";
    }
}
