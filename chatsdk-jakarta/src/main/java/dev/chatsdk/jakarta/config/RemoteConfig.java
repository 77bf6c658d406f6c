package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The ChatSDK API the {@code remote} issuer relays to ({@code chatsdk.api-url}, {@code chatsdk.remote.*}), and the
 * resilience of outbound calls (also used for Centrifugo). Immutable; {@link #toString()} prints no secret.
 *
 * @since 0.3
 */
public final class RemoteConfig {
    /** Outbound calls: a caller waits for them, and the request timeout bounds one try (two with retries). */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    /** An open breaker refuses every call; an hour without a probe is an outage of its own. */
    static final Duration MAX_BREAKER_OPEN_FOR = Duration.ofHours(1);

    /** Base URL of the ChatSDK API the {@code remote} issuer asks for tokens; setting it selects that issuer. */
    public static final Setting<String> API_URL = Setting.trimmed("chatsdk.api-url", null);
    /** The one API key the {@code remote} issuer sends upstream in {@code X-API-Key}; never to browsers, never printed. */
    public static final Setting<String> API_KEY = Setting.text("chatsdk.remote.api-key", null).asSecret();
    /** Upstream path that issues tokens; default {@code /api/auth/connect}. */
    public static final Setting<String> TOKEN_PATH = Setting.text("chatsdk.remote.token-path", "/api/auth/connect");
    /** Upstream path that refreshes tokens; default {@code /api/auth/refresh}. */
    public static final Setting<String> REFRESH_PATH = Setting.text("chatsdk.remote.refresh-path", "/api/auth/refresh");
    /** Upstream path that ends a session; none by default (the ChatSDK API has no per-session logout). */
    public static final Setting<String> LOGOUT_PATH = Setting.text("chatsdk.remote.logout-path", null);
    /** Where {@code userId} goes in {@link #REVOKE_USER_PATH}. */
    public static final String USER_ID = "{userId}";
    /**
     * Upstream path that revokes every session of a user, {@value #USER_ID} standing for the percent-encoded user id;
     * default {@code /api/users/{userId}/revoke-tokens}.
     */
    public static final Setting<String> REVOKE_USER_PATH = Setting.text("chatsdk.remote.revoke-user-path",
            "/api/users/" + USER_ID + "/revoke-tokens");
    /** Longest wait for a connection to the ChatSDK API; default {@code PT2S}. */
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("chatsdk.remote.connect-timeout",
            Duration.ofSeconds(2)).atMost(MAX_TIMEOUT, "a caller and a request thread wait that long for each try");
    /** Longest wait for one answer of the ChatSDK API; default {@code PT5S}. */
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration("chatsdk.remote.request-timeout",
            Duration.ofSeconds(5)).atMost(MAX_TIMEOUT, "a caller and a request thread wait up to twice that (with "
                    + "retries) for one answer");
    /** Most tries of one call (connect failures, 502/503/504, 429); default {@code 3}. */
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("chatsdk.remote.max-attempts", 3, 1, 10);
    /** Most calls to the ChatSDK API at once; beyond it, an immediate 503; default {@code 64}. */
    public static final Setting<Integer> MAX_CONCURRENT_CALLS = Setting.integer("chatsdk.remote.max-concurrent-calls",
            64, 1, 10_000);
    /** Failed calls in a row that open the circuit breaker; default {@code 5}. */
    public static final Setting<Integer> BREAKER_THRESHOLD = Setting.integer("chatsdk.remote.breaker-threshold", 5, 1,
            1000);
    /** How long an open breaker answers 503 before it lets one probe through; default {@code PT30S}. */
    public static final Setting<Duration> BREAKER_OPEN_FOR = Setting.duration("chatsdk.remote.breaker-open-for",
            Duration.ofSeconds(30)).atMost(MAX_BREAKER_OPEN_FOR, "an open breaker refuses every call until it lets a "
                    + "probe through");


    private final String apiUrl;
    private final String apiKey;
    private final String tokenPath;
    private final String refreshPath;
    private final String logoutPath;
    private final String revokeUserPath;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final int maxConcurrentCalls;
    private final int breakerThreshold;
    private final Duration breakerOpenFor;

    private RemoteConfig(ConfigValues v) {
        this.apiUrl = Checks.trimSlash(v.get(API_URL));
        this.apiKey = v.get(API_KEY);
        this.tokenPath = v.get(TOKEN_PATH);
        this.refreshPath = v.get(REFRESH_PATH);
        this.logoutPath = v.get(LOGOUT_PATH);
        this.revokeUserPath = v.get(REVOKE_USER_PATH);
        this.connectTimeout = v.get(CONNECT_TIMEOUT);
        this.requestTimeout = v.get(REQUEST_TIMEOUT);
        this.maxAttempts = v.get(MAX_ATTEMPTS);
        this.maxConcurrentCalls = v.get(MAX_CONCURRENT_CALLS);
        this.breakerThreshold = v.get(BREAKER_THRESHOLD);
        this.breakerOpenFor = v.get(BREAKER_OPEN_FOR);
    }

    /**
     * @param v      the values; this part's problems are added to them
     * @param active whether the {@code remote} issuer is selected (else nothing is checked)
     * @return the part
     */
    public static RemoteConfig from(ConfigValues v, boolean active) {
        RemoteConfig c = new RemoteConfig(v);
        if (active) {
            c.check(v);
        }
        return c;
    }

    private void check(ConfigValues v) {
        if (!Checks.isSet(apiUrl)) {
            v.add("CHATSDK-080: %s is required when 'chatsdk.issuer=remote'; set it (env %s) to your ChatSDK API's "
                    + "base URL, such as https://chat.example.com", v.where(API_URL), API_URL.env());
        } else if (!Checks.isWebUrl(apiUrl)) {
            v.add("CHATSDK-081: %s is '%s', not an absolute http or https URL; use the ChatSDK API's base URL, such as "
                    + "https://chat.example.com", v.where(API_URL), dev.chatsdk.jakarta.remote.RedactedUrl.of(apiUrl));
        } else {
            Checks.baseUrl(v, API_URL, apiUrl);
        }
        if (apiKey == null || apiKey.isEmpty()) {
            v.add("CHATSDK-082: %s is required when 'chatsdk.issuer=remote'; set it (env %s) to the API key from your "
                    + "ChatSDK dashboard", v.where(API_KEY), API_KEY.env());
        } else if (apiKey.indexOf(',') >= 0) {
            v.add("CHATSDK-083: %s lists %d keys; the remote issuer sends one, so set exactly one", v.where(API_KEY),
                    apiKey.split(",", -1).length);
        } else {
            Checks.headerKey(v, API_KEY, apiKey);
        }
        Checks.path(v, TOKEN_PATH, tokenPath);
        Checks.path(v, REFRESH_PATH, refreshPath);
        if (logoutPath != null) {
            Checks.path(v, LOGOUT_PATH, logoutPath);
        }
        checkRevokeUserPath(v);
        checkResilience(v);
    }

    /** A path with exactly one {@value #USER_ID}, and otherwise a path as the others. */
    private void checkRevokeUserPath(ConfigValues v) {
        int at = revokeUserPath == null ? -1 : revokeUserPath.indexOf(USER_ID);
        if (at < 0 || revokeUserPath.indexOf(USER_ID, at + 1) >= 0) {
            v.add("CHATSDK-411: %s is '%s'; it must hold '%s' exactly once, where the user id goes, such as "
                    + "'/api/users/{userId}/revoke-tokens'", v.where(REVOKE_USER_PATH), revokeUserPath, USER_ID);
        } else {
            Checks.path(v, REVOKE_USER_PATH, revokeUserPath.replace(USER_ID, "u"));
        }
    }

    /** The timeouts, retries, bulkhead and breaker of outbound calls: to the ChatSDK API, and to Centrifugo. */
    static void checkResilience(ConfigValues v) {
        v.check(CONNECT_TIMEOUT);
        v.check(REQUEST_TIMEOUT);
        v.check(BREAKER_OPEN_FOR);
        v.check(MAX_ATTEMPTS);
        v.check(MAX_CONCURRENT_CALLS);
        v.check(BREAKER_THRESHOLD);
    }

    /** @return the ChatSDK API base URL, without a trailing {@code /}; empty unless set */
    public Optional<String> apiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    /** @return the one key sent upstream in {@code X-API-Key}; empty unless set. Never log it. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** @return the upstream issue path */
    public String tokenPath() {
        return tokenPath;
    }

    /** @return the upstream refresh path */
    public String refreshPath() {
        return refreshPath;
    }

    /** @return the upstream logout path; empty when the API has none */
    public Optional<String> logoutPath() {
        return Optional.ofNullable(logoutPath);
    }

    /**
     * @return the upstream path that revokes every session of a user, with {@value #USER_ID} where the user id goes
     * @since 0.3
     */
    public String revokeUserPath() {
        return revokeUserPath;
    }

    /** @return the longest wait for a connection upstream */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the longest wait for one upstream answer */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the most tries of one upstream call */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the most upstream calls at once */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** @return failed calls in a row that open the breaker */
    public int breakerThreshold() {
        return breakerThreshold;
    }

    /** @return how long an open breaker refuses calls */
    public Duration breakerOpenFor() {
        return breakerOpenFor;
    }

    @Override
    public String toString() {
        return "remote[apiUrl=" + dev.chatsdk.jakarta.remote.RedactedUrl.of(apiUrl) + ", apiKey="
                + Checks.redacted(apiKey) + ", tokenPath=" + tokenPath + ", refreshPath=" + refreshPath
                + ", logoutPath=" + logoutPath + ", revokeUserPath=" + revokeUserPath + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", maxAttempts=" + maxAttempts + ", maxConcurrentCalls=" + maxConcurrentCalls
                + ", breakerThreshold=" + breakerThreshold + ", breakerOpenFor=" + breakerOpenFor + "]";
    }
}
