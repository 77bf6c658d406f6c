package dev.chatsdk.jakarta;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.chatsdk.jakarta.identity.IdentityResolver;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.remote.RemoteTokenIssuerFactory;
import dev.chatsdk.jakarta.session.SessionStores;
import dev.chatsdk.jakarta.spi.ChatEventListener;
import dev.chatsdk.jakarta.spi.ChatUserResolver;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.RateLimiter;
import dev.chatsdk.jakarta.spi.RefreshResult;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;
import dev.chatsdk.jakarta.token.LocalTokenIssuerFactory;
import dev.chatsdk.jakarta.web.TokenBuckets;

/**
 * Issues ChatSDK tokens in code — the Java form of the guide's {@code generateChatSDKToken({userId,
 * name, custom})} — with exactly the issuer and rules the HTTP endpoints use.
 *
 * <pre>{@code
 * ChatTokens tokens = chatSdk.issue(ChatUser.builder(user.getId()).name(user.getDisplayName()).build());
 * }</pre>
 *
 * <p>Obtain the deployment's instance with CDI ({@code @Inject ChatSdk chatSdk}), or without CDI from
 * the servlet context attribute {@link #ATTRIBUTE}. Build one yourself with {@link #builder()} or
 * {@link #create(ChatSdkConfig)}. This class is thread-safe.
 *
 * <p><b>Lifecycle.</b> {@link #close()} releases what the module opened: the issuer it made with a
 * {@link TokenIssuerFactory} (the remote issuer's HTTP client and threads, the Centrifugo client), then the session
 * store it made (the connections it opened from {@code chatsdk.session.jdbc.url}; a container's DataSource is never
 * closed). An issuer or store given to the {@link Builder} stays the application's to close: it may outlive this
 * instance or be shared by several. The servlet initializer closes the instance it made when the application stops,
 * and CDI the one it made; an instance the application built or set as {@link #ATTRIBUTE} itself is the
 * application's to close. After {@code close()} every operation fails at once with an
 * {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class ChatSdk implements AutoCloseable {
    /** Name of the servlet context attribute holding the deployment's {@code ChatSdk}. */
    public static final String ATTRIBUTE = ChatSdk.class.getName();

    /** The longest {@link #health()} waits for the issuer's check, and then for the store's. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");

    static {
        ChatSdkInternals.install(sdk -> sdk.internals);
    }

    private final ChatSdkConfig config;
    private final TokenIssuer issuer;
    private final IdentityResolver identity;
    private final Clock clock;
    private final Telemetry telemetry;
    private final ChatSdkInternals internals;
    /** Closes what the module made, once. */
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatSdk(ChatSdkConfig config, TokenIssuer issuer, IdentityResolver identity, Clock clock,
            Telemetry telemetry, ChatSdkInternals internals, Runnable release) {
        this.config = config;
        this.issuer = issuer;
        this.identity = identity;
        this.clock = clock;
        this.telemetry = telemetry;
        this.internals = internals;
        this.release = release;
    }

    /**
     * The API keys the token API accepts from callers: {@code chatsdk.api-key}, except with the remote issuer, which
     * sends that key upstream (the token API is off there). Decided here once, for every adapter.
     */
    static List<String> acceptedApiKeys(ChatSdkConfig config) {
        return ChatSdkConfig.REMOTE.equals(config.issuer()) ? List.of() : config.web().apiKeys();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Exactly {@code builder().config(config).build()}.
     *
     * @param config the validated configuration
     * @return the module
     * @throws ChatSdkConfigException if no issuer matches {@code chatsdk.issuer}
     */
    public static ChatSdk create(ChatSdkConfig config) {
        return builder().config(config).build();
    }

    /**
     * Reads the configuration from MicroProfile Config as seen by {@code loader}, and builds the module.
     *
     * @param loader the application's class loader
     * @return the module
     * @throws ChatSdkConfigException listing every configuration problem, or naming the MicroProfile Config
     *                                dependency to add when there is none
     */
    public static ChatSdk fromMicroProfileConfig(ClassLoader loader) {
        ChatSdkConfig config;
        try {
            config = MicroProfile.read(loader);
        } catch (NoClassDefFoundError e) {
            if (String.valueOf(e.getMessage()).contains("org/eclipse/microprofile")) {
                throw new ChatSdkConfigException(List.of(MicroProfile.MISSING_API));
            }
            throw e;
        }
        return builder().config(config).serviceLoader(loader).build();
    }

    /**
     * Issues a new session's tokens to a user the application has already authenticated.
     *
     * @param user the user
     * @return access, refresh and ws tokens with their times
     * @throws ChatSdkException with {@link ErrorCode#INVALID_REQUEST} if the custom claims hold a value that is
     *                          not JSON, or another code of docs/http-api.md#errors if the issuer fails
     */
    public ChatTokens issue(ChatUser user) {
        open();
        ChatTokens tokens = issuer.issue(Objects.requireNonNull(user, "user"));
        telemetry.issued(tokens);
        return tokens;
    }

    /**
     * Spends a refresh token and returns the next tokens of its session (rotation, with the grace window
     * and reuse detection of {@code chatsdk.session.*}).
     *
     * @param refreshToken the presented refresh token
     * @return the session's next tokens, with the profile it began with
     * @throws ChatSdkException with {@link ErrorCode#INVALID_REFRESH_TOKEN}, {@link ErrorCode#REFRESH_TOKEN_EXPIRED},
     *                          {@link ErrorCode#REFRESH_TOKEN_REUSED}, {@link ErrorCode#SESSION_REVOKED} or
     *                          {@link ErrorCode#STORE_UNAVAILABLE}
     */
    public ChatTokens refresh(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        open();
        RefreshResult result;
        try {
            result = issuer.refreshWithResult(refreshToken);
        } catch (ChatSdkException e) {
            if (e.code() == ErrorCode.REFRESH_TOKEN_REUSED) {
                telemetry.reused(refreshToken);
            }
            throw e;
        }
        telemetry.refreshed(result.tokens(), result.retried());
        return result.tokens();
    }

    /**
     * Ends the session of a refresh token (logout). An invalid or expired token is no error (RFC 7009).
     *
     * @param refreshToken the presented refresh token
     * @return whether a session was revoked now
     * @throws ChatSdkException with {@link ErrorCode#STORE_UNAVAILABLE} if the session store cannot be reached
     */
    public boolean revoke(String refreshToken) {
        open();
        boolean revoked = issuer.revoke(Objects.requireNonNull(refreshToken, "refreshToken"));
        if (revoked) {
            telemetry.loggedOut(refreshToken);
        }
        return revoked;
    }

    /**
     * Ends every session of a user, for example when the account is locked or deleted. With the remote issuer this is
     * the ChatSDK API's {@code revoke-tokens}, which does not count: 1 when it revoked the user, 0 when it knows none.
     *
     * @param userId the user id
     * @return how many sessions were revoked now
     * @throws ChatSdkException with {@link ErrorCode#TOKEN_API_DISABLED} if the issuer keeps no sessions,
     *                          {@link ErrorCode#STORE_UNAVAILABLE}, or with the remote issuer the upstream codes
     *                          ({@code UPSTREAM_UNAVAILABLE}, {@code UPSTREAM_TIMEOUT}, {@code UPSTREAM_REJECTED}…)
     */
    public int revokeUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        open();
        int revoked = issuer.revokeUser(userId);
        telemetry.revokedUser(userId, revoked);
        return revoked;
    }

    /**
     * Tells whether the issuer can get tokens (with the remote issuer: whether the ChatSDK API answers), from the
     * issuer's {@linkplain TokenIssuer#health health check}. The local issuer needs no API.
     *
     * @return empty when tokens can be had, else what is wrong
     */
    public Optional<String> checkUpstream() {
        open();
        Health health = issuer.health(config.remote().requestTimeout());
        return health.isUp() ? Optional.empty() : Optional.of(problem(health));
    }

    /** @return the first detail named {@code *problem}, else a sentence saying the issuer is DOWN */
    private static String problem(Health health) {
        return health.details().entrySet().stream().filter(e -> e.getKey().endsWith("problem"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse("the issuer reports DOWN");
    }

    /**
     * Checks the issuer and the session store in use, now, on this thread: the issuer's report, then the store's,
     * under {@code issuer} (the value of {@code chatsdk.issuer}) and their own keys. UP when both are. Each check is
     * asked to end within two seconds. The module's readiness check ({@code GET {api-base}/health}, MicroProfile
     * Health) runs the same checks off the request thread and shares one report between concurrent probes.
     *
     * @return the combined report; never a secret
     */
    public Health health() {
        open();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", config.issuer());
        Health ofIssuer = issuer.health(HEALTH_TIMEOUT);
        details.putAll(ofIssuer.details());
        boolean up = ofIssuer.isUp();
        Optional<SessionStore> store = internals.sessionStore();
        if (store.isPresent()) {
            Health ofStore = store.get().health(HEALTH_TIMEOUT);
            details.putAll(ofStore.details());
            up &= ofStore.isUp();
        }
        return up ? Health.up(details) : Health.down(details);
    }

    /** @return the issuer this instance signs with */
    public TokenIssuer issuer() {
        open();
        return issuer;
    }

    /**
     * Maps an authenticated principal to a ChatSDK user: the application's {@link ChatUserResolver}, an
     * annotated principal, a MicroProfile JWT principal, or else the principal name.
     *
     * @param principal the authenticated principal
     * @return the user
     * @throws ChatSdkException       with {@link ErrorCode#INVALID_USER_ID} or {@link ErrorCode#INVALID_REQUEST}
     *                                naming the field if the mapped values break the limits
     * @throws ChatSdkConfigException if the application's user type carries wrong annotations
     */
    public ChatUser resolveUser(Principal principal) {
        return resolveUser(principal, name -> null, role -> false);
    }

    /**
     * Maps the authenticated user of a request to a ChatSDK user, in the documented order: the application's
     * {@link ChatUserResolver}, an annotated principal, the annotated object in the attribute named by
     * {@code chatsdk.identity.user-attribute}, a MicroProfile JWT principal, the principal name; then the roles of
     * {@code chatsdk.identity.role-claims} the user has go into {@code custom.roles}.
     *
     * @param principal  the authenticated principal
     * @param attributes the request's attributes, then its session's ({@code name -> value or null})
     * @param roles      the container's role check ({@code isUserInRole})
     * @return the user
     * @throws ChatSdkException       with {@link ErrorCode#INVALID_USER_ID} or {@link ErrorCode#INVALID_REQUEST}
     *                                naming the field if the mapped values break the limits
     * @throws ChatSdkConfigException if the application's user type carries wrong annotations
     */
    public ChatUser resolveUser(Principal principal, Function<String, Object> attributes, Predicate<String> roles) {
        open();
        return identity.resolve(Objects.requireNonNull(principal, "principal"), attributes, roles);
    }

    /** @return the configuration this instance runs with */
    public ChatSdkConfig config() {
        return config;
    }

    /** @return the clock token times are read from */
    public Clock clock() {
        return clock;
    }

    /**
     * Releases what this instance opened, once: the issuer the module made (not one given to
     * {@link Builder#issuer(TokenIssuer)}), then the session store the module made (not one given to
     * {@link Builder#sessionStore(SessionStore)}); a failure of one is logged ({@code CHATSDK-109}) and the other is
     * still closed. Idempotent: later calls do nothing. Calls under way may fail with {@code STORE_UNAVAILABLE};
     * later calls of every operation but {@link #config()}, {@link #clock()} and {@link #isClosed()} throw
     * {@link IllegalStateException}.
     *
     * @since 0.3
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    /**
     * @return whether {@link #close()} was called
     * @since 0.3
     */
    public boolean isClosed() {
        return closed.get();
    }

    /** @throws IllegalStateException after {@link #close()} */
    private void open() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed: the application using it was stopped or closed it; "
                    + "use the ChatSdk of the running application");
        }
    }

    @Override
    public String toString() {
        return "ChatSdk[issuer=" + config.issuer() + ", appId=" + config.appId() + "]";
    }

    /**
     * Closes what the builder made, in order, each even when the one before failed.
     *
     * @param issuer the issuer the module made, or {@code null}
     * @param store  the session store the module made, or {@code null} for none or the application's own
     */
    static void release(TokenIssuer issuer, SessionStore store) {
        if (issuer != null) {
            closeQuietly(issuer, "issuer");
        }
        if (store != null) {
            closeQuietly(store, "session store");
        }
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        try {
            closeable.close();
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-109: closing the %s (%s) failed with %s; "
                    + "what it holds may stay open", what, closeable.getClass().getName(), e.getClass().getName()));
        }
    }

    /** Builds a {@link ChatSdk}. Not thread-safe. */
    public static final class Builder {
        private ChatSdkConfig config;
        private Clock clock = Clock.systemUTC();
        private TokenIssuer issuer;
        private SessionStore sessionStore;
        private RateLimiter rateLimiter;
        private ChatUserResolver userResolver;
        private ClassLoader serviceLoader;
        private final List<ChatEventListener> eventListeners = new ArrayList<>();
        private Object meterRegistry;

        private Builder() {
        }

        /**
         * @param config the validated configuration (required)
         * @return this builder
         */
        public Builder config(ChatSdkConfig config) {
            this.config = config;
            return this;
        }

        /**
         * @param clock the clock token times are read from (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param issuer an issuer to use instead of the one {@code chatsdk.issuer} selects
         * @return this builder
         */
        public Builder issuer(TokenIssuer issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * @param sessionStore a store to use instead of the one {@code chatsdk.session.store} selects
         * @return this builder
         */
        public Builder sessionStore(SessionStore sessionStore) {
            this.sessionStore = sessionStore;
            return this;
        }

        /**
         * @param rateLimiter counts calls for the rate limits (default: token buckets in this JVM)
         * @return this builder
         */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /**
         * @param userResolver maps principals to users (default: a CDI bean, else ServiceLoader, else the annotations)
         * @return this builder
         */
        public Builder userResolver(ChatUserResolver userResolver) {
            this.userResolver = userResolver;
            return this;
        }

        /**
         * Adds a listener of the audit events, before those listed in {@code META-INF/services} (and CDI observers).
         *
         * @param listener receives every event; see {@link ChatEventListener} for its contract
         * @return this builder
         * @throws NullPointerException if {@code listener} is {@code null}
         */
        public Builder eventListener(ChatEventListener listener) {
            eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The Micrometer registry the counters and timers go to (default: Micrometer's global registry, when
         * Micrometer is on the class path; without it, no metrics). Typed {@code Object} so that this class loads
         * where Micrometer is absent.
         *
         * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
         * @return this builder
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * @param loader where {@link ServiceLoader} looks for {@link TokenIssuerFactory} and
         *               {@link ChatUserResolver} implementations (default: this class's loader)
         * @return this builder
         */
        public Builder serviceLoader(ClassLoader loader) {
            this.serviceLoader = loader;
            return this;
        }

        /**
         * @return the module
         * @throws NullPointerException   if no configuration was given
         * @throws ChatSdkConfigException   if no issuer matches {@code chatsdk.issuer}, the session store's
         *                                  DataSource cannot be found, or {@code META-INF/services} lists an
         *                                  event listener that cannot be created
         * @throws IllegalArgumentException if the meter registry is not a Micrometer {@code MeterRegistry}
         */
        public ChatSdk build() {
            Objects.requireNonNull(config, "config");
            ClassLoader loader = serviceLoader != null ? serviceLoader : ChatSdk.class.getClassLoader();
            Telemetry telemetry = Telemetry.create(clock, eventListeners, meterRegistry, loader);
            SessionStore given = sessionStore;
            IssuerContext context = new IssuerContext(config, clock, () -> {
                SessionStore store = given != null ? given : SessionStores.create(config);
                store.onEviction((session, perUser) -> telemetry.evicted(session.user().id(), session.id(), perUser));
                return store;
            }, (outcome, took) -> telemetry.upstreamCall(outcome, took.toNanos()));
            TokenIssuer chosen = issuer;
            if (chosen == null) {
                try {
                    chosen = factory(loader).create(context);
                } catch (RuntimeException | Error e) {
                    release(null, given == null ? context.sessionStoreIfUsed() : null);
                    throw e;
                }
            } else if (given != null) {
                context.sessionStore();
            }
            TokenIssuer made = issuer == null ? chosen : null;
            Runnable release = () -> release(made, given == null ? context.sessionStoreIfUsed() : null);
            ChatSdkInternals internals = new ChatSdkInternals(telemetry,
                    rateLimiter != null ? rateLimiter : new TokenBuckets(), acceptedApiKeys(config),
                    context::sessionStoreIfUsed);
            return new ChatSdk(config, chosen, new IdentityResolver(config, userResolver, loader), clock, telemetry,
                    internals, release);
        }

        private TokenIssuerFactory factory(ClassLoader loader) {
            List<TokenIssuerFactory> factories = new ArrayList<>();
            factories.add(new LocalTokenIssuerFactory());
            factories.add(new RemoteTokenIssuerFactory());
            try {
                ServiceLoader.load(TokenIssuerFactory.class, loader).forEach(factories::add);
            } catch (ServiceConfigurationError e) {
                throw new ChatSdkConfigException(List.of(String.format("CHATSDK-071: META-INF/services/%s lists a "
                        + "class that cannot be used (%s); fix the file or the class",
                        TokenIssuerFactory.class.getName(), e.getMessage())));
            }
            return factories.stream().filter(f -> f.name().equals(config.issuer())).findFirst()
                    .orElseThrow(() -> new ChatSdkConfigException(List.of(String.format(
                            "CHATSDK-015: '%s' is '%s', which is not a known issuer; use one of: %s",
                            ChatSdkConfig.Keys.ISSUER, config.issuer(), factories.stream().map(TokenIssuerFactory::name)
                                    .distinct().collect(Collectors.joining(", "))))));
        }
    }
}
