package dev.chatsdk.jakarta.config;

import java.util.regex.Pattern;

/** Rules several parts share: paths, URLs, blank values, secrets that overlap or look pasted. */
final class Checks {
    /** Whitespace, then {@code #} or {@code !}: an inline comment, which a .properties value takes in as its own. */
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s[#!]");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()+,;=:@/-]*");

    private Checks() {
    }

    /**
     * A key sent in an HTTP header ({@code X-API-Key}) to another service: it must be written alone (no surrounding
     * whitespace, no inline comment: {@code CHATSDK-019}) and hold only what a header value carries, visible ASCII
     * ({@code CHATSDK-028}), or every call would fail at run time instead of start-up. The value is never printed.
     */
    static void headerKey(ConfigValues v, Setting<String> setting, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (looksPasted(value)) {
            pasted(v, setting);
        } else if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            v.add("CHATSDK-028: %s holds a character an HTTP header cannot carry (a control character, a space or a "
                    + "letter outside ASCII); copy the key again, without it", v.where(setting));
        }
    }

    /** {@code CHATSDK-019}: a secret that starts or ends with whitespace or carries an inline comment. */
    static void pasted(ConfigValues v, Setting<?> setting) {
        v.add("CHATSDK-019: %s starts or ends with whitespace, or has what looks like an inline comment "
                + "(whitespace, then '#' or '!': .properties files have none, the comment becomes part of the "
                + "value); write the secret alone", v.where(setting));
    }

    static void notBlank(ConfigValues v, Setting<String> setting, String value) {
        if (value == null || value.isBlank()) {
            v.add("CHATSDK-040: %s is empty; remove it to use the default, or give it a value", v.where(setting));
        }
    }

    static void path(ConfigValues v, Setting<String> setting, String value) {
        if (value == null || !PATH.matcher(value).matches() || value.contains("//") || value.equals("/")) {
            v.add("CHATSDK-032: %s is '%s'; use a path below the context root that starts with '/' and has no "
                    + "wildcard, query or spaces, such as '/api/chat/token'", v.where(setting), value);
        } else if (value.indexOf(';') >= 0 || (value + "/").contains("/./") || (value + "/").contains("/../")) {
            v.add("CHATSDK-049: %s is '%s'; servers cut ';' parameters and resolve '.' and '..' segments before any "
                    + "request is matched, so no request could ever reach it; write the path as it resolves, without "
                    + "';'", v.where(setting), value);
        }
    }

    /** Paths are appended to a base URL, so a query or fragment in it would swallow them on every call. */
    static void baseUrl(ConfigValues v, Setting<String> setting, String url) {
        if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            v.add("CHATSDK-084: %s is '%s', a base URL with a query or fragment, to which no path can be appended; "
                    + "give scheme, host, port and path only", v.where(setting),
                    dev.chatsdk.jakarta.remote.RedactedUrl.of(url));
        }
    }

    static boolean isWebUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * @return whether one contains the other (equal included), the shorter being at least 16 characters: a value that
     *         short is refused by its own rule anyway, and would be found inside random secrets by chance
     */
    static boolean overlap(String a, String b) {
        return a != null && b != null && Math.min(a.length(), b.length()) >= 16 && (a.contains(b) || b.contains(a));
    }

    /**
     * @return whether a secret starts or ends with whitespace (a no-break space too) or holds what looks like an
     *         inline comment: a paste error, or a comment the .properties format took into the value
     */
    static boolean looksPasted(String value) {
        return !value.isEmpty() && (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))
                || hasInlineComment(value));
    }

    /** @return whether the text holds what looks like an inline comment: whitespace, then {@code #} or {@code !} */
    static boolean hasInlineComment(String text) {
        return INLINE_COMMENT.matcher(text).find();
    }

    /** @return the text before its first inline comment, without trailing whitespace; the text when it has none */
    static String beforeInlineComment(String text) {
        java.util.regex.Matcher m = INLINE_COMMENT.matcher(text);
        return m.find() ? text.substring(0, m.start()).stripTrailing() : text;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static String trimSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String redacted(String secret) {
        return secret == null ? "<unset>"
                : "<set, " + secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes>";
    }
}
