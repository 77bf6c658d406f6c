package dev.chatsdk.jakarta.remote;

/**
 * A configured URL as it may be printed (log lines, configuration messages, {@code toString()}): without the
 * credentials of its userinfo ({@code https://user:pass@host}) and without its query and fragment, which may
 * carry tokens or keys, and with control characters replaced by {@code ?}. Works on any text, URL or not,
 * never throws. Stateless and thread-safe.
 */
public final class RedactedUrl {
    private RedactedUrl() {
    }

    /**
     * @param url a configured URL, possibly malformed, or {@code null}
     * @return {@code scheme://host:port/path} with {@code ***@} for userinfo and {@code ?***} for a query or
     *         fragment, or {@code null} for {@code null}
     */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String text = url;
        String tail = "";
        int query = indexOfAny(text, "?#", 0);
        if (query >= 0) {
            text = text.substring(0, query);
            tail = "?***";
        }
        int scheme = text.indexOf("://");
        int authority = scheme >= 0 ? scheme + 3 : 0;
        int path = indexOfAny(text, "/\\", authority);
        int end = path >= 0 ? path : text.length();
        int at = text.lastIndexOf('@', end - 1);
        if (at >= authority) {
            text = text.substring(0, authority) + "***" + text.substring(at);
        }
        StringBuilder printable = new StringBuilder(text.length() + tail.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            printable.append(Character.isISOControl(c) ? '?' : c);
        }
        return printable.append(tail).toString();
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
