package dev.lrsched.schedules.expression;

import java.util.SplittableRandom;

/**
 * Random expression texts for the differential test: {@link #wellFormed} follows the grammar (with
 * every spelling exp4j allows: number forms, spacing or none, brackets, implicit multiplication,
 * functions without parentheses, sign chains); {@link #tokenSoup} strings random tokens together,
 * most of them malformed.
 */
final class RandomExpressions {

    private static final String[] UNARY = Functions.UNARY.toArray(new String[0]);
    private static final String[] BINARY = Functions.BINARY.toArray(new String[0]);
    private static final String[] NAMES = {"iteration", "epoch", "step", "pi", "\u03c0", "e", "\u03c6"};
    private static final String[] OPERATORS = {"+", "-", "*", "/", "%", "^"};
    private static final String[] OPEN = {"(", "(", "(", "[", "{"};
    private static final String[] CLOSE = {")", ")", ")", "]", "}"};

    private final SplittableRandom random;

    RandomExpressions(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A grammatical expression nested at most {@code depth} deep. */
    String wellFormed(int depth) {
        if (depth <= 0) {
            return atom();
        }
        switch (random.nextInt(12)) {
            case 0:
            case 1:
                return atom();
            case 2:
            case 3:
            case 4:
                return wellFormed(depth - 1) + space() + pick(OPERATORS) + space() + wellFormed(depth - 1);
            case 5:
                return pick(new String[] {"-", "+", "-", "--"}) + space() + wellFormed(depth - 1);
            case 6: {
                int k = random.nextInt(OPEN.length);
                return OPEN[k] + space() + wellFormed(depth - 1) + space() + CLOSE[random.nextInt(CLOSE.length)];
            }
            case 7:
                return pick(UNARY) + space() + "(" + wellFormed(depth - 1) + ")";
            case 8:
                return pick(BINARY) + "(" + wellFormed(depth - 1) + "," + space() + wellFormed(depth - 1) + ")";
            case 9: // implicit multiplication: 2epoch, 2(...), epoch epoch, (...)(...)
                switch (random.nextInt(4)) {
                    case 0:
                        return number() + pick(NAMES);
                    case 1:
                        return atom() + space() + "(" + wellFormed(depth - 1) + ")";
                    case 2:
                        return pick(NAMES) + " " + pick(NAMES);
                    default:
                        return "(" + wellFormed(depth - 1) + ")" + space() + atom();
                }
            case 10: // exp4j: a one-argument function without parentheses takes the rest of the group
                return pick(UNARY) + " " + (random.nextBoolean() ? number() : pick(NAMES)) + space()
                        + (random.nextBoolean() ? "" : pick(OPERATORS) + space() + wellFormed(depth - 1));
            default:
                return "(" + wellFormed(depth - 1) + ")" + space() + pick(OPERATORS) + space() + atom();
        }
    }

    /** Between 1 and {@code maxTokens} random tokens, each maybe followed by a space. */
    String tokenSoup(int maxTokens) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(maxTokens);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(9)) {
                case 0:
                    sb.append(number());
                    break;
                case 1:
                    sb.append(pick(NAMES));
                    break;
                case 2:
                    sb.append(pick(UNARY));
                    break;
                case 3:
                    sb.append(pick(BINARY));
                    break;
                case 4:
                    sb.append(pick(OPERATORS));
                    break;
                case 5:
                    sb.append(pick(OPEN));
                    break;
                case 6:
                    sb.append(pick(CLOSE));
                    break;
                case 7:
                    sb.append(',');
                    break;
                default:
                    sb.append(pick(new String[] {"x", "ex", "epo", "_", "e", "E", ".", "!", "#", "=", "e-", "1e", "2."}));
            }
            sb.append(space());
        }
        return sb.toString();
    }

    private String atom() {
        return random.nextBoolean() ? number() : pick(NAMES);
    }

    String number() {
        switch (random.nextInt(8)) {
            case 0:
                return Integer.toString(random.nextInt(10));
            case 1:
                return Integer.toString(random.nextInt(100_000));
            case 2:
                return "0." + random.nextInt(1000);
            case 3:
                return "." + random.nextInt(100);
            case 4:
                return random.nextInt(100) + ".";
            case 5:
                return random.nextInt(10) + (random.nextBoolean() ? "e" : "E") + pick(new String[] {"", "-", "+"})
                        + random.nextInt(20);
            case 6:
                return Double.toString(random.nextDouble() * 10);
            default:
                return random.nextInt(10) + "." + random.nextInt(10) + "e-" + random.nextInt(5);
        }
    }

    private String space() {
        int r = random.nextInt(6);
        return r < 3 ? "" : r < 5 ? " " : "  ";
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
