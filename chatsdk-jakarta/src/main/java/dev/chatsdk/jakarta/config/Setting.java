package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration key, defined once: its name, environment variable, default, how its text is parsed and which
 * bounds its value keeps. The MicroProfile Config reader and {@code ChatSdkConfig.Builder} both use it. Immutable.
 *
 * @param <T> the type of the value
 * @since 0.3
 */
public final class Setting<T> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final String NOT_A_NUMBER = "CHATSDK-030: %s is '%s', not a whole number; give a number such as 16384";
    private static final String NOT_A_DURATION = "CHATSDK-020: %s is '%s', not a duration; use ISO-8601 (PT1H, P7D) "
            + "or a number with ms, s, m, h or d (45s, 15m, 1h, 7d)";

    private final String key;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String parseProblem;
    private final boolean secret;
    private final boolean freeText;
    private final Bounds bounds;

    /** Bounds of a number or duration; {@code null} fields are unbounded. */
    private static final class Bounds {
        private Integer min;
        private Integer max;
        private boolean durationPositive;
        private boolean durationNotNegative;
        private Duration maxDuration;
        private String why;
        private boolean wholeSeconds;
        private boolean noEmptyEntry;
        private String nullProblem;

        private Bounds copy() {
            Bounds b = new Bounds();
            b.min = min;
            b.max = max;
            b.durationPositive = durationPositive;
            b.durationNotNegative = durationNotNegative;
            b.maxDuration = maxDuration;
            b.why = why;
            b.wholeSeconds = wholeSeconds;
            b.noEmptyEntry = noEmptyEntry;
            b.nullProblem = nullProblem;
            return b;
        }
    }

    private Setting(String key, T defaultValue, Function<String, T> parser, String parseProblem, boolean secret,
            Bounds bounds) {
        this(key, defaultValue, parser, parseProblem, secret, false, bounds);
    }

    private Setting(String key, T defaultValue, Function<String, T> parser, String parseProblem, boolean secret,
            boolean freeText, Bounds bounds) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.parseProblem = parseProblem;
        this.secret = secret;
        this.freeText = freeText;
        this.bounds = bounds;
    }

    private Setting<T> with(java.util.function.Consumer<Bounds> change) {
        Bounds b = bounds.copy();
        change.accept(b);
        return new Setting<>(key, defaultValue, parser, parseProblem, secret, freeText, b);
    }

    static Setting<String> text(String key, String defaultValue) {
        return new Setting<>(key, defaultValue, Function.identity(), null, false, new Bounds());
    }

    static Setting<String> trimmed(String key, String defaultValue) {
        return new Setting<>(key, defaultValue, String::trim, null, false, new Bounds());
    }

    static Setting<String> choiceText(String key, Function<String, String> normalise) {
        return new Setting<>(key, null, normalise, null, false, new Bounds());
    }

    static Setting<List<String>> list(String key) {
        Setting<List<String>> s = new Setting<>(key, List.<String>of(), Setting::parseList, null, false, new Bounds());
        return s.with(b -> b.noEmptyEntry = true);
    }

    static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
        return new Setting<>(key, defaultValue, Integer::parseInt, NOT_A_NUMBER, false, new Bounds())
                .with(b -> {
                    b.min = min;
                    b.max = max;
                });
    }

    static Setting<Boolean> bool(String key, boolean defaultValue, String code) {
        return new Setting<>(key, defaultValue, Setting::parseBoolean, code + ": %s is '%s'; use true or false", false,
                new Bounds());
    }

    static Setting<Duration> duration(String key, Duration defaultValue) {
        return new Setting<>(key, defaultValue, Setting::parseDuration, NOT_A_DURATION, false, new Bounds())
                .with(b -> b.durationPositive = true);
    }

    static Setting<Optional<Rate>> rate(String key, Rate defaultValue) {
        return new Setting<>(key, Optional.ofNullable(defaultValue), text -> Optional.ofNullable(Rate.parse(text)),
                "CHATSDK-036: %s is '%s', not a rate; write calls per period, such as 30/1m, or off", false,
                new Bounds());
    }

    static <E extends Enum<E>> Setting<E> choice(String key, E defaultValue, Function<String, E> parser,
            String parseProblem, String nullProblem) {
        return new Setting<>(key, defaultValue, parser, parseProblem, false, new Bounds())
                .with(b -> b.nullProblem = nullProblem);
    }

    /** @return a copy with another default */
    Setting<T> withDefault(T value) {
        return new Setting<>(key, value, parser, parseProblem, secret, freeText, bounds);
    }

    /** @return a copy marked secret: its value is never printed */
    Setting<T> asSecret() {
        return new Setting<>(key, defaultValue, parser, parseProblem, true, freeText, bounds);
    }

    /**
     * Marks a setting whose value is a name the application or another system chose (a request attribute, a
     * database user or password), or free text (a challenge's quoted realm): such a value may hold {@code " #"} or
     * {@code " !"} on purpose, so what looks like an inline comment in it is only warned about
     * ({@link #inlineComment}). Every other setting (numbers, durations, booleans, choices, paths, URLs, claim, role
     * and origin lists, key ids, signing secrets and API keys) holds a value that never can, and fails start-up
     * instead; this mark is the one place that decides.
     *
     * @return a copy marked free text
     */
    Setting<T> asFreeText() {
        return new Setting<>(key, defaultValue, parser, parseProblem, secret, true, bounds);
    }

    /** @return a copy that also allows zero (durations) */
    Setting<T> zeroAllowed() {
        return with(b -> {
            b.durationPositive = false;
            b.durationNotNegative = true;
        });
    }

    /** @return a copy bounded above, with the reason named in the problem */
    Setting<T> atMost(Duration max, String why) {
        return with(b -> {
            b.maxDuration = max;
            b.why = why;
        });
    }

    /** @return a copy that takes whole seconds only (token times) */
    Setting<T> wholeSeconds() {
        return with(b -> b.wholeSeconds = true);
    }

    /** @return the key, such as {@code chatsdk.token.access-ttl} */
    public String key() {
        return key;
    }

    /** @return the environment variable MicroProfile Config maps to the key, such as {@code CHATSDK_TOKEN_ACCESS_TTL} */
    public String env() {
        return env(key);
    }

    /** @return the default value; empty when the setting has none */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    T defaultOrNull() {
        return defaultValue;
    }

    /** @return whether the value is a secret that is never printed */
    public boolean secret() {
        return secret;
    }

    /**
     * A {@code .properties} file has no inline comments: in {@code chatsdk.web.token-path=/api/chat/token  # ours},
     * the comment is part of the value. Such a value of a setting that cannot hold one is a problem
     * ({@code CHATSDK-075}); of a {@linkplain #asFreeText() free-text} setting, a warning ({@code CHATSDK-076}). Neither
     * prints the value, so a secret's stays out of logs and exceptions.
     *
     * @param where how to name the key, such as {@code 'chatsdk.web.token-path' [from env]}
     * @param text  the value as configuration text
     * @return the problem or warning; empty when the text has nothing that looks like an inline comment
     */
    public Optional<String> inlineComment(String where, String text) {
        if (text == null || !Checks.hasInlineComment(text)) {
            return Optional.empty();
        }
        return Optional.of(String.format(freeText
                ? "CHATSDK-076: %s has what looks like an inline comment (whitespace, then '#' or '!'); a .properties "
                        + "file takes such a comment into the value, so if it is one, put it on a line of its own"
                : "CHATSDK-075: %s has what looks like an inline comment (whitespace, then '#' or '!'), which its "
                        + "value cannot hold; a .properties file takes such a comment into the value, so put it on a "
                        + "line of its own", where));
    }

    /**
     * @return whether what looks like an inline comment in a value is only warned about (a free-text setting), not
     *         a problem
     */
    public boolean freeText() {
        return freeText;
    }

    /**
     * @param text configuration text
     * @return the text before what looks like an inline comment, without the whitespace that preceded it; the text
     *         itself when it has none
     */
    public static String beforeInlineComment(String text) {
        return Checks.beforeInlineComment(text);
    }

    /**
     * @param text the value as configuration text (surrounding spaces are ignored where they cannot be meant)
     * @return the parsed value
     * @throws IllegalArgumentException if the text is not a value of this setting
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        return parser.apply(parseProblem == null ? text : text.trim());
    }

    /**
     * @param where how to name the key, such as {@code 'chatsdk.web.max-body-size' [from env]}
     * @param text  the text that {@link #parse(String)} refused (a secret's is never printed)
     * @return the problem to report for it
     */
    public String parseProblem(String where, String text) {
        return String.format(parseProblem == null ? "CHATSDK-040: %s is '%s'; give it a valid value" : parseProblem,
                where, secret ? "<secret>" : text);
    }

    /**
     * The problems of one value against this setting's own bounds (the rules that involve other keys live in the
     * parts).
     *
     * @param value a value of this setting, possibly {@code null}
     * @param where how to name the key in a message, such as {@code 'chatsdk.token.access-ttl' [from env]}
     * @return the problems, empty when the value is within bounds
     */
    public List<String> problems(T value, String where) {
        List<String> out = new ArrayList<>();
        Bounds b = bounds;
        if (value == null) {
            if (b.nullProblem != null) {
                out.add(String.format(b.nullProblem, where));
            }
            if (b.durationPositive) {
                out.add(String.format("CHATSDK-021: %s is %s; use a positive duration such as PT1H or 1h", where, value));
            } else if (b.durationNotNegative) {
                out.add(String.format("CHATSDK-021: %s is %s; use zero or a positive duration such as PT30S or 30s",
                        where, value));
            }
            return out;
        }
        if (value instanceof Integer) {
            int n = (Integer) value;
            if (b.min != null && (n < b.min || n > b.max)) {
                out.add(String.format("CHATSDK-031: %s is %d; use a number from %d to %d", where, n, b.min, b.max));
            }
        } else if (value instanceof Duration) {
            duration((Duration) value, where, out);
        } else if (value instanceof List && b.noEmptyEntry) {
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                if (String.valueOf(items.get(i)).isBlank()) {
                    out.add(String.format("CHATSDK-035: %s has an empty entry at position %d; remove the extra comma",
                            where, i + 1));
                }
            }
        }
        return out;
    }

    private void duration(Duration d, String where, List<String> out) {
        Bounds b = bounds;
        boolean positive = !d.isNegative() && !d.isZero();
        if (b.durationPositive && !positive) {
            out.add(String.format("CHATSDK-021: %s is %s; use a positive duration such as PT1H or 1h", where, d));
        } else if (b.durationNotNegative && d.isNegative()) {
            out.add(String.format("CHATSDK-021: %s is %s; use zero or a positive duration such as PT30S or 30s", where,
                    d));
        }
        if (b.wholeSeconds && positive && d.getNano() != 0) {
            out.add(String.format("CHATSDK-024: %s is %s; token times are whole seconds, so use whole seconds such as "
                    + "90s or PT15M", where, d));
        }
        if (b.maxDuration != null && d.compareTo(b.maxDuration) > 0) {
            out.add(String.format("CHATSDK-023: %s is %s, above its bound of %s because %s; use %s or less", where, d,
                    b.maxDuration, b.why, b.maxDuration));
        }
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * The environment variable MicroProfile Config maps to a key.
     *
     * @param key a configuration key
     * @return the key in upper case with every non-alphanumeric character replaced by {@code _}
     */
    public static String env(String key) {
        Objects.requireNonNull(key, "key");
        StringBuilder sb = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /**
     * Parses ISO-8601 ({@code PT1H}, {@code P7D}), shorthand ({@code 45s}, {@code 15m}, {@code 1h}, {@code 7d}) or a
     * bare {@code 0}.
     *
     * @param text the duration as text
     * @return the duration
     * @throws IllegalArgumentException if the text is neither
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static List<String> parseList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(part.trim());
        }
        return List.copyOf(out);
    }
}
