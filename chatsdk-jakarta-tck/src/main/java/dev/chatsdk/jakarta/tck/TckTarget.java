package dev.chatsdk.jakarta.tck;

import java.time.Duration;
import java.util.Locale;

/**
 * The deployment under test, from system properties or environment variables
 * ({@code chatsdk.tck.base-url} or {@code CHATSDK_TCK_BASE_URL}, and so on):
 * <ul>
 * <li>{@code chatsdk.tck.base-url} (required): the application's context root, e.g. {@code http://127.0.0.1:8080/app};</li>
 * <li>{@code chatsdk.tck.user} / {@code chatsdk.tck.password}: a user with chat access, sent as HTTP BASIC;</li>
 * <li>{@code chatsdk.tck.denied-user} / {@code chatsdk.tck.denied-password}: authenticated, without a chat role;</li>
 * <li>{@code chatsdk.tck.authorization} / {@code chatsdk.tck.denied-authorization}: instead of BASIC, an
 * {@code Authorization} header value sent as it is (such as {@code Bearer <access token>} of the target's OpenID
 * Connect provider) for the allowed and the denied user; {@code chatsdk.tck.user} is then the chat user id the
 * allowed one must get;</li>
 * <li>{@code chatsdk.tck.api-key}: an API key of the token API (local issuer);</li>
 * <li>{@code chatsdk.tck.secret} / {@code chatsdk.tck.ws-secret}: the HS256 secrets, to verify signatures;</li>
 * <li>{@code chatsdk.tck.token-path} / {@code chatsdk.tck.api-base}: when not the defaults;</li>
 * <li>{@code chatsdk.tck.algorithm}: {@code HS256}, {@code RS256} or {@code ES256}, as the target's
 * {@code chatsdk.local.algorithm} (default {@code HS256} when {@code chatsdk.tck.secret} is given, else unknown);</li>
 * <li>{@code chatsdk.tck.private-key}: the target's PKCS#8 PEM private key (RS256/ES256), to forge tokens with the
 * right key in the binding tests (the HS256 counterpart is {@code chatsdk.tck.secret});</li>
 * <li>{@code chatsdk.tck.rotation-grace}: the target's {@code chatsdk.session.rotation-grace} ({@code 2s},
 * {@code 500ms}, {@code PT2S}, {@code 0}), when short enough to wait past (at most 10 s);</li>
 * <li>{@code chatsdk.tck.basic-challenge}: {@code true} when the target offers HTTP BASIC, so an anonymous
 * caller's 401 carries {@code WWW-Authenticate: Basic …};</li>
 * <li>{@code chatsdk.tck.rate-limit-ip}: the target's {@code chatsdk.rate-limit.ip} ({@code N/period}), when on;</li>
 * <li>{@code chatsdk.tck.trusted-proxy}: {@code true} when the target lists the kit's own address in
 * {@code chatsdk.web.trusted-proxies}, so {@code X-Forwarded-For} names the client (the rate-limit test uses a
 * loopback address of its own, and leaves the kit's bucket alone);</li>
 * <li>{@code chatsdk.tck.failed-api-key}: the target's {@code chatsdk.rate-limit.failed-api-key} ({@code N/period});</li>
 * <li>{@code chatsdk.tck.max-body-size}: the target's {@code chatsdk.web.max-body-size} when not 16384;</li>
 * <li>{@code chatsdk.tck.session-path} / {@code chatsdk.tck.logout-path}: a page of the application behind its login
 * that starts the HTTP session ({@code GET}), and the application's logout ({@code POST}: {@code request.logout()} and
 * {@code session.invalidate()}), such as {@code /api/session} and {@code /api/logout}.</li>
 * </ul>
 * A test that needs something the target does not give is skipped, saying what is missing.
 */
public final class TckTarget {
    private TckTarget() {
    }

    /**
     * @param name a setting's name after {@code chatsdk.tck.}, such as {@code base-url}
     * @return its value: the system property {@code chatsdk.tck.<name>}, else the environment variable
     *         {@code CHATSDK_TCK_<NAME>}; {@code null} when neither is set, or it is blank
     */
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

    /** @return the signing algorithm the target declares, or {@code null} when it says nothing */
    static String algorithm() {
        String algorithm = get("algorithm");
        if (algorithm != null) {
            return algorithm.trim().toUpperCase(Locale.ROOT);
        }
        return get("secret") != null ? "HS256" : null;
    }

    /** @return the declared rotation grace, or {@code null} */
    static Duration rotationGrace() {
        String value = get("rotation-grace");
        return value == null ? null : duration(value.trim());
    }

    /** @return whether a boolean setting is {@code true} */
    static boolean enabled(String name) {
        return "true".equalsIgnoreCase(get(name));
    }

    static int maxBodySize() {
        String value = get("max-body-size");
        return value == null ? 16384 : Integer.parseInt(value.trim());
    }

    /** @return a duration as the module writes them: ISO-8601, or a number with ms, s, m, h or d */
    static Duration duration(String value) {
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofSeconds(n);
        }
    }

    static String apiBase() {
        String path = get("api-base");
        return path == null ? "/chatsdk" : path;
    }
}
