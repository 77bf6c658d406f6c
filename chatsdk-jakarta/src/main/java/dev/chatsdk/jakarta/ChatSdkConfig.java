package dev.chatsdk.jakarta;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

/**
 * The module's configuration: a typed, validated, immutable view built once at start-up, either from
 * MicroProfile Config ({@link #from(Config)}) or in code ({@link #builder()}).
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
     * The configuration keys. Environment variables follow MicroProfile Config's rules: upper case,
     * every non-alphanumeric character replaced by {@code _} ({@code chatsdk.local.secret} →
     * {@code CHATSDK_LOCAL_SECRET}). Durations are ISO-8601 ({@code PT1H}, {@code P7D}) or a number
     * with a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} ({@code 45s}, {@code 7d}).
     * Lists are comma-separated.
     *
     * @since 0.1
     */
    public static final class Keys {
        /** Which issuer makes tokens: {@code remote} when {@link #API_URL} is set, else {@code local}. */
        public static final String ISSUER = "chatsdk.issuer";
        /** Base URL of the ChatSDK API the {@code remote} issuer asks for tokens. */
        public static final String API_URL = "chatsdk.api-url";
        /** Upstream path that issues tokens; default {@code /api/auth/connect}. */
        public static final String REMOTE_TOKEN_PATH = "chatsdk.remote.token-path";
        /** Upstream path that refreshes tokens; default {@code /api/auth/refresh}. */
        public static final String REMOTE_REFRESH_PATH = "chatsdk.remote.refresh-path";
        /** Upstream path that ends a session; none by default (the ChatSDK API has no per-session logout). */
        public static final String REMOTE_LOGOUT_PATH = "chatsdk.remote.logout-path";
        /** Longest wait for a connection to the ChatSDK API; default {@code PT2S}. */
        public static final String REMOTE_CONNECT_TIMEOUT = "chatsdk.remote.connect-timeout";
        /** Longest wait for one answer of the ChatSDK API; default {@code PT5S}. */
        public static final String REMOTE_REQUEST_TIMEOUT = "chatsdk.remote.request-timeout";
        /** Most tries of one call (connect failures, 502/503/504, 429); default {@code 3}. */
        public static final String REMOTE_MAX_ATTEMPTS = "chatsdk.remote.max-attempts";
        /** Most calls to the ChatSDK API at once; beyond it, an immediate 503; default {@code 64}. */
        public static final String REMOTE_MAX_CONCURRENT_CALLS = "chatsdk.remote.max-concurrent-calls";
        /** Failed calls in a row that open the circuit breaker; default {@code 5}. */
        public static final String REMOTE_BREAKER_THRESHOLD = "chatsdk.remote.breaker-threshold";
        /** How long an open breaker answers 503 before it lets one probe through; default {@code PT30S}. */
        public static final String REMOTE_BREAKER_OPEN_FOR = "chatsdk.remote.breaker-open-for";
        /** ChatSDK app id, put in {@code app_id} and {@code sub}; required for the local issuer. */
        public static final String APP_ID = "chatsdk.app-id";
        /** API keys the token API accepts in {@code X-API-Key} (comma-separated, for rotation); none: token API off. */
        public static final String API_KEY = "chatsdk.api-key";
        /** Access (and ws) token lifetime; default {@code PT1H}; whole seconds, at most {@code P1D}. */
        public static final String ACCESS_TTL = "chatsdk.token.access-ttl";
        /** Refresh token lifetime; default {@code P7D}; whole seconds, longer than the access one, at most {@code P365D}. */
        public static final String REFRESH_TTL = "chatsdk.token.refresh-ttl";
        /** The {@code iss} claim; default {@code chatsdk-api}. */
        public static final String TOKEN_ISSUER = "chatsdk.token.issuer";
        /** The {@code aud} claim; default {@code chatsdk-client}. */
        public static final String AUDIENCE = "chatsdk.token.audience";
        /** The {@code scopes} claim (comma-separated); default the six chat scopes. */
        public static final String SCOPES = "chatsdk.token.scopes";
        /** HS256 secret for access and refresh tokens, at least 32 bytes (UTF-8); required for local. */
        public static final String LOCAL_SECRET = "chatsdk.local.secret";
        /** HS256 secret for the realtime token, at least 32 bytes and different from the secret; required for local. */
        public static final String LOCAL_WS_SECRET = "chatsdk.local.ws-secret";
        /** Signing algorithm of access and refresh tokens: {@code HS256} (default), {@code RS256} or {@code ES256}. */
        public static final String LOCAL_ALGORITHM = "chatsdk.local.algorithm";
        /** RS256/ES256 private key: PKCS#8 PEM, as the value or {@code file:/path}; never printed. */
        public static final String LOCAL_PRIVATE_KEY = "chatsdk.local.private-key";
        /** RS256/ES256 public key (SPKI PEM, value or {@code file:}); derived for RS256, required for ES256. */
        public static final String LOCAL_PUBLIC_KEY = "chatsdk.local.public-key";
        /** Retired keys still accepted for verification, as {@code kid=key} entries (HS256: secrets; RS/ES: public keys). */
        public static final String LOCAL_PREVIOUS_KEYS = "chatsdk.local.previous-keys";
        /** The {@code kid} header of locally signed tokens; default {@code chatsdk-1}. */
        public static final String LOCAL_KEY_ID = "chatsdk.local.key-id";
        /** Leeway for {@code exp}, {@code nbf} and {@code iat} when verifying tokens; default {@code PT30S}; at most {@code PT5M}. */
        public static final String CLOCK_SKEW = "chatsdk.token.clock-skew";
        /** Where sessions live: {@code memory} (default) or {@code jdbc}. */
        public static final String SESSION_STORE = "chatsdk.session.store";
        /** JNDI name of the application's DataSource for the {@code jdbc} store, e.g. {@code java:comp/DefaultDataSource}. */
        public static final String JDBC_DATASOURCE = "chatsdk.session.jdbc.datasource";
        /** JDBC URL for the {@code jdbc} store when no DataSource is named. */
        public static final String JDBC_URL = "chatsdk.session.jdbc.url";
        /** User for {@link #JDBC_URL}. */
        public static final String JDBC_USER = "chatsdk.session.jdbc.user";
        /** Password for {@link #JDBC_URL}; never printed. */
        public static final String JDBC_PASSWORD = "chatsdk.session.jdbc.password";
        /** Most connections opened at once through {@link #JDBC_URL}; default {@code 10}. */
        public static final String JDBC_MAX_CONNECTIONS = "chatsdk.session.jdbc.max-connections";
        /**
         * Longest a store operation waits for the database (a free connection, connecting, every statement and the
         * socket), after which it answers 503 {@code STORE_UNAVAILABLE}; default {@code PT5S}; at most {@code PT1M}.
         */
        public static final String JDBC_TIMEOUT = "chatsdk.session.jdbc.timeout";
        /** How long a spent refresh token still counts as a retry instead of reuse; default {@code PT30S}; 0 disables; at most {@code PT5M}. */
        public static final String ROTATION_GRACE = "chatsdk.session.rotation-grace";
        /** Longest life of a session, whatever its rotations; default {@code P30D}; at most {@code P365D}. */
        public static final String MAX_LIFETIME = "chatsdk.session.max-lifetime";
        /** Most sessions the {@code memory} store holds; default {@code 100000}. */
        public static final String MEMORY_MAX_SESSIONS = "chatsdk.session.memory.max-sessions";
        /** Most live sessions of one user in the {@code memory} store; default {@code 50}. */
        public static final String MAX_PER_USER = "chatsdk.session.max-per-user";
        /** Name of a request (then session) attribute holding the application's annotated user object. */
        public static final String IDENTITY_USER_ATTRIBUTE = "chatsdk.identity.user-attribute";
        /**
         * Whether the user id of {@link #IDENTITY_USER_ATTRIBUTE}'s object must equal the authenticated principal's name;
         * default {@code true} (a mismatch answers 403). {@code false} only where principal names and chat ids differ by
         * design.
         *
         * @since 0.1
         */
        public static final String IDENTITY_REQUIRE_PRINCIPAL_MATCH = "chatsdk.identity.require-principal-match";
        /** MicroProfile JWT claims copied into {@code custom} (comma-separated). */
        public static final String IDENTITY_JWT_CLAIMS = "chatsdk.identity.jwt-claims";
        /** Roles whose holders get them listed in {@code custom.roles} (comma-separated). */
        public static final String IDENTITY_ROLE_CLAIMS = "chatsdk.identity.role-claims";
        /** Roles allowed to get chat tokens (comma-separated); empty: any authenticated user. */
        public static final String ROLES_ALLOWED = "chatsdk.access.roles-allowed";
        /** Path of the app-facing token endpoint; default {@code /api/chat/token}. */
        public static final String TOKEN_PATH = "chatsdk.web.token-path";
        /** Base path of the token API; default {@code /chatsdk}. */
        public static final String API_BASE = "chatsdk.web.api-base";
        /** Largest accepted request body in bytes; default {@code 16384}. */
        public static final String MAX_BODY_SIZE = "chatsdk.web.max-body-size";
        /**
         * Longest wait for the whole body of a request whose endpoint needs it (the token API, refresh, logout);
         * beyond it the answer is 408 {@code REQUEST_TIMEOUT}. Default {@code PT10S}; at most {@code PT5M}.
         *
         * @since 0.2
         */
        public static final String BODY_TIMEOUT = "chatsdk.web.body-timeout";
        /** Calls per authenticated user on the token endpoint, as {@code N/period} or {@code off}; default {@code 30/1m}. */
        public static final String RATE_LIMIT_USER = "chatsdk.rate-limit.user";
        /** Calls per client address on refresh, logout and validate; default {@code 60/1m}. */
        public static final String RATE_LIMIT_IP = "chatsdk.rate-limit.ip";
        /** Calls per API key on the server-to-server token API; default {@code 600/1m}. */
        public static final String RATE_LIMIT_API_KEY = "chatsdk.rate-limit.api-key";
        /** Browser mode: the refresh token travels in a {@code __Host-} cookie instead of the body; default {@code false}. */
        public static final String REFRESH_COOKIE = "chatsdk.web.refresh-cookie";
        /**
         * The {@code WWW-Authenticate} challenge sent with the token endpoint's 401 {@code UNAUTHENTICATED}, such as
         * {@code Basic realm="app"}, for an application that leaves that endpoint out of its security constraints
         * and offers a challenge-based login; none by default.
         */
        public static final String AUTH_CHALLENGE = "chatsdk.web.auth-challenge";
        /** Exact origins allowed to call the endpoints from a browser (CORS); none by default. */
        public static final String CORS_ALLOWED_ORIGINS = "chatsdk.web.cors.allowed-origins";
        /**
         * IP addresses or CIDR ranges of the reverse proxies whose forwarding header ({@link #FORWARDED_HEADER}) is
         * believed; host names are refused.
         */
        public static final String TRUSTED_PROXIES = "chatsdk.web.trusted-proxies";
        /**
         * Which forwarding header a trusted proxy's request is read from: {@code x-forwarded-for} (default),
         * {@code forwarded} (RFC 7239) or {@code none}; the other is ignored.
         *
         * @since 0.2
         */
        public static final String FORWARDED_HEADER = "chatsdk.web.forwarded-header";
        /**
         * Failed API key attempts (missing or wrong {@code X-API-Key}) per client address, as {@code N/period};
         * default {@code 10/1m}; never off. Beyond it, every API-key call of that address answers 429.
         *
         * @since 0.2
         */
        public static final String RATE_LIMIT_FAILED_API_KEY = "chatsdk.rate-limit.failed-api-key";
        /** Whether the servlet filter answers: {@code auto} (default), {@code always} or {@code never}. */
        public static final String SERVLET_FILTER = "chatsdk.web.servlet-filter";
        /**
         * Whether {@code GET {api-base}/health} answers with the health report; default {@code true}. With
         * {@code false} it answers 404 like any unknown path.
         *
         * @since 0.2
         */
        public static final String HEALTH_ENABLED = "chatsdk.web.health-enabled";
        /**
         * Whether {@code GET {api-base}/health} shows its details (key id, key age, store and upstream states, what
         * is wrong) to every caller; default {@code false}: callers without a valid {@code X-API-Key} get the
         * status and the named check only.
         *
         * @since 0.2
         */
        public static final String HEALTH_DETAILS = "chatsdk.web.health-details";
        /**
         * Base URL of Centrifugo's server HTTP API, such as {@code http://centrifugo:8000/api}; with
         * {@link #CENTRIFUGO_API_KEY}, revocations also disconnect the user's live sockets. None by default.
         *
         * @since 0.2
         */
        public static final String CENTRIFUGO_API_URL = "chatsdk.centrifugo.api-url";
        /**
         * Centrifugo's server API key, sent as {@code X-API-Key}; required with {@link #CENTRIFUGO_API_URL};
         * never printed.
         *
         * @since 0.2
         */
        public static final String CENTRIFUGO_API_KEY = "chatsdk.centrifugo.api-key";

        /** Every key above, in documentation order. */
        public static final List<String> ALL = List.of(ISSUER, API_URL, REMOTE_TOKEN_PATH, REMOTE_REFRESH_PATH,
                REMOTE_LOGOUT_PATH, REMOTE_CONNECT_TIMEOUT, REMOTE_REQUEST_TIMEOUT, REMOTE_MAX_ATTEMPTS,
                REMOTE_MAX_CONCURRENT_CALLS, REMOTE_BREAKER_THRESHOLD, REMOTE_BREAKER_OPEN_FOR, APP_ID, API_KEY, ACCESS_TTL, REFRESH_TTL, TOKEN_ISSUER,
                AUDIENCE, SCOPES, CLOCK_SKEW, LOCAL_ALGORITHM, LOCAL_SECRET, LOCAL_WS_SECRET, LOCAL_PRIVATE_KEY,
                LOCAL_PUBLIC_KEY, LOCAL_PREVIOUS_KEYS, LOCAL_KEY_ID, SESSION_STORE, JDBC_DATASOURCE,
                JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_MAX_CONNECTIONS, JDBC_TIMEOUT, ROTATION_GRACE, MAX_LIFETIME,
                MEMORY_MAX_SESSIONS, MAX_PER_USER, IDENTITY_USER_ATTRIBUTE, IDENTITY_REQUIRE_PRINCIPAL_MATCH, IDENTITY_JWT_CLAIMS, IDENTITY_ROLE_CLAIMS, ROLES_ALLOWED,
                TOKEN_PATH, API_BASE, MAX_BODY_SIZE, BODY_TIMEOUT, SERVLET_FILTER, RATE_LIMIT_USER, RATE_LIMIT_IP,
                RATE_LIMIT_API_KEY, RATE_LIMIT_FAILED_API_KEY, TRUSTED_PROXIES, FORWARDED_HEADER, REFRESH_COOKIE, AUTH_CHALLENGE, CORS_ALLOWED_ORIGINS, HEALTH_ENABLED,
                HEALTH_DETAILS, CENTRIFUGO_API_URL, CENTRIFUGO_API_KEY);

        private Keys() {
        }
    }

    /**
     * When the servlet filter answers requests itself.
     *
     * @since 0.1
     */
    public enum ServletFilterMode {
        /** Step aside when a JAX-RS application is mapped at the context root and serves the default paths. */
        AUTO,
        /** Always answer in the filter. */
        ALWAYS,
        /** Never register the filter; a JAX-RS {@code ChatTokenResource} answers. */
        NEVER
    }

    /**
     * The forwarding header believed from a trusted proxy.
     *
     * @since 0.2
     */
    public enum ForwardedHeader {
        /** {@code X-Forwarded-For}, the default. */
        X_FORWARDED_FOR,
        /** RFC 7239 {@code Forwarded}, its {@code for} parameters. */
        FORWARDED,
        /** Neither: the peer's address is the client's. */
        NONE;

        /**
         * @param text {@code x-forwarded-for}, {@code forwarded} or {@code none}, in any case
         * @return the value
         * @throws IllegalArgumentException if the text is none of them
         */
        public static ForwardedHeader parse(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Minimum length of an API key the token API accepts, in characters. */
    public static final int MIN_API_KEY_LENGTH = 32;
    /** Minimum length of an HS256 secret, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Upper bound of {@link Keys#MAX_BODY_SIZE}. */
    public static final int MAX_BODY_SIZE_LIMIT = 1024 * 1024;
    /** Upper bound of {@link Keys#BODY_TIMEOUT}. */
    public static final Duration MAX_BODY_TIMEOUT = Duration.ofMinutes(5);
    /** Upper bound of {@link Keys#JDBC_TIMEOUT}. */
    public static final Duration MAX_JDBC_TIMEOUT = Duration.ofMinutes(1);

    /** The name of the in-process issuer, the default. */
    public static final String LOCAL = "local";
    /** The name of the issuer that asks a ChatSDK API for tokens. */
    public static final String REMOTE = "remote";
    /** The in-memory session store, the default. */
    public static final String MEMORY = "memory";
    /** The session store on the application's database. */
    public static final String JDBC = "jdbc";

    static final String DEFAULT_SCOPES = "chat:read,chat:write,reaction:write,typing:write,upload:write,search:read";

    private final String issuer;
    private final String apiUrl;
    private final String remoteTokenPath;
    private final String remoteRefreshPath;
    private final String remoteLogoutPath;
    private final Duration remoteConnectTimeout;
    private final Duration remoteRequestTimeout;
    private final int remoteMaxAttempts;
    private final int remoteMaxConcurrentCalls;
    private final int remoteBreakerThreshold;
    private final Duration remoteBreakerOpenFor;
    private final String appId;
    private final List<String> apiKeys;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final String tokenIssuer;
    private final String audience;
    private final List<String> scopes;
    private final Duration clockSkew;
    private final String algorithm;
    private final String privateKey;
    private final String publicKey;
    private final List<String> previousKeys;
    private final String localSecret;
    private final String localWsSecret;
    private final String keyId;
    private final String sessionStore;
    private final String jdbcDataSource;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final int jdbcMaxConnections;
    private final Duration jdbcTimeout;
    private final Duration rotationGrace;
    private final Duration maxLifetime;
    private final int memoryMaxSessions;
    private final int maxPerUser;
    private final String userAttribute;
    private final boolean requirePrincipalMatch;
    private final List<String> jwtClaims;
    private final List<String> roleClaims;
    private final Set<String> rolesAllowed;
    private final String tokenPath;
    private final String apiBase;
    private final int maxBodySize;
    private final Duration bodyTimeout;
    private final ServletFilterMode servletFilter;
    private final Rate rateLimitUser;
    private final Rate rateLimitIp;
    private final Rate rateLimitApiKey;
    private final Set<String> trustedProxies;
    private final ForwardedHeader forwardedHeader;
    private final Rate rateLimitFailedApiKey;
    private final boolean refreshCookie;
    private final Set<String> corsAllowedOrigins;
    private final String authChallenge;
    private final boolean healthEnabled;
    private final boolean healthDetails;
    private final String centrifugoApiUrl;
    private final String centrifugoApiKey;

    /**
     * A rate: {@code permits} calls per {@code period}, bursts up to {@code permits}. Immutable.
     *
     * @since 0.1
     */
    public static final class Rate {
        private final int permits;
        private final Duration period;

        Rate(int permits, Duration period) {
            this.permits = permits;
            this.period = period;
        }

        /** @return calls per period */
        public int permits() {
            return permits;
        }

        /** @return the period */
        public Duration period() {
            return period;
        }

        /**
         * @param text {@code N/period} ({@code 30/1m}, {@code 600/PT1M}) or {@code off}
         * @return the rate, or {@code null} for {@code off}
         * @throws IllegalArgumentException if the text is neither
         */
        public static Rate parse(String text) {
            String t = text.trim();
            if (t.equalsIgnoreCase("off")) {
                return null;
            }
            int slash = t.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("not a rate");
            }
            int permits = Integer.parseInt(t.substring(0, slash).trim());
            Duration period = MicroProfileConfigReader.parseDuration(t.substring(slash + 1));
            if (permits < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("not a rate");
            }
            return new Rate(permits, period);
        }

        @Override
        public String toString() {
            return permits + "/" + period;
        }
    }

    private ChatSdkConfig(Builder b) {
        this.issuer = b.issuer != null ? b.issuer : b.apiUrl != null ? REMOTE : LOCAL;
        this.apiUrl = trimSlash(b.apiUrl);
        this.remoteTokenPath = b.remoteTokenPath;
        this.remoteRefreshPath = b.remoteRefreshPath;
        this.remoteLogoutPath = b.remoteLogoutPath;
        this.remoteConnectTimeout = b.remoteConnectTimeout;
        this.remoteRequestTimeout = b.remoteRequestTimeout;
        this.remoteMaxAttempts = b.remoteMaxAttempts;
        this.remoteMaxConcurrentCalls = b.remoteMaxConcurrentCalls;
        this.remoteBreakerThreshold = b.remoteBreakerThreshold;
        this.remoteBreakerOpenFor = b.remoteBreakerOpenFor;
        this.appId = b.appId;
        this.apiKeys = List.copyOf(b.apiKeys);
        this.accessTtl = b.accessTtl;
        this.refreshTtl = b.refreshTtl;
        this.tokenIssuer = b.tokenIssuer;
        this.audience = b.audience;
        this.scopes = List.copyOf(b.scopes);
        this.clockSkew = b.clockSkew;
        this.algorithm = b.algorithm;
        this.privateKey = b.privateKey;
        this.publicKey = b.publicKey;
        this.previousKeys = List.copyOf(b.previousKeys);
        this.localSecret = b.localSecret;
        this.localWsSecret = b.localWsSecret;
        this.keyId = b.keyId;
        this.sessionStore = b.sessionStore;
        this.jdbcDataSource = b.jdbcDataSource;
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcUser = b.jdbcUser;
        this.jdbcPassword = b.jdbcPassword;
        this.jdbcMaxConnections = b.jdbcMaxConnections;
        this.jdbcTimeout = b.jdbcTimeout;
        this.rotationGrace = b.rotationGrace;
        this.maxLifetime = b.maxLifetime;
        this.memoryMaxSessions = b.memoryMaxSessions;
        this.maxPerUser = b.maxPerUser;
        this.userAttribute = b.userAttribute;
        this.requirePrincipalMatch = b.requirePrincipalMatch;
        this.jwtClaims = List.copyOf(b.jwtClaims);
        this.roleClaims = List.copyOf(b.roleClaims);
        this.rolesAllowed = Set.copyOf(new LinkedHashSet<>(b.rolesAllowed));
        this.tokenPath = trimSlash(b.tokenPath);
        this.apiBase = trimSlash(b.apiBase);
        this.maxBodySize = b.maxBodySize;
        this.bodyTimeout = b.bodyTimeout;
        this.servletFilter = b.servletFilter;
        this.rateLimitUser = b.rateLimitUser;
        this.rateLimitIp = b.rateLimitIp;
        this.rateLimitApiKey = b.rateLimitApiKey;
        this.trustedProxies = Set.copyOf(b.trustedProxies);
        this.forwardedHeader = b.forwardedHeader;
        this.rateLimitFailedApiKey = b.rateLimitFailedApiKey;
        this.refreshCookie = b.refreshCookie;
        this.corsAllowedOrigins = Set.copyOf(b.corsAllowedOrigins);
        this.authChallenge = b.authChallenge;
        this.healthEnabled = b.healthEnabled;
        this.healthDetails = b.healthDetails;
        this.centrifugoApiUrl = trimSlash(b.centrifugoApiUrl);
        this.centrifugoApiKey = b.centrifugoApiKey;
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

    /** @return the issuer name ({@code local}) */
    public String issuer() {
        return issuer;
    }

    /** @return the ChatSDK API base URL, without a trailing {@code /}, or {@code null} */
    public String apiUrl() {
        return apiUrl;
    }

    /** @return the upstream issue path */
    public String remoteTokenPath() {
        return remoteTokenPath;
    }

    /** @return the upstream refresh path */
    public String remoteRefreshPath() {
        return remoteRefreshPath;
    }

    /** @return the upstream logout path, or {@code null} when the API has none */
    public String remoteLogoutPath() {
        return remoteLogoutPath;
    }

    /** @return the longest wait for a connection upstream */
    public Duration remoteConnectTimeout() {
        return remoteConnectTimeout;
    }

    /** @return the longest wait for one upstream answer */
    public Duration remoteRequestTimeout() {
        return remoteRequestTimeout;
    }

    /** @return the most tries of one upstream call */
    public int remoteMaxAttempts() {
        return remoteMaxAttempts;
    }

    /** @return the most upstream calls at once */
    public int remoteMaxConcurrentCalls() {
        return remoteMaxConcurrentCalls;
    }

    /** @return failed calls in a row that open the breaker */
    public int remoteBreakerThreshold() {
        return remoteBreakerThreshold;
    }

    /** @return how long an open breaker refuses calls */
    public Duration remoteBreakerOpenFor() {
        return remoteBreakerOpenFor;
    }

    /** @return the ChatSDK app id */
    public String appId() {
        return appId;
    }

    /** @return the accepted API keys; empty when the token API is off. Never log them. */
    public List<String> apiKeys() {
        return apiKeys;
    }

    /** @return the access and ws token lifetime */
    public Duration accessTtl() {
        return accessTtl;
    }

    /** @return the refresh token lifetime */
    public Duration refreshTtl() {
        return refreshTtl;
    }

    /** @return the {@code iss} claim */
    public String tokenIssuer() {
        return tokenIssuer;
    }

    /** @return the {@code aud} claim */
    public String audience() {
        return audience;
    }

    /** @return the {@code scopes} claim */
    public List<String> scopes() {
        return scopes;
    }

    /** @return the leeway for token times */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** @return {@code memory} or {@code jdbc} */
    public String sessionStore() {
        return sessionStore;
    }

    /** @return the JNDI name of the DataSource of the {@code jdbc} store, or {@code null} */
    public String jdbcDataSource() {
        return jdbcDataSource;
    }

    /** @return the JDBC URL of the {@code jdbc} store, or {@code null} */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** @return the user for the JDBC URL, or {@code null} */
    public String jdbcUser() {
        return jdbcUser;
    }

    /** @return the password for the JDBC URL, or {@code null}. Never log it. */
    public String jdbcPassword() {
        return jdbcPassword;
    }

    /** @return most connections opened at once through the JDBC URL */
    public int jdbcMaxConnections() {
        return jdbcMaxConnections;
    }

    /** @return the longest a store operation waits for the database ({@link Keys#JDBC_TIMEOUT}) */
    public Duration jdbcTimeout() {
        return jdbcTimeout;
    }

    /** @return how long a spent refresh token still counts as a retry */
    public Duration rotationGrace() {
        return rotationGrace;
    }

    /** @return the longest life of a session */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** @return most sessions the memory store holds */
    public int memoryMaxSessions() {
        return memoryMaxSessions;
    }

    /** @return most live sessions of one user in the memory store */
    public int maxPerUser() {
        return maxPerUser;
    }

    /** @return {@code HS256}, {@code RS256} or {@code ES256} */
    public String algorithm() {
        return algorithm;
    }

    /** @return the PEM (or {@code file:} path) of the RS/ES private key, or {@code null}. Never log it. */
    public String privateKey() {
        return privateKey;
    }

    /** @return the PEM (or {@code file:} path) of the RS/ES public key, or {@code null} */
    public String publicKey() {
        return publicKey;
    }

    /** @return retired keys as {@code kid=key} entries. Never log them. */
    public List<String> previousKeys() {
        return previousKeys;
    }

    /** @return the HS256 secret of access and refresh tokens. Never log it. */
    public String localSecret() {
        return localSecret;
    }

    /** @return the HS256 secret of ws tokens. Never log it. */
    public String localWsSecret() {
        return localWsSecret;
    }

    /** @return the {@code kid} header value */
    public String keyId() {
        return keyId;
    }

    /** @return the request or session attribute holding the application's user object, or {@code null} */
    public String userAttribute() {
        return userAttribute;
    }

    /** @return whether the user id of the {@link #userAttribute()} object must equal the principal's name */
    public boolean requirePrincipalMatch() {
        return requirePrincipalMatch;
    }

    /** @return MicroProfile JWT claims copied into {@code custom} */
    public List<String> jwtClaims() {
        return jwtClaims;
    }

    /** @return roles listed in {@code custom.roles} when the user has them */
    public List<String> roleClaims() {
        return roleClaims;
    }

    /** @return roles allowed to get tokens; empty means any authenticated user */
    public Set<String> rolesAllowed() {
        return rolesAllowed;
    }

    /** @return the app-facing token path, starting with {@code /}, without a trailing {@code /} */
    public String tokenPath() {
        return tokenPath;
    }

    /** @return the token API base path, starting with {@code /}, without a trailing {@code /} */
    public String apiBase() {
        return apiBase;
    }

    /** @return the largest accepted request body, in bytes */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** @return the longest wait for a body an endpoint needs ({@link Keys#BODY_TIMEOUT}) */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /** @return when the servlet filter answers */
    public ServletFilterMode servletFilter() {
        return servletFilter;
    }

    /** @return the rate per authenticated user on the token endpoint, or {@code null} when off */
    public Rate rateLimitUser() {
        return rateLimitUser;
    }

    /** @return the rate per client address on refresh, logout and validate, or {@code null} when off */
    public Rate rateLimitIp() {
        return rateLimitIp;
    }

    /** @return the rate per API key on the token API, or {@code null} when off */
    public Rate rateLimitApiKey() {
        return rateLimitApiKey;
    }

    /** @return whether the refresh token travels in a cookie (browser mode) */
    public boolean refreshCookie() {
        return refreshCookie;
    }

    /** @return exact origins allowed to call from a browser */
    public Set<String> corsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    /** @return the {@code WWW-Authenticate} value of the token endpoint's 401, or empty for none */
    public Optional<String> authChallenge() {
        return Optional.ofNullable(authChallenge);
    }

    /** @return addresses and CIDR ranges of reverse proxies whose forwarding headers are believed */
    public Set<String> trustedProxies() {
        return trustedProxies;
    }

    /** @return the forwarding header read from a trusted proxy's request */
    public ForwardedHeader forwardedHeader() {
        return forwardedHeader;
    }

    /** @return the budget of failed API key attempts per client address; never {@code null} once built */
    public Rate rateLimitFailedApiKey() {
        return rateLimitFailedApiKey;
    }

    /** @return whether {@code GET {api-base}/health} answers with the health report */
    public boolean healthEnabled() {
        return healthEnabled;
    }

    /** @return whether the health report shows its details to callers without an API key */
    public boolean healthDetails() {
        return healthDetails;
    }

    /** @return the base URL of Centrifugo's server API, without a trailing {@code /}, or {@code null} */
    public String centrifugoApiUrl() {
        return centrifugoApiUrl;
    }

    /** @return Centrifugo's server API key, or {@code null}. Never log it. */
    public String centrifugoApiKey() {
        return centrifugoApiKey;
    }

    /** @return whether revocations also call Centrifugo's {@code disconnect} (both Centrifugo keys are set) */
    public boolean centrifugoEnabled() {
        return centrifugoApiUrl != null && !centrifugoApiUrl.isBlank() && centrifugoApiKey != null
                && !centrifugoApiKey.isBlank();
    }

    @Override
    public String toString() {
        return "ChatSdkConfig[issuer=" + issuer + ", apiUrl=" + dev.chatsdk.jakarta.remote.RedactedUrl.of(apiUrl) + ", appId=" + appId + ", apiKeys=" + apiKeys.size() + " set"
                + ", accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + ", tokenIssuer=" + tokenIssuer
                + ", audience=" + audience + ", scopes=" + scopes + ", clockSkew=" + clockSkew
                + ", algorithm=" + algorithm + ", privateKey=" + redacted(privateKey) + ", previousKeys="
                + previousKeys.size() + " set, localSecret=" + redacted(localSecret) + ", localWsSecret=" + redacted(localWsSecret)
                + ", keyId=" + keyId + ", sessionStore=" + sessionStore + ", jdbcDataSource=" + jdbcDataSource
                + ", jdbcUrl=" + (jdbcUrl == null ? null : "<set>") + ", jdbcUser=" + jdbcUser
                + ", jdbcPassword=" + redacted(jdbcPassword) + ", rotationGrace=" + rotationGrace
                + ", maxLifetime=" + maxLifetime + ", userAttribute=" + userAttribute
                + ", requirePrincipalMatch=" + requirePrincipalMatch + ", jwtClaims=" + jwtClaims
                + ", roleClaims=" + roleClaims + ", rolesAllowed=" + rolesAllowed
                + ", tokenPath=" + tokenPath + ", apiBase=" + apiBase + ", maxBodySize=" + maxBodySize
                + ", servletFilter=" + servletFilter + ", authChallenge=" + authChallenge + ", healthEnabled=" + healthEnabled
                + ", healthDetails=" + healthDetails
                + ", centrifugoApiUrl=" + (centrifugoApiUrl == null ? null : "<set>")
                + ", centrifugoApiKey=" + redacted(centrifugoApiKey) + "]";
    }

    static String redacted(String secret) {
        return secret == null ? "<unset>" : "<set, " + secret.getBytes(StandardCharsets.UTF_8).length + " bytes>";
    }

    private static String trimSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Builds a {@link ChatSdkConfig}. Setters take the values as typed; {@link #build()} checks them all
     * and reports every problem at once. Not thread-safe.
     */
    public static final class Builder {
        private String issuer;
        private String apiUrl;
        private String remoteTokenPath = "/api/auth/connect";
        private String remoteRefreshPath = "/api/auth/refresh";
        private String remoteLogoutPath;
        private Duration remoteConnectTimeout = Duration.ofSeconds(2);
        private Duration remoteRequestTimeout = Duration.ofSeconds(5);
        private int remoteMaxAttempts = 3;
        private int remoteMaxConcurrentCalls = 64;
        private int remoteBreakerThreshold = 5;
        private Duration remoteBreakerOpenFor = Duration.ofSeconds(30);
        private String appId;
        private List<String> apiKeys = List.of();
        private Duration accessTtl = Duration.ofHours(1);
        private Duration refreshTtl = Duration.ofDays(7);
        private String tokenIssuer = "chatsdk-api";
        private String audience = "chatsdk-client";
        private List<String> scopes = List.of(DEFAULT_SCOPES.split(","));
        private Duration clockSkew = Duration.ofSeconds(30);
        private String algorithm = "HS256";
        private String privateKey;
        private String publicKey;
        private List<String> previousKeys = List.of();
        private String localSecret;
        private String localWsSecret;
        private String keyId = "chatsdk-1";
        private String sessionStore = MEMORY;
        private String jdbcDataSource;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private int jdbcMaxConnections = 10;
        private Duration jdbcTimeout = Duration.ofSeconds(5);
        private Duration rotationGrace = Duration.ofSeconds(30);
        private Duration maxLifetime = Duration.ofDays(30);
        private int memoryMaxSessions = 100_000;
        private int maxPerUser = 50;
        private String userAttribute;
        private boolean requirePrincipalMatch = true;
        private List<String> jwtClaims = List.of();
        private List<String> roleClaims = List.of();
        private Set<String> rolesAllowed = Set.of();
        private String tokenPath = "/api/chat/token";
        private String apiBase = "/chatsdk";
        private int maxBodySize = 16384;
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private ServletFilterMode servletFilter = ServletFilterMode.AUTO;
        private Rate rateLimitUser = new Rate(30, Duration.ofMinutes(1));
        private Rate rateLimitIp = new Rate(60, Duration.ofMinutes(1));
        private Rate rateLimitApiKey = new Rate(600, Duration.ofMinutes(1));
        private Set<String> trustedProxies = Set.of();
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private Rate rateLimitFailedApiKey = new Rate(10, Duration.ofMinutes(1));
        private boolean refreshCookie;
        private Set<String> corsAllowedOrigins = Set.of();
        private String authChallenge;
        private boolean healthEnabled = true;
        private boolean healthDetails;
        private String centrifugoApiUrl;
        private String centrifugoApiKey;

        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> sources = new HashMap<>();

        private Builder() {
        }

        /**
         * @param issuer {@code local} or {@code remote}; {@code null}: remote when an API URL is set
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * @param apiUrl the ChatSDK API base URL
         * @return this builder
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * @param path upstream issue path
         * @return this builder
         */
        public Builder remoteTokenPath(String path) {
            this.remoteTokenPath = path;
            return this;
        }

        /**
         * @param path upstream refresh path
         * @return this builder
         */
        public Builder remoteRefreshPath(String path) {
            this.remoteRefreshPath = path;
            return this;
        }

        /**
         * @param path upstream logout path, or {@code null}
         * @return this builder
         */
        public Builder remoteLogoutPath(String path) {
            this.remoteLogoutPath = path;
            return this;
        }

        /**
         * @param timeout longest wait for an upstream connection
         * @return this builder
         */
        public Builder remoteConnectTimeout(Duration timeout) {
            this.remoteConnectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout longest wait for one upstream answer
         * @return this builder
         */
        public Builder remoteRequestTimeout(Duration timeout) {
            this.remoteRequestTimeout = timeout;
            return this;
        }

        /**
         * @param attempts most tries of one upstream call
         * @return this builder
         */
        public Builder remoteMaxAttempts(int attempts) {
            this.remoteMaxAttempts = attempts;
            return this;
        }

        /**
         * @param calls most upstream calls at once
         * @return this builder
         */
        public Builder remoteMaxConcurrentCalls(int calls) {
            this.remoteMaxConcurrentCalls = calls;
            return this;
        }

        /**
         * @param failures failed calls in a row that open the breaker
         * @return this builder
         */
        public Builder remoteBreakerThreshold(int failures) {
            this.remoteBreakerThreshold = failures;
            return this;
        }

        /**
         * @param openFor how long an open breaker refuses calls
         * @return this builder
         */
        public Builder remoteBreakerOpenFor(Duration openFor) {
            this.remoteBreakerOpenFor = openFor;
            return this;
        }

        /**
         * @param appId the ChatSDK app id
         * @return this builder
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * @param apiKeys keys accepted in {@code X-API-Key}; empty turns the token API off
         * @return this builder
         */
        public Builder apiKeys(List<String> apiKeys) {
            this.apiKeys = List.copyOf(apiKeys);
            return this;
        }

        /**
         * @param accessTtl access and ws token lifetime
         * @return this builder
         */
        public Builder accessTtl(Duration accessTtl) {
            this.accessTtl = accessTtl;
            return this;
        }

        /**
         * @param refreshTtl refresh token lifetime
         * @return this builder
         */
        public Builder refreshTtl(Duration refreshTtl) {
            this.refreshTtl = refreshTtl;
            return this;
        }

        /**
         * @param tokenIssuer the {@code iss} claim
         * @return this builder
         */
        public Builder tokenIssuer(String tokenIssuer) {
            this.tokenIssuer = tokenIssuer;
            return this;
        }

        /**
         * @param audience the {@code aud} claim
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /**
         * @param scopes the {@code scopes} claim
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /**
         * @param clockSkew leeway for token times
         * @return this builder
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        /**
         * @param sessionStore {@code memory} or {@code jdbc}
         * @return this builder
         */
        public Builder sessionStore(String sessionStore) {
            this.sessionStore = sessionStore;
            return this;
        }

        /**
         * @param jdbcDataSource JNDI name of the DataSource
         * @return this builder
         */
        public Builder jdbcDataSource(String jdbcDataSource) {
            this.jdbcDataSource = jdbcDataSource;
            return this;
        }

        /**
         * @param jdbcUrl JDBC URL, when no DataSource is named
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * @param jdbcUser user for the JDBC URL
         * @return this builder
         */
        public Builder jdbcUser(String jdbcUser) {
            this.jdbcUser = jdbcUser;
            return this;
        }

        /**
         * @param jdbcPassword password for the JDBC URL
         * @return this builder
         */
        public Builder jdbcPassword(String jdbcPassword) {
            this.jdbcPassword = jdbcPassword;
            return this;
        }

        /**
         * @param jdbcMaxConnections most connections opened at once through the URL
         * @return this builder
         */
        public Builder jdbcMaxConnections(int jdbcMaxConnections) {
            this.jdbcMaxConnections = jdbcMaxConnections;
            return this;
        }

        /**
         * @param jdbcTimeout longest a store operation waits for the database
         * @return this builder
         */
        public Builder jdbcTimeout(Duration jdbcTimeout) {
            this.jdbcTimeout = jdbcTimeout;
            return this;
        }

        /**
         * @param rotationGrace how long a spent refresh token counts as a retry; zero disables
         * @return this builder
         */
        public Builder rotationGrace(Duration rotationGrace) {
            this.rotationGrace = rotationGrace;
            return this;
        }

        /**
         * @param maxLifetime longest life of a session
         * @return this builder
         */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /**
         * @param memoryMaxSessions most sessions the memory store holds
         * @return this builder
         */
        public Builder memoryMaxSessions(int memoryMaxSessions) {
            this.memoryMaxSessions = memoryMaxSessions;
            return this;
        }

        /**
         * @param maxPerUser most live sessions of one user in the memory store
         * @return this builder
         */
        public Builder maxPerUser(int maxPerUser) {
            this.maxPerUser = maxPerUser;
            return this;
        }

        /**
         * @param algorithm {@code HS256}, {@code RS256} or {@code ES256}
         * @return this builder
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /**
         * @param privateKey PKCS#8 PEM or {@code file:} path
         * @return this builder
         */
        public Builder privateKey(String privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /**
         * @param publicKey SPKI PEM or {@code file:} path
         * @return this builder
         */
        public Builder publicKey(String publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        /**
         * @param previousKeys retired keys as {@code kid=key} entries
         * @return this builder
         */
        public Builder previousKeys(List<String> previousKeys) {
            this.previousKeys = List.copyOf(previousKeys);
            return this;
        }

        /**
         * @param localSecret HS256 secret, at least 32 bytes
         * @return this builder
         */
        public Builder localSecret(String localSecret) {
            this.localSecret = localSecret;
            return this;
        }

        /**
         * @param localWsSecret HS256 ws secret, at least 32 bytes, different from the secret
         * @return this builder
         */
        public Builder localWsSecret(String localWsSecret) {
            this.localWsSecret = localWsSecret;
            return this;
        }

        /**
         * @param keyId the {@code kid} header
         * @return this builder
         */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /**
         * @param userAttribute request or session attribute holding the user object
         * @return this builder
         */
        public Builder userAttribute(String userAttribute) {
            this.userAttribute = userAttribute;
            return this;
        }

        /**
         * @param requirePrincipalMatch whether the user object's id must equal the principal's name (default
         *                              {@code true})
         * @return this builder
         */
        public Builder requirePrincipalMatch(boolean requirePrincipalMatch) {
            this.requirePrincipalMatch = requirePrincipalMatch;
            return this;
        }

        /**
         * @param jwtClaims MicroProfile JWT claims copied into {@code custom}
         * @return this builder
         */
        public Builder jwtClaims(List<String> jwtClaims) {
            this.jwtClaims = List.copyOf(jwtClaims);
            return this;
        }

        /**
         * @param roleClaims roles listed in {@code custom.roles} when held
         * @return this builder
         */
        public Builder roleClaims(List<String> roleClaims) {
            this.roleClaims = List.copyOf(roleClaims);
            return this;
        }

        /**
         * @param rolesAllowed roles allowed to get tokens; empty: any authenticated user
         * @return this builder
         */
        public Builder rolesAllowed(Set<String> rolesAllowed) {
            this.rolesAllowed = Set.copyOf(rolesAllowed);
            return this;
        }

        /**
         * @param tokenPath the app-facing endpoint path
         * @return this builder
         */
        public Builder tokenPath(String tokenPath) {
            this.tokenPath = tokenPath;
            return this;
        }

        /**
         * @param apiBase the token API base path
         * @return this builder
         */
        public Builder apiBase(String apiBase) {
            this.apiBase = apiBase;
            return this;
        }

        /**
         * @param maxBodySize largest accepted body in bytes
         * @return this builder
         */
        public Builder maxBodySize(int maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        /**
         * @param bodyTimeout longest wait for a body an endpoint needs
         * @return this builder
         */
        public Builder bodyTimeout(Duration bodyTimeout) {
            this.bodyTimeout = bodyTimeout;
            return this;
        }

        /**
         * @param servletFilter when the servlet filter answers
         * @return this builder
         */
        public Builder servletFilter(ServletFilterMode servletFilter) {
            this.servletFilter = servletFilter;
            return this;
        }

        /**
         * @param rate per authenticated user on the token endpoint, {@code null} for off
         * @return this builder
         */
        public Builder rateLimitUser(Rate rate) {
            this.rateLimitUser = rate;
            return this;
        }

        /**
         * @param rate per client address on refresh, logout, validate; {@code null} for off
         * @return this builder
         */
        public Builder rateLimitIp(Rate rate) {
            this.rateLimitIp = rate;
            return this;
        }

        /**
         * @param rate per API key on the token API, {@code null} for off
         * @return this builder
         */
        public Builder rateLimitApiKey(Rate rate) {
            this.rateLimitApiKey = rate;
            return this;
        }

        /**
         * @param refreshCookie browser mode: the refresh token in a cookie
         * @return this builder
         */
        public Builder refreshCookie(boolean refreshCookie) {
            this.refreshCookie = refreshCookie;
            return this;
        }

        /**
         * @param origins exact origins allowed to call from a browser
         * @return this builder
         */
        /**
         * @param challenge the {@code WWW-Authenticate} value of the token endpoint's 401 {@code UNAUTHENTICATED}, such
         *                  as {@code Basic realm="app"}, or {@code null} for none (default)
         * @return this builder
         */
        public Builder authChallenge(String challenge) {
            this.authChallenge = challenge == null || challenge.isBlank() ? null : challenge.trim();
            return this;
        }

        /**
         * @param origins the browser origins allowed to call the endpoints across origins
         * @return this builder
         */
        public Builder corsAllowedOrigins(Set<String> origins) {
            this.corsAllowedOrigins = Set.copyOf(origins);
            return this;
        }

        /**
         * @param proxies addresses and CIDR ranges whose forwarding headers are believed
         * @return this builder
         */
        public Builder trustedProxies(Set<String> proxies) {
            this.trustedProxies = Set.copyOf(proxies);
            return this;
        }

        /**
         * @param header the forwarding header read from trusted proxies (default X-Forwarded-For)
         * @return this builder
         */
        public Builder forwardedHeader(ForwardedHeader header) {
            this.forwardedHeader = header;
            return this;
        }

        /**
         * @param rate failed API key attempts per client address (default 10/1m; required)
         * @return this builder
         */
        public Builder rateLimitFailedApiKey(Rate rate) {
            this.rateLimitFailedApiKey = rate;
            return this;
        }

        /**
         * @param healthEnabled whether {@code GET {api-base}/health} answers (default {@code true})
         * @return this builder
         */
        public Builder healthEnabled(boolean healthEnabled) {
            this.healthEnabled = healthEnabled;
            return this;
        }

        /**
         * @param healthDetails whether the health report shows its details to every caller (default {@code false})
         * @return this builder
         */
        public Builder healthDetails(boolean healthDetails) {
            this.healthDetails = healthDetails;
            return this;
        }

        /**
         * @param url base URL of Centrifugo's server API, such as {@code http://centrifugo:8000/api}
         * @return this builder
         */
        public Builder centrifugoApiUrl(String url) {
            this.centrifugoApiUrl = url;
            return this;
        }

        /**
         * @param key Centrifugo's server API key
         * @return this builder
         */
        public Builder centrifugoApiKey(String key) {
            this.centrifugoApiKey = key;
            return this;
        }

        /** Remembers where a key's value came from, so messages can say it. */
        Builder source(String key, String sourceName) {
            if (sourceName != null) {
                sources.put(key, sourceName);
            }
            return this;
        }

        /** Adds a problem found while reading, reported with the others by {@link #build()}. */
        Builder problem(String problem) {
            problems.add(problem);
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
            ChatSdkConfig candidate = new ChatSdkConfig(this);
            List<String> all = new ArrayList<>(problems);
            all.addAll(ConfigValidator.problems(candidate, this::where));
            if (!all.isEmpty()) {
                throw new ChatSdkConfigException(all);
            }
            return candidate;
        }
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
}
