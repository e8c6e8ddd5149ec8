package dev.lrsched.schedules.expression;

/**
 * The wording of every construction error: {@code expression "<text>" <what is wrong>}, naming the
 * parameter, quoting the text (at most {@value #QUOTED} characters of it, then its length) and saying why.
 */
final class Messages {

    /** How much of a long expression a message quotes. */
    static final int QUOTED = 80;

    private Messages() {
    }

    /** {@code "text"}, or its first {@value #QUOTED} characters and its length. */
    static String quote(String text) {
        if (text.length() <= QUOTED) {
            return "\"" + text + "\"";
        }
        return "\"" + text.substring(0, QUOTED) + "...\" (" + text.length() + " characters)";
    }

    /** At most {@value #QUOTED} characters of {@code name}, quoted with single quotes. */
    static String name(String name) {
        return "'" + (name.length() <= QUOTED ? name : name.substring(0, QUOTED) + "...") + "'";
    }

    static IllegalArgumentException rejected(String text, String what) {
        return new IllegalArgumentException("expression " + quote(text) + " " + what);
    }

    static IllegalArgumentException unparsable(String text, String reason) {
        return rejected(text, "cannot be parsed: " + reason);
    }

    /** {@code 'c'} for a printable ASCII character, else its code point, e.g. {@code U+00E9 'é'}. */
    static String character(String text, int index) {
        int cp = text.codePointAt(index);
        String hex = String.format("U+%04X", cp);
        if (cp < 0x20 || cp == 0x7f) {
            return hex;
        }
        String c = "'" + new String(Character.toChars(cp)) + "'";
        return cp < 0x80 ? c : hex + " " + c;
    }
}
