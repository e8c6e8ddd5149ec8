package dev.lrsched.schedules.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.schedules.expression.Exp4jOracle.Outcome;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * lrsched's parser against exp4j 0.4.8 (test scope only), the evaluator LambdaSchedule used before: the
 * same double bit for bit ({@link Double#doubleToLongBits}), the same division-by-zero message, or both
 * rejecting, at several counters. The one deliberate difference, exp4j accepting argument lists that do
 * not fit the function because its stack happened to balance, is checked to be rejected for that reason.
 */
class Exp4jDifferentialTest {

    /** iteration, epoch, step: zero, small, large, a wrapped int counter read unsigned. */
    private static final double[][] COUNTERS = {
            {0, 0, 0}, {1, 0, 1}, {7, 3, 7}, {7, 3, 3}, {12_345, 123, 12_345}, {4_294_967_295.0, 65_535, 65_535}};

    /** Hand-picked: every operator, precedence and associativity case, every spelling exp4j accepts. */
    static final List<String> EDGE_CASES = List.of(
            "1", "3.25", ".5", "5.", "1e-3", "1E3", "2.5e+2", "1.e5", "1e400", "0.1 + 0.2", "1e-320 * 1e-10",
            "-2^2", "2^3^2", "2^-2", "2^-2^2", "-2^-2", "(-2)^2", "-(2)^2", "--2", "---2", "+-+2", "2--3", "2- -3",
            "2*-3", "2*-3^2", "-2*3", "-epoch%3", "7 % 3", "-7 % 3", "7.5 % -2", "1-2-3", "2/3/4", "2^3^4", "1/3*3",
            "2epoch", "2 epoch", "2(epoch+1)", "2 (epoch + 1)", "(1)(2)", "(epoch)2", "epoch(2)", "epoch epoch",
            "epochstep", "stepe", "pie", "ee", "e.5", "2e", "2e-3epoch", "1.5e", "3iteration", "epoch^2(3)",
            "2^3 epoch", "1/2epoch", "-2epoch", "2 epoch^2", "2sin(1)", "2 sin 1 + 1", "π2", "eπ", "stepπ",
            "log3", "exp2", "log23", "log10(100)", "log2(8)", "log1p(1e-10)", "sin2pi", "sqrt step", "sin epoch",
            "sin 2 + 1", "-sin 2 + 1", "2^sin 1 + 1", "sin 2 ^ 2", "(sin 2 + 1) * 3", "min(sin 1, 2)",
            "sin cos(1) + 1", "sin (1) + 2", "sin(1)(2)", "sin sin 1", "sin(1)^2", "-sin(1)^2",
            "abs(-3)", "acos(0.5)", "asin(0.5)", "atan(1)", "cbrt(27)", "ceil(1.2)", "cos(pi)", "cosh(1)",
            "cot(1)", "exp(1)", "expm1(1e-5)", "floor(-1.5)", "log(2)", "sinh(1)", "sqrt(2)", "tan(1)", "tanh(1)",
            "signum(-0)", "signum(-3)", "signum(0/1)", "signum(sqrt(-1))", "pow(2, 10)", "pow(-8, 1/3)",
            "min(1, 2)", "max(1, 2)", "min(-0, 0)", "max(-0, 0)", "min(sqrt(-1), 1)", "pi", "\u03c0", "e",
            "\u03c6", "[1 + 2]", "{1 + 2}", "[1 + 2)", "(1 + 2}", "min[1, 2]", " 1 ", "\t1\n", "\u00001",
            "1 +\u20032", "\u20031", "min(1, (step + 1) / 100) * 0.5 ^ floor(epoch / 3)",
            "0.5 * (1 + cos(pi * step / 100))", "1 / (1 + 0.01 * epoch)", "max(0, 1 - step / 10000)",
            "min(1, step / 500) * 0.5 * (1 + cos(pi * step / 30000))", "1/(10-epoch)", "1/epoch", "1/0",
            "1%0", "1 % (epoch - 3)", "cot(0)", "cot(0) + 1/0", "1/0 + cot(0)", "epoch/0 + cot(0)", "1/-0",
            "0/0 * 1/0", "sqrt(-1)/0",
            // rejected by both
            "", " ", "()", ")", "(", "(1", "1)", "1 +", "*1", "1 2", "1 .5", "1,2", "(1,2)", "sin", "sin()",
            "min(1,)", "min(,1)", "min()", "sin -1", "sin +1", "pow 2", "1 #", "1 ! 2", "1 @ 2", "x", "1/x",
            "epochs", "exec(step)", "foo(1)", "2ee", "2eepoch", "2e-", "1.2.3", ".", "..5", "e-", "epoch..",
            "2e-epoch", "min(1)", "1 2 3", "\u00e9", "1 \u00d7 2", "\u0663", "step\u0663", "1;2", "a.b.c");

    @Test
    void handPickedExpressionsAgreeWithExp4j() {
        int accepted = 0;
        for (String text : EDGE_CASES) {
            String outcome = assertAgrees(text);
            assertThat(outcome).as(text).isNotEqualTo(ARITY);
            if (outcome.equals(ACCEPTED)) {
                accepted++;
            }
        }
        assertThat(accepted).isGreaterThan(130);
    }

    @Property(tries = 3000)
    void randomWellFormedExpressionsAgreeWithExp4j(@ForAll long seed) {
        String text = new RandomExpressions(seed).wellFormed(5);
        String outcome = assertAgrees(text);
        assertThat(outcome).as(text).isNotEqualTo(ARITY); // its calls all have the right argument count
        Statistics.collect(outcome);
        // Guards the generator: most grammatical texts must really be evaluated by both.
        Statistics.coverage(c -> c.check(ACCEPTED).percentage(p -> p > 80));
    }

    @Property(tries = 3000)
    void randomTokenSoupAgreesWithExp4jOrFailsItsArityCheck(@ForAll long seed) {
        Statistics.collect(assertAgrees(new RandomExpressions(seed).tokenSoup(12)));
        Statistics.coverage(c -> {
            c.check(ACCEPTED).percentage(p -> p > 1);
            c.check(REJECTED).percentage(p -> p > 50);
        });
    }

    /**
     * exp4j's validation only counts stack depth, so a surplus argument in one call and a missing one in
     * the next cancel out; lrsched checks each call.
     */
    @Test
    void argumentListsThatOnlyBalanceOnExp4jsStackAreRejected() {
        for (String text : List.of("max(1,2,3)+min(4)", "min((1,2))", "(1,2)+min(3)", "max(1,2,sin - 3)", "(,1)",
                "min(1,,2)")) {
            assertThat(Exp4jOracle.exp4j(text, 0, 0, 0)).as(text).isNotNull();
            String[] why = new String[1];
            assertThat(Exp4jOracle.lrsched(text, 0, 0, 0, why)).as(text).isNull();
            assertThat(why[0]).as(text).satisfiesAnyOf(
                    m -> assertThat(m).contains("arguments, got"),
                    m -> assertThat(m).contains("' at position").contains("argument"),
                    m -> assertThat(m).contains("',' at position"));
        }
    }

    /** exp4j fails with an index error on Unicode whitespace at the end (after String.trim); lrsched skips it. */
    @Test
    void trailingUnicodeWhitespaceIsTheOneTextOnlyLrschedAccepts() {
        assertThat(Exp4jOracle.exp4j("1\u2003", 0, 0, 0)).isNull();
        assertThat(CompiledExpression.compile("1\u2003").evaluate(0, 0, 0)).isEqualTo(1.0);
    }

    private static final String ACCEPTED = "accepted by both, same value";
    private static final String REJECTED = "rejected by both";
    private static final String ARITY = "accepted only by exp4j: wrong argument count or misplaced ','";

    /** Asserts lrsched and exp4j agree on {@code text}; returns how (for the statistics). */
    private static String assertAgrees(String text) {
        for (double[] c : COUNTERS) {
            Outcome expected = Exp4jOracle.exp4j(text, c[0], c[1], c[2]);
            String[] why = new String[1];
            Outcome actual = Exp4jOracle.lrsched(text, c[0], c[1], c[2], why);
            String at = "\"" + text + "\" at iteration=" + c[0] + " epoch=" + c[1] + " step=" + c[2];
            if (expected != null && actual == null && isArityCheck(why[0])) {
                return ARITY; // exp4j's stack balanced a wrong argument count: see the test above
            }
            assertThat(actual).as(at + (why[0] == null ? "" : " (lrsched: " + why[0] + ")")).isEqualTo(expected);
            if (actual == null) {
                return REJECTED; // the counters do not matter
            }
        }
        return ACCEPTED;
    }

    private static boolean isArityCheck(String message) {
        return message != null && (message.contains("arguments, got") || message.contains("argument, got")
                || message.contains("','") // exp4j only checks that some '(' is open: "(,1)" is 1 there
                || message.contains("has no argument") || message.contains("has an empty argument")
                || message.contains("in parentheses"));
    }
}
