package dev.chatsdk.jakarta.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * What a {@link TokenIssuerFactory} may build its issuer with: the configuration, the clock, the session store, and
 * where the issuer reports its calls to an upstream API. The module makes one per {@code ChatSdk}; a test may make
 * its own.
 *
 * <p>The session store is made on first use of {@link #sessionStore()} (the one given to
 * {@code ChatSdk.builder().sessionStore(…)}, else the one {@code chatsdk.session.store} selects): an issuer that
 * keeps no sessions never asks, and then no store is opened. The store is not the issuer's to close:
 * {@code ChatSdk.close()} closes it after the issuer when the module made it, and never one given to the builder. This
 * class is thread-safe.
 *
 * @since 0.2
 */
public final class IssuerContext {
    /** Told about each call an issuer makes to an upstream API, for the module's metrics. */
    @FunctionalInterface
    public interface UpstreamCallListener {
        /**
         * @param outcome {@code ok}, {@code rejected} (a 4xx answer), {@code failed} (a 5xx or unreadable answer),
         *                {@code unavailable} (no answer) or {@code timeout}
         * @param took    how long the call took
         */
        void called(String outcome, Duration took);
    }

    private final ChatSdkConfig config;
    private final Clock clock;
    private final Supplier<SessionStore> sessions;
    private final UpstreamCallListener upstreamCalls;
    private SessionStore store;

    /**
     * @param config        the validated configuration
     * @param clock         the clock every token time is read from
     * @param sessions      makes the session store, called at most once, on first use
     * @param upstreamCalls told about each upstream call
     * @throws NullPointerException if an argument is {@code null}
     */
    public IssuerContext(ChatSdkConfig config, Clock clock, Supplier<SessionStore> sessions,
            UpstreamCallListener upstreamCalls) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.upstreamCalls = Objects.requireNonNull(upstreamCalls, "upstreamCalls");
    }

    /** @return the validated configuration */
    public ChatSdkConfig config() {
        return config;
    }

    /** @return the clock every token time is read from */
    public Clock clock() {
        return clock;
    }

    /**
     * @return where sessions are kept, made on the first call
     * @throws dev.chatsdk.jakarta.ChatSdkConfigException if the configured store cannot be made (its DataSource
     *                                                    cannot be found)
     */
    public synchronized SessionStore sessionStore() {
        if (store == null) {
            store = Objects.requireNonNull(sessions.get(), "session store");
        }
        return store;
    }

    /** @return the session store if {@link #sessionStore()} made it, else {@code null} */
    public synchronized SessionStore sessionStoreIfUsed() {
        return store;
    }

    /** @return told about each call the issuer makes to an upstream API */
    public UpstreamCallListener upstreamCalls() {
        return upstreamCalls;
    }

    @Override
    public String toString() {
        return "IssuerContext[issuer=" + config.issuer() + "]";
    }
}
