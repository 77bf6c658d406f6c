package dev.chatsdk.jakarta.observe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;


import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.spi.ChatEventListener;
import dev.chatsdk.jakarta.token.UnverifiedClaims;

/**
 * The one stream every audit event goes through, in this order: the structured audit log line, the metrics, the
 * listeners (given in code, then {@code META-INF/services}), the CDI observers. Also carries the timings that are no
 * events (requests, upstream calls). A failing listener, observer or meter registry is logged once and never fails
 * the request. The web layer binds the client's address to the thread for the events of its request
 * ({@link #bind}). Thread-safe.
 */
public final class Telemetry {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");
    private static final ThreadLocal<Request> REQUEST = new ThreadLocal<>();

    /** The request being handled on this thread: who sent it, and at which endpoint. */
    private static final class Request {
        final String clientIp;
        final String endpoint;

        Request(String clientIp, String endpoint) {
            this.clientIp = clientIp;
            this.endpoint = endpoint;
        }
    }

    /** A sink that logs its first failure, and every later one at DEBUG only. */
    private static final class Guarded {
        final String name;
        final Consumer<ChatEvent> sink;
        final AtomicBoolean failed = new AtomicBoolean();

        Guarded(String name, Consumer<ChatEvent> sink) {
            this.name = name;
            this.sink = sink;
        }

        void accept(ChatEvent event) {
            try {
                sink.accept(event);
            } catch (RuntimeException | LinkageError e) {
                if (failed.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-510: %s failed on a %s event; the request "
                            + "went on, and later failures of it are logged at DEBUG only", name, event.kind()), e);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> String.format("CHATSDK-510: %s failed again on a %s event: %s",
                            name, event.kind(), e));
                }
            }
        }
    }

    private final Clock clock;
    private final Meters meters;
    private final Guarded metrics;
    private final List<Guarded> sinks;

    private Telemetry(Clock clock, Meters meters, List<Guarded> sinks) {
        this.clock = clock;
        this.meters = meters;
        this.metrics = new Guarded("the meter registry", meters::event);
        this.sinks = List.copyOf(sinks);
    }

    /**
     * @param clock         the clock event times are read from
     * @param listeners     listeners given in code
     * @param meterRegistry a Micrometer {@code MeterRegistry} given in code, or {@code null} for the server's
     *                      MicroProfile Metrics registry if CDI offers one, else Micrometer's (CDI's, else the global
     *                      one) when Micrometer is on the class path
     * @param loader        where {@link ServiceLoader} looks for more {@link ChatEventListener}s
     * @return the stream
     * @throws ChatSdkConfigException   if {@code META-INF/services} names a listener that cannot be created
     * @throws IllegalArgumentException if {@code meterRegistry} is not a Micrometer {@code MeterRegistry}
     */
    public static Telemetry create(Clock clock, List<ChatEventListener> listeners, Object meterRegistry, ClassLoader loader) {
        List<Guarded> sinks = new ArrayList<>();
        for (ChatEventListener listener : listeners) {
            sinks.add(new Guarded("the event listener " + listener.getClass().getName(), listener::onEvent));
        }
        try {
            for (ChatEventListener listener : ServiceLoader.load(ChatEventListener.class, loader)) {
                sinks.add(new Guarded("the event listener " + listener.getClass().getName(), listener::onEvent));
            }
        } catch (ServiceConfigurationError e) {
            throw new ChatSdkConfigException(List.of(String.format("CHATSDK-511: META-INF/services/%s lists a class "
                    + "that cannot be used (%s); fix the file or the class", ChatEventListener.class.getName(),
                    e.getMessage())));
        }
        int listenerCount = sinks.size();
        Consumer<ChatEvent> cdi = CdiEvents.find();
        if (cdi != null) {
            sinks.add(new Guarded("a CDI observer of the ChatSDK events", cdi));
        }
        Meters meters = meters(meterRegistry);
        LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-520: audit events go to the log "
                + "'dev.chatsdk.jakarta.audit', %d listener(s)%s; metrics: %s", listenerCount,
                cdi != null ? " and CDI observers" : "", meters));
        return new Telemetry(clock, meters, sinks);
    }

    /**
     * Chooses where the meters go: a registry given in code always; else the server's MicroProfile Metrics
     * application registry, which the server exports; else Micrometer (a registry CDI offers, else the global one);
     * else nowhere.
     */
    private static Meters meters(Object given) {
        boolean micrometer = visible("io.micrometer.core.instrument.MeterRegistry");
        if (given != null) {
            if (!micrometer) {
                throw new IllegalArgumentException("a meterRegistry was given, but Micrometer is not visible to the "
                        + "ChatSDK module's class loader");
            }
            return MicrometerMeters.create(given);
        }
        if (visible("org.eclipse.microprofile.metrics.MetricRegistry")) {
            Meters server = mpMetrics();
            if (server != null) {
                return server;
            }
        }
        return micrometer ? MicrometerMeters.create(null) : Meters.NONE;
    }

    /**
     * @return the server's MicroProfile Metrics, or {@code null} where CDI does not run or offers no registry, or the
     *         server's registry fails (logged: the module then starts without it)
     */
    private static Meters mpMetrics() {
        try {
            return MpMetricsMeters.find();
        } catch (LinkageError | IllegalStateException | ServiceConfigurationError e) {
            return null;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-530: the server's MicroProfile Metrics registry "
                    + "could not be obtained (%s); the meters go elsewhere", e), e);
            return null;
        }
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, Telemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Sends an event down the stream: audit log, metrics, listeners, CDI observers. Never throws. */
    public void emit(ChatEvent event) {
        try {
            AuditLog.log(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-512: the audit line could not be written", e);
        }
        metrics.accept(event);
        for (Guarded sink : sinks) {
            sink.accept(event);
        }
    }

    /** @return the clock event times are read from */
    public Clock clock() {
        return clock;
    }

    /**
     * Binds a request's client address and endpoint to this thread, for the events emitted while it is handled.
     *
     * @return what to give {@link #restore} in a {@code finally}
     */
    public static Object bind(String clientIp, String endpoint) {
        Request previous = REQUEST.get();
        REQUEST.set(new Request(clientIp, endpoint));
        return previous;
    }

    /** Puts back what {@link #bind} returned. */
    public static void restore(Object previous) {
        if (previous == null) {
            REQUEST.remove();
        } else {
            REQUEST.set((Request) previous);
        }
    }

    /** @return the client address bound to this thread, or {@code null} outside a request */
    public static String clientIp() {
        Request request = REQUEST.get();
        return request == null ? null : request.clientIp;
    }

    private static String endpoint() {
        Request request = REQUEST.get();
        return request == null ? null : request.endpoint;
    }

    /** A new session's tokens were issued. */
    public void issued(ChatTokens tokens) {
        String endpoint = endpoint();
        String reason = endpoint == null ? "Issued by application code."
                : "token".equals(endpoint) ? "Issued at the token endpoint to the logged-in user."
                : "Issued through the token API.";
        emit(new TokenIssued(clock.instant(), tokens.user().id(), tokens.sessionId(), clientIp(), reason));
    }

    /** A refresh answered with new tokens. */
    public void refreshed(ChatTokens tokens, boolean retry) {
        emit(new TokenRefreshed(clock.instant(), tokens.user().id(), tokens.sessionId(), clientIp(), retry,
                retry ? "A spent refresh token came back within the rotation grace: taken as a retry."
                        : "The refresh token was rotated."));
    }

    /**
     * The issuer answered {@code REFRESH_TOKEN_REUSED}: it had verified the token, so its claims name the session.
     *
     * @param refreshToken the spent token presented; only its {@code user_id} and {@code sid} claims are read
     */
    public void reused(String refreshToken) {
        String userId = UnverifiedClaims.string(refreshToken, "user_id");
        String sessionId = UnverifiedClaims.string(refreshToken, "sid");
        emit(new RefreshReuseDetected(clock.instant(), userId, sessionId, clientIp(),
                "A spent refresh token came back after the rotation grace."));
        emit(new SessionRevoked(clock.instant(), userId, sessionId, clientIp(), SessionRevoked.Cause.REUSE, 1,
                "The session was revoked because a spent refresh token was replayed."));
    }

    /**
     * A logout ended a session.
     *
     * @param refreshToken the session's refresh token, which the issuer accepted; only its {@code user_id} and
     *                     {@code sid} claims are read
     */
    public void loggedOut(String refreshToken) {
        emit(new SessionRevoked(clock.instant(), UnverifiedClaims.string(refreshToken, "user_id"), UnverifiedClaims.string(refreshToken, "sid"),
                clientIp(), SessionRevoked.Cause.LOGOUT, 1,
                "Logged out with the session's refresh token."));
    }

    /** Every session of a user was revoked; none is an event only when {@code count} is positive. */
    public void revokedUser(String userId, int count) {
        if (count > 0) {
            emit(new SessionRevoked(clock.instant(), userId, null, clientIp(), SessionRevoked.Cause.USER, count,
                    "Every session of the user was revoked."));
        }
    }

    /**
     * The memory store evicted its least recently used session (or the user's) to admit a new one; the client of
     * the evicted session is not the one being served, so no client address.
     *
     * @param perUser {@code true}: the user reached {@code chatsdk.session.max-per-user}; {@code false}: the store was full
     */
    public void evicted(String userId, String sessionId, boolean perUser) {
        emit(new SessionRevoked(clock.instant(), userId, sessionId, null, SessionRevoked.Cause.EVICTED, 1, perUser
                ? "The user's least recently used session was evicted: the user reached chatsdk.session.max-per-user."
                : "The least recently used session was evicted: the in-memory session store was full."));
    }

    /** Counts and times one call to the ChatSDK API ({@code ok}, {@code rejected}, {@code failed}, {@code timeout}, {@code unavailable}). */
    public void upstreamCall(String outcome, long nanos) {
        try {
            meters.upstreamCall(outcome, nanos);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-521: the meter registry failed", e);
        }
    }

    /** Times one answered request. */
    public void request(String endpoint, int status, long nanos) {
        try {
            meters.request(endpoint, status, nanos);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-521: the meter registry failed", e);
        }
    }

        @Override
    public String toString() {
        return "Telemetry[" + sinks.size() + " sinks, " + meters + "]";
    }
}
