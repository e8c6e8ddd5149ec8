package dev.lrsched.schedules.expression;

/**
 * Splits an expression into tokens the way exp4j 0.4.8's tokenizer does, in one left-to-right pass
 * (linear time: a name is looked up among the known names only, so at most
 * {@link Functions#LONGEST_NAME} characters ahead).
 *
 * <ul>
 *   <li>The text is trimmed like {@link String#trim}; between tokens any {@link Character#isWhitespace}
 *       character is skipped. Besides whitespace only ASCII and the constants {@code π} and {@code φ}
 *       may appear (every other character is rejected up front, naming its code point).</li>
 *   <li>A number starts with a digit or {@code .} and runs over digits, {@code .}, {@code e},
 *       {@code E} and a sign right after {@code e}/{@code E}; a trailing {@code e}/{@code E} is given back
 *       ({@code 2epoch} is {@code 2 * epoch}); the run is read by {@link Double#parseDouble}, which may
 *       reject it ({@code 1.2.3}).</li>
 *   <li>A name starts with a letter or {@code _}; it is the longest known name that starts there
 *       ({@code epochstep} is {@code epoch}, then {@code step}); none is an unknown-name error quoting
 *       the whole word.</li>
 *   <li>{@code ( [ {} open and {@code ) ] }} close a group (any opener matches any closer, as in exp4j);
 *       {@code ,} separates arguments; {@code + - * / % ^} are operators.</li>
 * </ul>
 */
final class Lexer {

    enum Kind { NUMBER, NAME, OPEN, CLOSE, COMMA, OPERATOR, END }

    private final String text;
    private final int from;
    private final int end;
    private int pos;

    /** The current token: its kind, where it starts, and its value (number, name or operator). */
    Kind kind;
    int start;
    double number;
    String name;
    char op;
    /** The token before the current one (null kind at the start). */
    Kind previousKind;
    int previousStart;
    char previousOp;
    String previousName;

    Lexer(String text) {
        this.text = text;
        int a = 0;
        int b = text.length();
        while (a < b && text.charAt(a) <= ' ') {
            a++;
        }
        while (b > a && text.charAt(b - 1) <= ' ') {
            b--;
        }
        this.from = a;
        this.end = b;
        this.pos = a;
        for (int i = a; i < b; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c != '\u03c0' && c != '\u03c6' && !Character.isWhitespace(c)) {
                throw Messages.unparsable(text, "character " + Messages.character(text, i) + " at position " + i
                        + " is not allowed; besides whitespace only ASCII and the constants \u03c0 and \u03c6 are");
            }
        }
        advance();
        previousKind = null;
    }

    /** Moves to the next token. */
    void advance() {
        previousKind = kind;
        previousStart = start;
        previousOp = op;
        previousName = name;
        while (pos < end && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        start = pos;
        if (pos >= end) {
            kind = Kind.END;
            return;
        }
        char c = text.charAt(pos);
        if (isDigit(c) || c == '.') {
            readNumber();
        } else if (isNameStart(c)) {
            readName();
        } else if (c == '(' || c == '[' || c == '{') {
            single(Kind.OPEN);
        } else if (c == ')' || c == ']' || c == '}') {
            single(Kind.CLOSE);
        } else if (c == ',') {
            single(Kind.COMMA);
        } else if ("+-*/%^".indexOf(c) >= 0) {
            op = c;
            single(Kind.OPERATOR);
        } else {
            // exp4j reserves these for user-defined operators, of which lrsched defines none.
            String what = "!#$&;:~<>|=".indexOf(c) >= 0 ? "unknown operator " : "unexpected character ";
            throw Messages.unparsable(text, what + Messages.character(text, pos) + " at position " + pos);
        }
    }

    private void single(Kind k) {
        kind = k;
        pos++;
    }

    private void readNumber() {
        int s = pos;
        int len = 1;
        while (s + len < end && isNumeric(text.charAt(s + len), isE(text.charAt(s + len - 1)))) {
            len++;
        }
        if (isE(text.charAt(s + len - 1))) {
            len--; // "2e" + "poch": the e belongs to what follows
        }
        String literal = text.substring(s, s + len);
        try {
            number = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw Messages.unparsable(text, "malformed number " + Messages.name(literal) + " at position " + s);
        }
        kind = Kind.NUMBER;
        pos = s + len;
    }

    private void readName() {
        int s = pos;
        int run = 0;
        while (run < Functions.LONGEST_NAME && s + run < end && isNameChar(text.charAt(s + run))) {
            run++;
        }
        for (int len = run; len > 0; len--) {
            String candidate = text.substring(s, s + len);
            if (Functions.isName(candidate)) {
                name = candidate;
                kind = Kind.NAME;
                pos = s + len;
                return;
            }
        }
        throw unknownName(s);
    }

    /** The whole word around {@code at}: exp4j would report only the part it could not split off. */
    private IllegalArgumentException unknownName(int at) {
        int a = at;
        while (a > from && isNameChar(text.charAt(a - 1))) {
            a--;
        }
        while (a < at && !isNameStart(text.charAt(a))) {
            a++;
        }
        int b = at;
        while (b < end && isNameChar(text.charAt(b))) {
            b++;
        }
        return Messages.rejected(text, "uses unknown variable or function " + Messages.name(text.substring(a, b))
                + "; allowed variables: " + String.join(", ", Functions.VARIABLES));
    }

    private static boolean isE(char c) {
        return c == 'e' || c == 'E';
    }

    private static boolean isNumeric(char c, boolean afterE) {
        return isDigit(c) || c == '.' || isE(c) || (afterE && (c == '-' || c == '+'));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '\u03c0' || c == '\u03c6';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c) || c == '.';
    }
}
