package dev.chatsdk.jakarta.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of the configuration's root, and every setting of every part in documentation order.
 *
 * @since 0.3
 */
public final class Settings {
    /**
     * Which issuer makes tokens: {@code remote} when {@link RemoteConfig#API_URL} is set, else {@code local}; another
     * name selects a {@code TokenIssuerFactory} found with {@link java.util.ServiceLoader}.
     */
    public static final Setting<String> ISSUER = Setting.choiceText("chatsdk.issuer",
            text -> text.trim().toLowerCase(Locale.ROOT));
    /** ChatSDK app id, put in {@code app_id} and {@code sub}; required for the local issuer. */
    public static final Setting<String> APP_ID = Setting.text("chatsdk.app-id", null);
    /**
     * Deprecated since 0.3: with {@code chatsdk.issuer=remote} it means {@link RemoteConfig#API_KEY}, otherwise
     * {@link WebConfig#API_KEYS}; start-up logs {@code CHATSDK-105}. Never printed.
     */
    @Deprecated(since = "0.3")
    public static final Setting<List<String>> API_KEY = Setting.list("chatsdk.api-key").asSecret();

    /** Every setting, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(ISSUER, RemoteConfig.API_URL, RemoteConfig.API_KEY,
            RemoteConfig.TOKEN_PATH, RemoteConfig.REFRESH_PATH, RemoteConfig.LOGOUT_PATH, RemoteConfig.REVOKE_USER_PATH,
            RemoteConfig.CONNECT_TIMEOUT,
            RemoteConfig.REQUEST_TIMEOUT, RemoteConfig.MAX_ATTEMPTS, RemoteConfig.MAX_CONCURRENT_CALLS,
            RemoteConfig.BREAKER_THRESHOLD, RemoteConfig.BREAKER_OPEN_FOR, APP_ID, WebConfig.API_KEYS, API_KEY,
            TokenConfig.ACCESS_TTL, TokenConfig.REFRESH_TTL, TokenConfig.ISSUER, TokenConfig.AUDIENCE,
            TokenConfig.SCOPES, TokenConfig.CLOCK_SKEW, LocalKeysConfig.ALGORITHM, LocalKeysConfig.SECRET,
            LocalKeysConfig.WS_SECRET, LocalKeysConfig.PRIVATE_KEY, LocalKeysConfig.PUBLIC_KEY,
            LocalKeysConfig.PREVIOUS_KEYS, LocalKeysConfig.KEY_ID, SessionConfig.STORE, SessionConfig.Jdbc.DATASOURCE,
            SessionConfig.Jdbc.URL, SessionConfig.Jdbc.USER, SessionConfig.Jdbc.PASSWORD,
            SessionConfig.Jdbc.MAX_CONNECTIONS, SessionConfig.Jdbc.TIMEOUT, SessionConfig.Jdbc.CREATE_SCHEMA,
            SessionConfig.ROTATION_GRACE,
            SessionConfig.MAX_LIFETIME, SessionConfig.Memory.MAX_SESSIONS, SessionConfig.MAX_PER_USER,
            IdentityConfig.USER_ATTRIBUTE, IdentityConfig.REQUIRE_PRINCIPAL_MATCH, IdentityConfig.CLAIM_USER_ID,
            IdentityConfig.CLAIM_NAME, IdentityConfig.CLAIM_AVATAR, IdentityConfig.CLAIM_EMAIL, IdentityConfig.CLAIM_CUSTOM,
            IdentityConfig.JWT_CLAIMS,
            IdentityConfig.ROLE_CLAIMS, IdentityConfig.ROLES_ALLOWED, WebConfig.TOKEN_PATH, WebConfig.API_BASE,
            WebConfig.MAX_BODY_SIZE, WebConfig.BODY_TIMEOUT, WebConfig.SERVLET_FILTER, RateLimitConfig.USER,
            RateLimitConfig.IP, RateLimitConfig.API_KEY, RateLimitConfig.FAILED_API_KEY, WebConfig.Proxies.TRUSTED,
            WebConfig.Proxies.FORWARDED_HEADER, WebConfig.REFRESH_COOKIE, WebConfig.AUTH_CHALLENGE,
            WebConfig.Cors.ALLOWED_ORIGINS, WebConfig.HEALTH_ENABLED, WebConfig.HEALTH_DETAILS,
            WebConfig.LOGOUT_ENDS, WebConfig.EXPIRY_ENDS,
            CentrifugoConfig.API_URL, CentrifugoConfig.API_KEY);

    private Settings() {
    }

    /**
     * @param key a key, or its environment-variable spelling as some sources report it ({@code chatsdk.api.url})
     * @return the setting of that key; empty when it is no ChatSDK Jakarta key
     */
    public static Optional<Setting<?>> byKey(String key) {
        String env = Setting.env(key);
        for (Setting<?> s : ALL) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return ALL.stream().filter(s -> s.env().equals(env)).findFirst();
    }
}
