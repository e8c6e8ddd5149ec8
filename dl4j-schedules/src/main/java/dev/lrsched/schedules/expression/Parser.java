package dev.lrsched.schedules.expression;

import dev.lrsched.schedules.expression.Lexer.Kind;

/**
 * Recursive-descent parser with exp4j 0.4.8's precedences (its shunting-yard algorithm, restated as a
 * grammar), building the {@link Node} tree and folding constant subtrees as it goes.
 *
 * <pre>
 *   sum     = product { ("+" | "-") product }                      exp4j precedence   500, left
 *   product = signed { ("*" | "/" | "%") signed | implicit }       1000, left
 *   implicit: a number, name or "(" right after a number, variable, constant or ")" multiplies
 *             (2epoch, 2(epoch+1), epoch epoch); a number right after a number is an error (1 2)
 *   signed  = ("-" | "+") signed | power                           5000, right
 *   power   = primary [ "^" signed ]                               10000, right: -2^2 = -4, 2^-1 = 0.5
 *   primary = number | constant | variable | "(" sum ")"
 *           | function "(" sum { "," sum } ")"                      exactly its arity
 *           | function1 sum                                         no parentheses: exp4j applies it
 *                                                                   to the rest of the group, sin 2 + 1 = sin(3)
 * </pre>
 *
 * <p>Each parenthesised group, function argument, sign and {@code ^} operand is one level deeper; the
 * depth is checked before recursing, so no input can overflow the stack.
 */
final class Parser {

    private final String text;
    private final Lexer lexer;
    /** How many groups and calls are open at the current token. */
    private int open;

    private Parser(String text) {
        this.text = text;
        this.lexer = new Lexer(text);
    }

    /** The folded tree of {@code text}, which is at most {@link CompiledExpression#MAX_LENGTH} long. */
    static Node parse(String text) {
        Parser p = new Parser(text);
        Node root = p.sum(0);
        p.expectEnd();
        return root;
    }

    private void expectEnd() {
        switch (lexer.kind) {
            case END:
                return;
            case CLOSE:
                throw fail("')' at position " + lexer.start + " has no matching '('");
            case COMMA:
                throw misplacedComma();
            default:
                throw new AssertionError(lexer.kind); // the loops below consume every other token
        }
    }

    private Node sum(int depth) {
        Node left = product(depth);
        while (lexer.kind == Kind.OPERATOR && (lexer.op == '+' || lexer.op == '-')) {
            char op = lexer.op;
            lexer.advance();
            left = Operators.binary(op, left, product(depth));
        }
        return left;
    }

    private Node product(int depth) {
        Node left = signed(depth);
        while (true) {
            if (lexer.kind == Kind.OPERATOR && (lexer.op == '*' || lexer.op == '/' || lexer.op == '%')) {
                char op = lexer.op;
                lexer.advance();
                left = Operators.binary(op, left, signed(depth));
            } else if (lexer.kind == Kind.NUMBER || lexer.kind == Kind.NAME || lexer.kind == Kind.OPEN) {
                if (lexer.kind == Kind.NUMBER && lexer.previousKind == Kind.NUMBER) {
                    throw fail("the number at position " + lexer.start + " follows the number at position "
                            + lexer.previousStart + " with no operator between them");
                }
                left = Operators.binary('*', left, signed(depth)); // exp4j's implicit multiplication
            } else {
                return left;
            }
        }
    }

    private Node signed(int depth) {
        if (lexer.kind == Kind.OPERATOR && (lexer.op == '-' || lexer.op == '+')) {
            char op = lexer.op;
            enter(depth + 1);
            lexer.advance();
            Node operand = signed(depth + 1);
            return op == '-' ? Operators.negate(operand) : operand;
        }
        return power(depth);
    }

    private Node power(int depth) {
        Node base = primary(depth);
        if (lexer.kind == Kind.OPERATOR && lexer.op == '^') {
            enter(depth + 1);
            lexer.advance();
            return Operators.binary('^', base, signed(depth + 1));
        }
        return base;
    }

    private Node primary(int depth) {
        switch (lexer.kind) {
            case NUMBER: {
                Node n = new Constant(lexer.number);
                lexer.advance();
                return n;
            }
            case NAME:
                if (Functions.isFunction(lexer.name)) {
                    return function(depth);
                }
                Node operand = Functions.operand(lexer.name);
                lexer.advance();
                return operand;
            case OPEN: {
                int at = lexer.start;
                enter(depth + 1);
                lexer.advance();
                open++;
                if (lexer.kind == Kind.CLOSE) {
                    throw fail("empty parentheses at position " + at);
                }
                Node inner = sum(depth + 1);
                close();
                return inner;
            }
            default:
                throw missingOperand();
        }
    }

    /** A function call, with or without parentheses; the current token is the function's name. */
    private Node function(int depth) {
        String f = lexer.name;
        int at = lexer.start;
        int arity = Functions.arity(f);
        lexer.advance();
        String called = "function '" + f + "' at position " + at;
        if (lexer.kind == Kind.OPEN) {
            enter(depth + 1);
            lexer.advance();
            open++;
            Node[] args = new Node[arity];
            int n = 0;
            while (true) {
                if (lexer.kind == Kind.COMMA || lexer.kind == Kind.CLOSE) {
                    throw fail(called + (n == 0 && lexer.kind == Kind.CLOSE ? " has no argument" : " has an empty argument")
                            + "; it takes " + arguments(arity));
                }
                Node arg = sum(depth + 1);
                if (n < arity) {
                    args[n] = arg;
                }
                n++;
                if (lexer.kind != Kind.COMMA) {
                    break;
                }
                lexer.advance();
            }
            close();
            if (n != arity) {
                throw fail(called + " takes " + arguments(arity) + ", got " + n);
            }
            return Functions.call(f, args);
        }
        if (lexer.kind == Kind.NUMBER || lexer.kind == Kind.NAME) {
            if (arity != 1) {
                throw fail(called + " takes " + arguments(arity) + " in parentheses: " + f + "(a, b)");
            }
            enter(depth + 1);
            return Functions.call(f, sum(depth + 1)); // exp4j: up to the end of the enclosing group
        }
        throw fail(called + " has no argument"
                + (lexer.kind == Kind.OPERATOR ? " before '" + lexer.op + "' at position " + lexer.start : "")
                + "; write " + f + "(x)");
    }

    private static String arguments(int arity) {
        return arity == 1 ? "1 argument" : arity + " arguments";
    }

    /** Expects the closing parenthesis of a group or call. */
    private void close() {
        if (lexer.kind == Kind.CLOSE) {
            lexer.advance();
            open--;
            return;
        }
        if (lexer.kind == Kind.COMMA) {
            throw misplacedComma();
        }
        throw fail("Mismatched parentheses detected. Please check the expression"); // exp4j's words, kept
    }

    private IllegalArgumentException misplacedComma() {
        return fail("',' at position " + lexer.start + " is outside the arguments of a function of two"
                + " arguments (" + String.join(", ", Functions.BINARY) + ")");
    }

    /** The current token cannot start an operand. */
    private IllegalArgumentException missingOperand() {
        Kind before = lexer.previousKind;
        String after = before == Kind.OPERATOR ? " after '" + lexer.previousOp + "' at position " + lexer.previousStart
                : before == Kind.OPEN ? " after '(' at position " + lexer.previousStart
                : before == Kind.COMMA ? " after ',' at position " + lexer.previousStart : " at the start";
        switch (lexer.kind) {
            case END:
                if (before == Kind.OPERATOR) {
                    return fail("Too many operators"); // exp4j's words for "1 +", kept
                }
                return fail("the expression ends where an operand is expected" + after);
            case OPERATOR:
                return fail("operator '" + lexer.op + "' at position " + lexer.start + " has no left operand"
                        + (before == null ? "" : "; it follows" + after.replaceFirst("^ after", "")));
            case CLOSE:
                if (open == 0) {
                    return fail("')' at position " + lexer.start + " has no matching '('");
                }
                return fail("')' at position " + lexer.start + " comes where an operand is expected" + after);
            default: // COMMA
                return fail("',' at position " + lexer.start + " comes where an operand is expected" + after);
        }
    }

    private void enter(int depth) {
        if (depth > CompiledExpression.MAX_DEPTH) {
            throw fail("it nests deeper than the limit of " + CompiledExpression.MAX_DEPTH + " levels at position "
                    + lexer.start + " (each parenthesis, function argument, sign and ^ adds a level)");
        }
    }

    private IllegalArgumentException fail(String reason) {
        return Messages.unparsable(text, reason);
    }
}
