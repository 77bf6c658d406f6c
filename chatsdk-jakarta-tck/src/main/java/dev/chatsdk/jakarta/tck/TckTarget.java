package dev.chatsdk.jakarta.tck;

import java.util.Locale;

/**
 * The deployment under test, from system properties or environment variables
 * ({@code chatsdk.tck.base-url} or {@code CHATSDK_TCK_BASE_URL}, and so on):
 * <ul>
 * <li>{@code chatsdk.tck.base-url} (required): the application's context root, e.g. {@code http://127.0.0.1:8080/app};</li>
 * <li>{@code chatsdk.tck.user} / {@code chatsdk.tck.password}: a user with chat access, sent as HTTP BASIC;</li>
 * <li>{@code chatsdk.tck.denied-user} / {@code chatsdk.tck.denied-password}: authenticated, without a chat role;</li>
 * <li>{@code chatsdk.tck.api-key}: an API key of the token API (local issuer);</li>
 * <li>{@code chatsdk.tck.secret} / {@code chatsdk.tck.ws-secret}: the HS256 secrets, to verify signatures;</li>
 * <li>{@code chatsdk.tck.token-path} / {@code chatsdk.tck.api-base}: when not the defaults.</li>
 * </ul>
 * A test that needs something the target does not give is skipped, saying what is missing.
 */
public final class TckTarget {
    private TckTarget() {
    }

    /** @return the value of a {@code chatsdk.tck.*} setting, or {@code null} */
    public static String get(String name) {
        String key = "chatsdk.tck." + name;
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }

    static String baseUrl() {
        String url = get("base-url");
        if (url == null) {
            throw new IllegalStateException("set chatsdk.tck.base-url (or CHATSDK_TCK_BASE_URL) to the application's "
                    + "context root, e.g. http://127.0.0.1:8080/app");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String tokenPath() {
        String path = get("token-path");
        return path == null ? "/api/chat/token" : path;
    }

    static String apiBase() {
        String path = get("api-base");
        return path == null ? "/chatsdk" : path;
    }
}
