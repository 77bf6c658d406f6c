package dev.chatsdk.jakarta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;

import dev.chatsdk.jakarta.config.CentrifugoConfig;
import dev.chatsdk.jakarta.config.ConfigValues;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.Setting;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.TokenConfig;
import dev.chatsdk.jakarta.config.WebConfig;

/**
 * The module's configuration: a typed, validated, immutable view built once at start-up, either from
 * MicroProfile Config ({@link #from(Config)}) or in code ({@link #builder()}). It holds one part per key prefix
 * ({@link #token()}, {@link #local()}, {@link #remote()}, {@link #session()}, {@link #identity()}, {@link #web()},
 * {@link #rateLimits()}, {@link #centrifugo()}); each key is defined once, as a {@link Setting}.
 *
 * <p>Every problem is reported at once by {@link Builder#build()} as one {@link ChatSdkConfigException}.
 * Message numbers: {@code CHATSDK-001..099} configuration, {@code 100..199} start-up log lines,
 * {@code 200..299} request-time log lines.
 *
 * <p>{@link #toString()} never prints a secret. This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChatSdkConfig {

    /**
     * The configuration keys, each the {@link Setting#key()} of its descriptor in {@code dev.chatsdk.jakarta.config}.
     * Environment variables follow MicroProfile Config's rules: upper case, every non-alphanumeric character replaced
     * by {@code _} ({@code chatsdk.local.secret} → {@code CHATSDK_LOCAL_SECRET}). Durations are ISO-8601
     * ({@code PT1H}, {@code P7D}) or a number with a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}
     * ({@code 45s}, {@code 7d}). Lists are comma-separated.
     *
     * @since 0.1
     */
    public static final class Keys {
        /** {@link Settings#ISSUER}. */ public static final String ISSUER = Settings.ISSUER.key();
        /** {@link RemoteConfig#API_URL}. */ public static final String API_URL = RemoteConfig.API_URL.key();
        /** {@link RemoteConfig#API_KEY}. */ public static final String REMOTE_API_KEY = RemoteConfig.API_KEY.key();
        /** {@link RemoteConfig#TOKEN_PATH}. */ public static final String REMOTE_TOKEN_PATH = RemoteConfig.TOKEN_PATH.key();
        /** {@link RemoteConfig#REFRESH_PATH}. */ public static final String REMOTE_REFRESH_PATH = RemoteConfig.REFRESH_PATH.key();
        /** {@link RemoteConfig#LOGOUT_PATH}. */ public static final String REMOTE_LOGOUT_PATH = RemoteConfig.LOGOUT_PATH.key();
        /** {@link RemoteConfig#REVOKE_USER_PATH}. */ public static final String REMOTE_REVOKE_USER_PATH = RemoteConfig.REVOKE_USER_PATH.key();
        /** {@link RemoteConfig#CONNECT_TIMEOUT}. */ public static final String REMOTE_CONNECT_TIMEOUT = RemoteConfig.CONNECT_TIMEOUT.key();
        /** {@link RemoteConfig#REQUEST_TIMEOUT}. */ public static final String REMOTE_REQUEST_TIMEOUT = RemoteConfig.REQUEST_TIMEOUT.key();
        /** {@link RemoteConfig#MAX_ATTEMPTS}. */ public static final String REMOTE_MAX_ATTEMPTS = RemoteConfig.MAX_ATTEMPTS.key();
        /** {@link RemoteConfig#MAX_CONCURRENT_CALLS}. */ public static final String REMOTE_MAX_CONCURRENT_CALLS = RemoteConfig.MAX_CONCURRENT_CALLS.key();
        /** {@link RemoteConfig#BREAKER_THRESHOLD}. */ public static final String REMOTE_BREAKER_THRESHOLD = RemoteConfig.BREAKER_THRESHOLD.key();
        /** {@link RemoteConfig#BREAKER_OPEN_FOR}. */ public static final String REMOTE_BREAKER_OPEN_FOR = RemoteConfig.BREAKER_OPEN_FOR.key();
        /** {@link Settings#APP_ID}. */ public static final String APP_ID = Settings.APP_ID.key();
        /** {@link WebConfig#API_KEYS}. */ public static final String WEB_API_KEYS = WebConfig.API_KEYS.key();
        /** {@link Settings#API_KEY}: use {@link #WEB_API_KEYS} or {@link #REMOTE_API_KEY}. */
        @Deprecated(since = "0.3") public static final String API_KEY = Settings.API_KEY.key();
        /** {@link TokenConfig#ACCESS_TTL}. */ public static final String ACCESS_TTL = TokenConfig.ACCESS_TTL.key();
        /** {@link TokenConfig#REFRESH_TTL}. */ public static final String REFRESH_TTL = TokenConfig.REFRESH_TTL.key();
        /** {@link TokenConfig#ISSUER}. */ public static final String TOKEN_ISSUER = TokenConfig.ISSUER.key();
        /** {@link TokenConfig#AUDIENCE}. */ public static final String AUDIENCE = TokenConfig.AUDIENCE.key();
        /** {@link TokenConfig#SCOPES}. */ public static final String SCOPES = TokenConfig.SCOPES.key();
        /** {@link TokenConfig#CLOCK_SKEW}. */ public static final String CLOCK_SKEW = TokenConfig.CLOCK_SKEW.key();
        /** {@link LocalKeysConfig#ALGORITHM}. */ public static final String LOCAL_ALGORITHM = LocalKeysConfig.ALGORITHM.key();
        /** {@link LocalKeysConfig#SECRET}. */ public static final String LOCAL_SECRET = LocalKeysConfig.SECRET.key();
        /** {@link LocalKeysConfig#WS_SECRET}. */ public static final String LOCAL_WS_SECRET = LocalKeysConfig.WS_SECRET.key();
        /** {@link LocalKeysConfig#PRIVATE_KEY}. */ public static final String LOCAL_PRIVATE_KEY = LocalKeysConfig.PRIVATE_KEY.key();
        /** {@link LocalKeysConfig#PUBLIC_KEY}. */ public static final String LOCAL_PUBLIC_KEY = LocalKeysConfig.PUBLIC_KEY.key();
        /** {@link LocalKeysConfig#PREVIOUS_KEYS}. */ public static final String LOCAL_PREVIOUS_KEYS = LocalKeysConfig.PREVIOUS_KEYS.key();
        /** {@link LocalKeysConfig#KEY_ID}. */ public static final String LOCAL_KEY_ID = LocalKeysConfig.KEY_ID.key();
        /** {@link SessionConfig#STORE}. */ public static final String SESSION_STORE = SessionConfig.STORE.key();
        /** {@link SessionConfig.Jdbc#DATASOURCE}. */ public static final String JDBC_DATASOURCE = SessionConfig.Jdbc.DATASOURCE.key();
        /** {@link SessionConfig.Jdbc#URL}. */ public static final String JDBC_URL = SessionConfig.Jdbc.URL.key();
        /** {@link SessionConfig.Jdbc#USER}. */ public static final String JDBC_USER = SessionConfig.Jdbc.USER.key();
        /** {@link SessionConfig.Jdbc#PASSWORD}. */ public static final String JDBC_PASSWORD = SessionConfig.Jdbc.PASSWORD.key();
        /** {@link SessionConfig.Jdbc#MAX_CONNECTIONS}. */ public static final String JDBC_MAX_CONNECTIONS = SessionConfig.Jdbc.MAX_CONNECTIONS.key();
        /** {@link SessionConfig.Jdbc#TIMEOUT}. */ public static final String JDBC_TIMEOUT = SessionConfig.Jdbc.TIMEOUT.key();
        /** {@link SessionConfig.Jdbc#CREATE_SCHEMA}. */ public static final String JDBC_CREATE_SCHEMA = SessionConfig.Jdbc.CREATE_SCHEMA.key();
        /** {@link SessionConfig#ROTATION_GRACE}. */ public static final String ROTATION_GRACE = SessionConfig.ROTATION_GRACE.key();
        /** {@link SessionConfig#MAX_LIFETIME}. */ public static final String MAX_LIFETIME = SessionConfig.MAX_LIFETIME.key();
        /** {@link SessionConfig.Memory#MAX_SESSIONS}. */ public static final String MEMORY_MAX_SESSIONS = SessionConfig.Memory.MAX_SESSIONS.key();
        /** {@link SessionConfig#MAX_PER_USER}. */ public static final String MAX_PER_USER = SessionConfig.MAX_PER_USER.key();
        /** {@link IdentityConfig#USER_ATTRIBUTE}. */ public static final String IDENTITY_USER_ATTRIBUTE = IdentityConfig.USER_ATTRIBUTE.key();
        /** {@link IdentityConfig#REQUIRE_PRINCIPAL_MATCH}. */ public static final String IDENTITY_REQUIRE_PRINCIPAL_MATCH = IdentityConfig.REQUIRE_PRINCIPAL_MATCH.key();
        /** {@link IdentityConfig#CLAIM_USER_ID}. */ public static final String IDENTITY_CLAIM_USER_ID = IdentityConfig.CLAIM_USER_ID.key();
        /** {@link IdentityConfig#CLAIM_NAME}. */ public static final String IDENTITY_CLAIM_NAME = IdentityConfig.CLAIM_NAME.key();
        /** {@link IdentityConfig#CLAIM_AVATAR}. */ public static final String IDENTITY_CLAIM_AVATAR = IdentityConfig.CLAIM_AVATAR.key();
        /** {@link IdentityConfig#CLAIM_EMAIL}. */ public static final String IDENTITY_CLAIM_EMAIL = IdentityConfig.CLAIM_EMAIL.key();
        /** {@link IdentityConfig#CLAIM_CUSTOM}. */ public static final String IDENTITY_CLAIM_CUSTOM = IdentityConfig.CLAIM_CUSTOM.key();
        /** {@link IdentityConfig#JWT_CLAIMS}. */ public static final String IDENTITY_JWT_CLAIMS = IdentityConfig.JWT_CLAIMS.key();
        /** {@link IdentityConfig#ROLE_CLAIMS}. */ public static final String IDENTITY_ROLE_CLAIMS = IdentityConfig.ROLE_CLAIMS.key();
        /** {@link IdentityConfig#ROLES_ALLOWED}. */ public static final String ROLES_ALLOWED = IdentityConfig.ROLES_ALLOWED.key();
        /** {@link WebConfig#TOKEN_PATH}. */ public static final String TOKEN_PATH = WebConfig.TOKEN_PATH.key();
        /** {@link WebConfig#API_BASE}. */ public static final String API_BASE = WebConfig.API_BASE.key();
        /** {@link WebConfig#MAX_BODY_SIZE}. */ public static final String MAX_BODY_SIZE = WebConfig.MAX_BODY_SIZE.key();
        /** {@link WebConfig#BODY_TIMEOUT}. */ public static final String BODY_TIMEOUT = WebConfig.BODY_TIMEOUT.key();
        /** {@link WebConfig#SERVLET_FILTER}. */ public static final String SERVLET_FILTER = WebConfig.SERVLET_FILTER.key();
        /** {@link RateLimitConfig#USER}. */ public static final String RATE_LIMIT_USER = RateLimitConfig.USER.key();
        /** {@link RateLimitConfig#IP}. */ public static final String RATE_LIMIT_IP = RateLimitConfig.IP.key();
        /** {@link RateLimitConfig#API_KEY}. */ public static final String RATE_LIMIT_API_KEY = RateLimitConfig.API_KEY.key();
        /** {@link RateLimitConfig#FAILED_API_KEY}. */ public static final String RATE_LIMIT_FAILED_API_KEY = RateLimitConfig.FAILED_API_KEY.key();
        /** {@link WebConfig.Proxies#TRUSTED}. */ public static final String TRUSTED_PROXIES = WebConfig.Proxies.TRUSTED.key();
        /** {@link WebConfig.Proxies#FORWARDED_HEADER}. */ public static final String FORWARDED_HEADER = WebConfig.Proxies.FORWARDED_HEADER.key();
        /** {@link WebConfig#REFRESH_COOKIE}. */ public static final String REFRESH_COOKIE = WebConfig.REFRESH_COOKIE.key();
        /** {@link WebConfig#AUTH_CHALLENGE}. */ public static final String AUTH_CHALLENGE = WebConfig.AUTH_CHALLENGE.key();
        /** {@link WebConfig.Cors#ALLOWED_ORIGINS}. */ public static final String CORS_ALLOWED_ORIGINS = WebConfig.Cors.ALLOWED_ORIGINS.key();
        /** {@link WebConfig#HEALTH_ENABLED}. */ public static final String HEALTH_ENABLED = WebConfig.HEALTH_ENABLED.key();
        /** {@link WebConfig#HEALTH_DETAILS}. */ public static final String HEALTH_DETAILS = WebConfig.HEALTH_DETAILS.key();
        /** {@link WebConfig#LOGOUT_ENDS}. */ public static final String LOGOUT_ENDS = WebConfig.LOGOUT_ENDS.key();
        /** {@link WebConfig#EXPIRY_ENDS}. */ public static final String EXPIRY_ENDS = WebConfig.EXPIRY_ENDS.key();
        /** {@link CentrifugoConfig#API_URL}. */ public static final String CENTRIFUGO_API_URL = CentrifugoConfig.API_URL.key();
        /** {@link CentrifugoConfig#API_KEY}. */ public static final String CENTRIFUGO_API_KEY = CentrifugoConfig.API_KEY.key();

        /** Every key, in documentation order ({@link Settings#ALL}). */
        public static final List<String> ALL = Settings.ALL.stream().map(Setting::key)
                .collect(Collectors.toUnmodifiableList());

        private Keys() {
        }
    }

    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");

    /** The name of the in-process issuer, the default. */
    public static final String LOCAL = "local";
    /** The name of the issuer that asks a ChatSDK API for tokens. */
    public static final String REMOTE = "remote";

    private final ConfigValues values;
    private final String issuer;
    private final String appId;
    private final TokenConfig token;
    private final LocalKeysConfig local;
    private final RemoteConfig remote;
    private final SessionConfig session;
    private final IdentityConfig identity;
    private final WebConfig web;
    private final RateLimitConfig rateLimits;
    private final CentrifugoConfig centrifugo;

    private ChatSdkConfig(String issuer, ConfigValues v) {
        this.values = v;
        this.issuer = issuer;
        this.appId = v.get(Settings.APP_ID);
        boolean isLocal = LOCAL.equals(issuer);
        ConfigValidator.root(issuer, appId, v);
        this.local = LocalKeysConfig.from(v, isLocal);
        this.remote = RemoteConfig.from(v, REMOTE.equals(issuer));
        this.web = WebConfig.from(v, isLocal);
        this.token = TokenConfig.from(v);
        this.session = SessionConfig.from(v);
        this.identity = IdentityConfig.from(v);
        this.rateLimits = RateLimitConfig.from(v);
        this.centrifugo = CentrifugoConfig.from(v, REMOTE.equals(issuer));
        ConfigValidator.acrossParts(this, v);
    }

    /**
     * Reads and validates the configuration from MicroProfile Config.
     *
     * @param config the MicroProfile configuration
     * @return the validated configuration
     * @throws ChatSdkConfigException listing every problem, if any key is missing or wrong
     */
    public static ChatSdkConfig from(Config config) {
        return MicroProfileConfigReader.read(config).build();
    }

    /** @return a builder with every default set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the issuer name: {@code local}, {@code remote}, or a {@code TokenIssuerFactory}'s name */
    public String issuer() {
        return issuer;
    }

    /** @return the ChatSDK app id, or {@code null} when not set (the remote issuer needs none) */
    public String appId() {
        return appId;
    }

    /** @return the tokens' claims and lifetimes ({@code chatsdk.token.*}) */
    public TokenConfig token() {
        return token;
    }

    /** @return the local issuer's signing keys ({@code chatsdk.local.*}) */
    public LocalKeysConfig local() {
        return local;
    }

    /** @return the ChatSDK API of the remote issuer ({@code chatsdk.api-url}, {@code chatsdk.remote.*}) */
    public RemoteConfig remote() {
        return remote;
    }

    /** @return the sessions ({@code chatsdk.session.*}) */
    public SessionConfig session() {
        return session;
    }

    /** @return who the user is and who may get tokens ({@code chatsdk.identity.*}, {@code chatsdk.access.*}) */
    public IdentityConfig identity() {
        return identity;
    }

    /** @return the endpoints ({@code chatsdk.web.*}) */
    public WebConfig web() {
        return web;
    }

    /** @return the rate limits ({@code chatsdk.rate-limit.*}) */
    public RateLimitConfig rateLimits() {
        return rateLimits;
    }

    /** @return Centrifugo's server API ({@code chatsdk.centrifugo.*}) */
    public CentrifugoConfig centrifugo() {
        return centrifugo;
    }

    /**
     * @param setting any setting, such as {@code TokenConfig.ACCESS_TTL}
     * @param <T>     its type
     * @return its value as given (the deprecated {@code chatsdk.api-key} moved to the key it means), else its default
     */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** @return whether both have the same issuer and the same value for every setting */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChatSdkConfig)) {
            return false;
        }
        ChatSdkConfig other = (ChatSdkConfig) o;
        return issuer.equals(other.issuer) && Settings.ALL.stream().allMatch(s -> Objects.equals(get(s), other.get(s)));
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, appId, token.accessTtl(), web.tokenPath());
    }

    @Override
    public String toString() {
        return "ChatSdkConfig[issuer=" + issuer + ", appId=" + appId + ", " + token + ", " + local + ", " + remote
                + ", " + session + ", " + identity + ", " + web + ", " + rateLimits + ", " + centrifugo + "]";
    }

    /**
     * The environment variable MicroProfile Config maps to a key.
     *
     * @param key a configuration key
     * @return the key in upper case with every non-alphanumeric character replaced by {@code _}
     */
    public static String env(String key) {
        return Setting.env(key);
    }

    /**
     * Builds a {@link ChatSdkConfig}: {@link #set(Setting, Object)} takes a value as typed, {@link #set(String,
     * String)} as configuration text; {@link #build()} checks them all and reports every problem at once. A setting
     * never set keeps its default. Not thread-safe.
     */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> sources = new HashMap<>();
        /** {@code CHATSDK-076} by key: logged by {@link #build()}, so a value set again replaces its warning. */
        private final Map<String, String> warnings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param setting a setting, such as {@code TokenConfig.ACCESS_TTL}
         * @param value   its value; {@code null} restores the default
         * @param <T>     its type
         * @return this builder
         */
        public <T> Builder set(Setting<T> setting, T value) {
            Objects.requireNonNull(setting, "setting");
            if (value == null) {
                values.remove(setting);
            } else {
                values.put(setting, value);
            }
            return this;
        }

        /**
         * @param key   a key, such as {@code chatsdk.token.access-ttl}
         * @param value its value as configuration text (a wrong one is reported by {@link #build()}); {@code null}
         *              restores the default
         * @return this builder
         * @throws IllegalArgumentException if the key is no ChatSDK Jakarta key
         */
        public Builder set(String key, String value) {
            Setting<?> setting = Settings.byKey(key)
                    .orElseThrow(() -> new IllegalArgumentException("'" + key + "' is not a ChatSDK Jakarta key"));
            return parse(setting, value);
        }

        private <T> Builder parse(Setting<T> setting, String text) {
            warnings.remove(setting.key());
            if (text == null) {
                return set(setting, null);
            }
            String meant = text;
            var comment = setting.inlineComment(where(setting.key()), text);
            if (comment.isPresent() && setting.freeText()) {
                warnings.put(setting.key(), comment.get());
            } else if (comment.isPresent()) {
                // start-up fails on it; the rest is checked as meant, so the comment is the one problem reported
                problems.add(comment.get());
                meant = Setting.beforeInlineComment(text);
            }
            try {
                return set(setting, setting.parse(meant));
            } catch (IllegalArgumentException e) {
                values.remove(setting);
                problems.add(setting.parseProblem(where(setting.key()), meant));
                return this;
            }
        }

        /** Remembers where a key's value came from, so messages can say it. */
        Builder source(String key, String sourceName) {
            if (sourceName != null) {
                sources.put(key, sourceName);
            }
            return this;
        }

        /** Formats {@code 'key' [from source]} for messages. */
        String where(String key) {
            String source = sources.get(key);
            return source == null ? "'" + key + "'" : "'" + key + "' [from " + source + "]";
        }

        /**
         * Validates everything and builds the configuration.
         *
         * @return the immutable configuration
         * @throws ChatSdkConfigException listing every problem, if there is any
         */
        public ChatSdkConfig build() {
            Map<Setting<?>, Object> resolved = new LinkedHashMap<>(values);
            String issuer = (String) values.get(Settings.ISSUER);
            if (issuer == null) {
                issuer = values.get(RemoteConfig.API_URL) != null ? REMOTE : LOCAL;
            }
            warnings.values().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
            List<String> all = new ArrayList<>(problems);
            Map<String, String> aliases = new HashMap<>();
            ConfigValidator.deprecatedApiKey(issuer, resolved, aliases, this::where).ifPresent(all::add);
            ConfigValues v = new ConfigValues(resolved, key -> where(aliases.getOrDefault(key, key)));
            ChatSdkConfig candidate = new ChatSdkConfig(issuer, v);
            all.addAll(v.problems());
            if (!all.isEmpty()) {
                throw new ChatSdkConfigException(all);
            }
            return candidate;
        }

        // TRANSITIONAL-BUILDER
    }

    // TRANSITIONAL-GETTERS
}
