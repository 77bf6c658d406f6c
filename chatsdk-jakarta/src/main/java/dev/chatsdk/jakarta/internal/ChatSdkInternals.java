package dev.chatsdk.jakarta.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.spi.RateLimiter;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Internal, not an API: what the module's own adapters (web, servlet, JAX-RS, CDI, health) need of a
 * {@link ChatSdk} beyond its public methods, without those methods naming internal types. Reach it with
 * {@link #of(ChatSdk)}; it may change in any release. Thread-safe and immutable.
 *
 * <p>{@code ChatSdk} makes one per instance and installs, once, the {@linkplain #install hook} {@link #of} reads
 * it through (the pattern of the JDK's shared secrets): the hook is set when {@code ChatSdk} is initialised, which
 * is before any instance can be passed to {@link #of}.
 */
public final class ChatSdkInternals {
    private static volatile Function<ChatSdk, ChatSdkInternals> hook;

    private final Telemetry telemetry;
    private final RateLimiter rateLimiter;
    private final List<String> acceptedApiKeys;
    private final Supplier<SessionStore> sessionStore;

    /**
     * @param telemetry       the stream audit events, metrics and timings go through
     * @param rateLimiter     counts calls for the rate limits
     * @param acceptedApiKeys the API keys callers of the token API may present; empty: the token API is off
     * @param sessionStore    the session store in use, or {@code null} while none is (read at each call)
     */
    public ChatSdkInternals(Telemetry telemetry, RateLimiter rateLimiter, List<String> acceptedApiKeys,
            Supplier<SessionStore> sessionStore) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.acceptedApiKeys = List.copyOf(acceptedApiKeys);
        this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
    }

    /**
     * Called by {@code ChatSdk}'s class initialiser only.
     *
     * @param access reads an instance's internals
     * @throws IllegalStateException if a hook is installed already
     */
    public static synchronized void install(Function<ChatSdk, ChatSdkInternals> access) {
        if (hook != null) {
            throw new IllegalStateException("ChatSdkInternals' hook is installed already");
        }
        hook = Objects.requireNonNull(access, "access");
    }

    /**
     * @param sdk the module
     * @return its internals
     */
    public static ChatSdkInternals of(ChatSdk sdk) {
        Objects.requireNonNull(sdk, "sdk");
        return hook.apply(sdk);
    }

    /** @return the stream this instance's audit events, metrics and timings go through */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** @return the rate limiter the endpoints count calls with */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /**
     * The one answer to "is the token API on": the API keys callers may present to {@code POST {api-base}/tokens},
     * {@code POST {api-base}/api/users/{userId}/revoke-tokens} and for the health details. Empty when none is
     * configured, and with the remote issuer, whose configured key is the one this server sends upstream and must
     * not be accepted from callers.
     *
     * @return the accepted keys; empty: the token API is off
     */
    public List<String> acceptedApiKeys() {
        return acceptedApiKeys;
    }

    /**
     * @return the session store in use: the one given to the builder, or the one the issuer's factory asked for;
     *         empty with an issuer that keeps no sessions in a store of this module
     */
    public Optional<SessionStore> sessionStore() {
        return Optional.ofNullable(sessionStore.get());
    }

    @Override
    public String toString() {
        return "ChatSdkInternals[tokenApi=" + (acceptedApiKeys.isEmpty() ? "off" : "on") + "]";
    }
}
