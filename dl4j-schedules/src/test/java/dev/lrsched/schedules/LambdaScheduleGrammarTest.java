package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The expression language, spelled out with Java's own arithmetic as the expected value (independent of
 * exp4j; Exp4jDifferentialTest compares with exp4j itself), and one message for every kind of
 * malformed expression.
 */
class LambdaScheduleGrammarTest {

    /** f at iteration 7, epoch 3 (step = iteration): initialValue is 1. */
    private static double f(String expression) {
        return new LambdaSchedule(ScheduleType.ITERATION, 1.0, expression).valueAt(7, 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // exp4j's precedences: ^ (10000, right) > sign (5000) > * / % (1000) > + - (500)
            "4 - 2^2           | 0",
            "-2^2 + 4          | 0",
            "2^3^2             | 512",
            "2^-1              | 0.5",
            "(2^3)^2           | 64",
            "1 - 2 - 3 + 5     | 1",
            "12 / 3 / 2        | 2",
            "7 % 4 * 2         | 6",
            "2 + 3 * 4         | 14",
            "-(1 - 3)          | 2",
            "--2               | 2",
            "+2 * +3           | 6",
            // implicit multiplication (exp4j's default), at the precedence of *
            "2epoch            | 6",
            "2(epoch + 1)      | 8",
            "epoch epoch       | 9",
            "epochstep         | 21",
            "(1)(2)            | 2",
            "1/2epoch          | 1.5",
            "2 epoch^2         | 18",
            // number spellings
            "1e-3 * 1000       | 1",
            ".5 * 4            | 2",
            "5. - 4            | 1",
            "2.5E+1 / 25       | 1",
            // exp4j's function without parentheses takes the rest of the group
            "sqrt 16 + 9       | 5",
            "(sqrt 16) + 9     | 13",
            "sqrt(16) + 9      | 13",
            "log10 100         | 2",
            // brackets of any kind
            "[1 + 2] * {3}     | 9",
            "min(1, step) + max(epoch, 2) | 4",
            "pow(2, 10) / 1024 | 1",
            "signum(-0)        | 0",
            "abs(-3)           | 3"})
    void evaluatesLikeExp4j(String expression, double expected) {
        assertThat(f(expression.trim())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pi               | 3.141592653589793",
            "\u03c0           | 3.141592653589793",
            "e                | 2.718281828459045",
            "\u03c6           | 1.61803398874",
            "log2(8)          | 3",
            "cos(pi)^2        | 1"})
    void constantsAndFunctions(String expression, double expected) {
        assertThat(f(expression.trim())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "()          | empty parentheses at position 0",
            ")           | ')' at position 0 has no matching '('",
            "1 + 2 )     | ')' at position 6 has no matching '('",
            "(1 + )      | ')' at position 5 comes where an operand is expected after '+' at position 3",
            "(           | the expression ends where an operand is expected after '(' at position 0",
            "1 +         | Too many operators",
            "*1          | operator '*' at position 0 has no left operand",
            "1 + * 2     | operator '*' at position 4 has no left operand; it follows '+' at position 2",
            "1 2         | the number at position 2 follows the number at position 0 with no operator between them",
            "min(1)      | function 'min' at position 0 takes 2 arguments, got 1",
            "min(1,2,3)  | function 'min' at position 0 takes 2 arguments, got 3",
            "sin(1, 2)   | function 'sin' at position 0 takes 1 argument, got 2",
            "sin         | function 'sin' at position 0 has no argument; write sin(x)",
            "sin()       | function 'sin' at position 0 has no argument; it takes 1 argument",
            "sin -1      | function 'sin' at position 0 has no argument before '-' at position 4; write sin(x)",
            "min(1,)     | function 'min' at position 0 has an empty argument; it takes 2 arguments",
            "min(, 1)    | function 'min' at position 0 has an empty argument; it takes 2 arguments",
            "pow 2       | function 'pow' at position 0 takes 2 arguments in parentheses: pow(a, b)",
            "(1 + 2      | Mismatched parentheses detected. Please check the expression",
            "min(1 2)    | the number at position 6 follows the number at position 4 with no operator between them",
            "1.2.3       | malformed number '1.2.3' at position 0",
            "2eepoch     | malformed number '2e' at position 0",
            "1 # 2       | unknown operator '#' at position 2",
            "1 @ 2       | unexpected character '@' at position 2"})
    void everyMalformedExpressionIsRejectedSayingWhy(String expression, String reason) {
        String e = expression.trim();
        assertRejected("expression \"" + e + "\" cannot be parsed: " + reason,
                () -> new LambdaSchedule(ScheduleType.ITERATION, 0.1, e));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1, 2     | 1",
            "(1, 2)   | 2",
            "min((1, 2)) | 6"})
    void aCommaOutsideAFunctionsArgumentsIsRejected(String expression, int position) {
        String e = expression.trim();
        assertRejected("expression \"" + e + "\" cannot be parsed: ',' at position " + position
                        + " is outside the arguments of a function of two arguments (pow, min, max)",
                () -> new LambdaSchedule(ScheduleType.ITERATION, 0.1, e));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "x            | x",
            "2 * stepx    | stepx",
            "foo(1)       | foo",
            "exec(step)   | exec",
            "epochs       | epochs",
            "2.5x         | x"})
    void unknownNamesAreQuotedWhole(String expression, String name) {
        String e = expression.trim();
        assertRejected("expression \"" + e + "\" uses unknown variable or function '" + name
                + "'; allowed variables: iteration, epoch, step", () -> new LambdaSchedule(ScheduleType.ITERATION, 0.1, e));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\u00e9poch       | U+00E9 '\u00e9' at position 0",
            "1 \u00d7 2       | U+00D7 '\u00d7' at position 2",
            "\ud83d\ude00     | U+1F600 '\ud83d\ude00' at position 0",
            "step\u0663       | U+0663 '\u0663' at position 4"})
    void nonAsciiOtherThanPiPhiAndWhitespaceIsRejected(String expression, String what) {
        String e = expression.trim();
        assertRejected("expression \"" + e + "\" cannot be parsed: character " + what
                        + " is not allowed; besides whitespace only ASCII and the constants \u03c0 and \u03c6 are",
                () -> new LambdaSchedule(ScheduleType.ITERATION, 0.1, e));
    }
}
