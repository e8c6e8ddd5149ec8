package dev.lrsched.schedules;

import dev.lrsched.schedules.expression.CompiledExpression;
import dev.lrsched.schedules.expression.DivisionByZeroException;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.ObjectStreamException;
import java.util.List;
import java.util.Objects;
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
 * <p><b>The language</b> is that of <a href="https://www.objecthunter.net/exp4j/">exp4j</a> 0.4.8 (which
 * earlier lrsched versions used), plus {@code min} and {@code max}; lrsched parses it itself, once, into
 * a tree of small immutable nodes.
 * <table>
 *   <caption>Operators, loosest first (exp4j's precedences)</caption>
 *   <tr><th>operator</th><th>meaning</th><th>binds</th></tr>
 *   <tr><td>{@code a + b}, {@code a - b}</td><td>sum, difference</td><td>500, left to right</td></tr>
 *   <tr><td>{@code a * b}, {@code a / b}, {@code a % b}, {@code 2epoch}, {@code 2(epoch + 1)},
 *       {@code epoch epoch}</td><td>product, quotient, Java remainder; implicit multiplication
 *       where an operand directly follows a number, name or {@code )}</td><td>1000, left to right</td></tr>
 *   <tr><td>{@code -a}, {@code +a}</td><td>sign</td><td>5000</td></tr>
 *   <tr><td>{@code a ^ b}</td><td>{@link Math#pow}</td><td>10000, right to left:
 *       {@code -2^2 = -4}, {@code 2^3^2 = 512}, {@code 2^-1 = 0.5}</td></tr>
 * </table>
 * Operands: numbers as {@link Double#parseDouble} reads them ({@code 3}, {@code .5}, {@code 1e-3},
 * {@code 2.5E+4}); the variables {@code iteration}, {@code epoch}, {@code step}; the constants {@code pi}
 * and {@code π} ({@link Math#PI}), {@code e} ({@link Math#E}) and {@code φ} (exp4j's 1.61803398874);
 * parentheses ({@code [ ]} and <code>{ }</code> work too); the functions {@code abs acos asin atan cbrt
 * ceil cos cosh cot exp expm1 floor log log10 log1p log2 signum sin sinh sqrt tan tanh} (one argument,
 * the {@link Math} method of that name; {@code log2(x) = log(x) / log(2)}, {@code signum(NaN) = 0}) and
 * {@code pow min max} (two arguments). As in exp4j a name is the longest known name at that position
 * ({@code epochstep} is {@code epoch * step}) and a one-argument function may omit its parentheses,
 * then applying to the rest of the enclosing group ({@code sin 2 + 1} is {@code sin(3)}).
 *
 * <p><b>Exactness.</b> Every expression exp4j 0.4.8 accepted with the right number of arguments per
 * function gives the same double, bit for bit, at every counter (a differential test against exp4j
 * checks this on hand-picked and randomly generated expressions), and throws where exp4j threw. Rejected
 * now although exp4j evaluated them: argument lists that do not match the function
 * ({@code min(1, 2, 3) + min(4)} or {@code min((1, 2))}, which exp4j's stack happened to balance).
 * Accepted now although exp4j failed with an index error: Unicode whitespace (such as U+2003) at the
 * very end. Every other expression exp4j rejected is rejected, now with a message saying why.
 *
 * <p><b>Safety and limits.</b> The language is arithmetic only: no name can reach a Java class, a method,
 * a file or the network, and there are no loops, so a configuration containing a {@code LambdaSchedule}
 * is safe to load from untrusted JSON. Parsing takes time linear in the length and bounded stack; an
 * expression longer than {@value CompiledExpression#MAX_LENGTH} characters or nested deeper than
 * {@value CompiledExpression#MAX_DEPTH} levels (each parenthesis, function argument, sign and {@code ^}
 * operand is a level) is rejected, naming the limit. {@link #valueAt} allocates nothing and takes no
 * lock; the schedule is immutable and thread-safe. {@code equals} compares the expression text:
 * {@code "1/x"} and {@code "1 / x"} are different schedules.
 *
 * <p>Errors. Construction rejects a null, blank, too long, too deep or unparsable expression, unknown
 * variables or functions, and an expression whose value at iteration 0, epoch 0 is not finite or
 * negative ({@code IllegalArgumentException} naming {@code expression}, quoting the text (at most 80
 * characters of it) and saying why). At run time a value that is NaN, infinite or negative (e.g.
 * {@code "1/(10-epoch)"} after epoch 10), or a division by zero ({@code /} or {@code %} by 0,
 * {@code cot} where {@code tan} is 0: exp4j's {@code "Division by zero!"}), throws
 * {@link IllegalStateException} naming the expression, both counters and the value: a schedule never
 * hands NaN to an updater.
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

    /**
     * Parsed once. Transient and rebuilt on first use after deserialization: Java serialization goes
     * through {@code readResolve}, but Kryo (DL4J on Spark) restores fields without calling any method.
     * Not volatile: a {@link CompiledExpression} is immutable (final fields only), so a thread that sees
     * null merely compiles its own equal copy (the racy single-check idiom of {@code String.hashCode}).
     */
    private transient CompiledExpression compiled;

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
        CompiledExpression c = CompiledExpression.compile(expression);
        double f0;
        try {
            f0 = c.evaluate(0, 0, 0);
        } catch (DivisionByZeroException e) {
            throw new IllegalArgumentException("expression " + quoted(expression)
                    + " must give a finite value >= 0 at iteration 0, epoch 0, got " + e.getMessage());
        }
        if (!(f0 >= 0) || Double.isInfinite(f0)) {
            throw new IllegalArgumentException("expression " + quoted(expression)
                    + " must give a finite value >= 0 at iteration 0, epoch 0, got " + f0);
        }
        this.compiled = c;
    }

    /** The text in quotes; a long one cut to its first 80 characters and its length. */
    private static String quoted(String expression) {
        return expression.length() <= 80 ? "\"" + expression + "\""
                : "\"" + expression.substring(0, 80) + "...\" (" + expression.length() + " characters)";
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
            f = compiled().evaluate(it, ep, step);
        } catch (DivisionByZeroException e) {
            throw failure(it, ep, e.getMessage());
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

    /** The compiled form, rebuilt if a serializer that bypasses constructors left it null. */
    private CompiledExpression compiled() {
        CompiledExpression c = compiled;
        if (c == null) {
            c = CompiledExpression.compile(expression); // validated when this instance was first constructed
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
