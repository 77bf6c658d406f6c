package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Reports the memory store's evictions: to the {@link SessionStore.EvictionListener} (a failing listener is
 * logged at DEBUG), and in one WARN line a minute at most while the store is full. Thread-safe.
 */
final class Evictions {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");
    private static final long WARN_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final int maxSessions;
    private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong evictedSinceWarning = new AtomicLong();
    private volatile SessionStore.EvictionListener listener = (session, perUser) -> { };

    Evictions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    void listener(SessionStore.EvictionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Reports a session a limit evicted (already revoked and retired); on the login's thread, outside any lock. */
    void evicted(SessionEntry victim, long now, boolean perUser) {
        if (!perUser) {
            warnFull(now);
        }
        ChatSession session = victim.snapshot();
        try {
            listener.evicted(session, perUser);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-311: the eviction listener failed", e);
        }
    }

    /** One WARN line a minute at most while the store is full, counting the evictions since the last one. */
    private void warnFull(long now) {
        long count = evictedSinceWarning.incrementAndGet();
        long due = nextWarning.get();
        if (now >= due && nextWarning.compareAndSet(due, now + WARN_INTERVAL_MILLIS)) {
            evictedSinceWarning.addAndGet(-count);
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-310: the in-memory session store is full "
                    + "(%d sessions): %d least recently used session(s) evicted to admit new logins since the last "
                    + "such warning; their clients fetch new tokens. Raise %s, or use the jdbc store", maxSessions,
                    count, ChatSdkConfig.Keys.MEMORY_MAX_SESSIONS));
        }
    }
}
