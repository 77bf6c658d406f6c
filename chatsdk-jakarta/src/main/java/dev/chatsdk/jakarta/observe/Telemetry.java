package dev.chatsdk.jakarta.observe;

import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.spi.ChatEventListener;

/**
 * The one stream every audit event goes through, in this order: the structured audit log line, the metrics, the
 * listeners (given in code, then {@code META-INF/services}), the CDI observers. Also carries the timings that are no
 * events (requests, upstream calls). A failing listener, observer or meter registry is logged once and never fails
 * the request. The web layer binds the client's address to the thread for the events of its request
 * ({@link #bind}). Thread-safe.
 *
 * <p>This class is the coordinator: {@link AuditEvents} builds the events, {@link SinkDiscovery} finds the listeners,
 * observers and meters, {@link GuardedSink} keeps a failing sink from failing the request, {@link RequestContext}
 * holds the request of the thread.
 */
public final class Telemetry {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");

    private final Clock clock;
    private final Meters meters;
    private final GuardedSink metrics;
    private final List<GuardedSink> sinks;
    private final AuditLog.Budget auditBudget = new AuditLog.Budget();

    private Telemetry(Clock clock, Meters meters, List<GuardedSink> sinks) {
        this.clock = clock;
        this.meters = meters;
        this.metrics = new GuardedSink("the meter registry", meters::event);
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
        SinkDiscovery.Found found = SinkDiscovery.discover(listeners, meterRegistry, loader);
        return new Telemetry(clock, found.meters, found.sinks);
    }

    /** Sends an event down the stream: audit log, metrics, listeners, CDI observers. Never throws. */
    public void emit(ChatEvent event) {
        try {
            AuditLog.log(event, auditBudget);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-512: the audit line could not be written", e);
        }
        metrics.accept(event);
        for (GuardedSink sink : sinks) {
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
        return RequestContext.bind(clientIp, endpoint);
    }

    /** Puts back what {@link #bind} returned. */
    public static void restore(Object previous) {
        RequestContext.restore(previous);
    }

    /** @return the client address bound to this thread, or {@code null} outside a request */
    public static String clientIp() {
        return RequestContext.clientIp();
    }

    /** A new session's tokens were issued. */
    public void issued(ChatTokens tokens) {
        emit(AuditEvents.issued(clock.instant(), tokens));
    }

    /** A refresh answered with new tokens. */
    public void refreshed(ChatTokens tokens, boolean retry) {
        emit(AuditEvents.refreshed(clock.instant(), tokens, retry));
    }

    /**
     * The issuer answered {@code REFRESH_TOKEN_REUSED}: it had verified the token, so its claims name the session.
     *
     * @param refreshToken the spent token presented; only its {@code user_id} and {@code sid} claims are read
     */
    public void reused(String refreshToken) {
        for (ChatEvent event : AuditEvents.reused(clock.instant(), refreshToken)) {
            emit(event);
        }
    }

    /**
     * A logout ended a session.
     *
     * @param refreshToken the session's refresh token, which the issuer accepted; only its {@code user_id} and
     *                     {@code sid} claims are read
     */
    public void loggedOut(String refreshToken) {
        emit(AuditEvents.loggedOut(clock.instant(), refreshToken));
    }

    /** Every session of a user was revoked; none is an event only when {@code count} is positive. */
    public void revokedUser(String userId, int count) {
        if (count > 0) {
            emit(AuditEvents.revokedUser(clock.instant(), userId, count));
        }
    }

    /**
     * Sessions revoked because the application's HTTP session they were issued in ended.
     *
     * @param userId    the user
     * @param sessionId the one session revoked, or {@code null} when every session of the user was
     * @param count     how many sessions were revoked now; nothing is emitted for none
     * @param expired   {@code true}: the HTTP session expired; {@code false}: the application ended it (logout)
     */
    public void endedWithHttpSession(String userId, String sessionId, int count, boolean expired) {
        if (count > 0) {
            emit(AuditEvents.endedWithHttpSession(clock.instant(), userId, sessionId, count, expired));
        }
    }

    /**
     * The memory store evicted its least recently used session (or the user's) to admit a new one; the client of
     * the evicted session is not the one being served, so no client address.
     *
     * @param perUser {@code true}: the user reached {@code chatsdk.session.max-per-user}; {@code false}: the store was full
     */
    public void evicted(String userId, String sessionId, boolean perUser) {
        emit(AuditEvents.evicted(clock.instant(), userId, sessionId, perUser));
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
