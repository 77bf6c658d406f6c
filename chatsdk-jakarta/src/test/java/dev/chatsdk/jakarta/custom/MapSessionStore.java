package dev.chatsdk.jakarta.custom;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * A session store of the application's own, written against the SPI alone (no built-in class): sessions and their
 * refresh-token hashes in maps, every method synchronized. It can be switched "down" to show its health check and
 * {@code STORE_UNAVAILABLE}.
 */
public final class MapSessionStore implements SessionStore {
    private static final class Kept {
        ChatSession session;
        /** jti hash -> when it was spent, or {@code null} while current. */
        final Map<String, Instant> tokens = new ConcurrentHashMap<>();

        Kept(ChatSession session) {
            this.session = session;
        }
    }

    private final Map<String, Kept> sessions = new ConcurrentHashMap<>();
    private volatile boolean down;
    private volatile EvictionListener evictions;

    /** @param down whether the store answers every call with {@code STORE_UNAVAILABLE} from now on */
    public void down(boolean down) {
        this.down = down;
    }

    /** @return whether the module registered an eviction listener */
    public boolean evictionListened() {
        return evictions != null;
    }

    private void reachable() {
        if (down) {
            throw new ChatSdkException(ErrorCode.STORE_UNAVAILABLE, "The map store is switched off.");
        }
    }

    @Override
    public synchronized void create(ChatSession session, String firstJtiHash) {
        reachable();
        Kept kept = new Kept(session);
        kept.tokens.put(firstJtiHash, Instant.MAX);
        sessions.put(session.id(), kept);
    }

    @Override
    public synchronized Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now,
            Duration grace) {
        reachable();
        Kept kept = sessions.get(sessionId);
        if (kept == null) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        if (kept.session.revokedAt().isPresent()) {
            return new Rotation(Rotation.Outcome.REVOKED, kept.session);
        }
        if (!kept.session.isActive(now)) {
            return new Rotation(Rotation.Outcome.EXPIRED, kept.session);
        }
        Instant spent = kept.tokens.get(presentedHash);
        if (Instant.MAX.equals(spent)) {
            kept.tokens.replaceAll((hash, at) -> Instant.MAX.equals(at) ? now : at);
            kept.tokens.put(nextHash, Instant.MAX);
            return new Rotation(Rotation.Outcome.ROTATED, kept.session);
        }
        if (spent != null && now.isBefore(spent.plus(grace))) {
            kept.tokens.put(nextHash, Instant.MAX);
            return new Rotation(Rotation.Outcome.RETRIED, kept.session);
        }
        revoke(kept, now);
        return new Rotation(Rotation.Outcome.REUSED, kept.session);
    }

    private static boolean revoke(Kept kept, Instant now) {
        if (kept.session.revokedAt().isPresent()) {
            return false;
        }
        ChatSession s = kept.session;
        kept.session = new ChatSession(s.id(), s.user(), s.createdAt(), s.expiresAt(), now);
        return true;
    }

    @Override
    public synchronized boolean revokeSession(String sessionId, Instant now) {
        reachable();
        Kept kept = sessions.get(sessionId);
        return kept != null && revoke(kept, now);
    }

    @Override
    public synchronized int revokeUser(String userId, Instant now) {
        reachable();
        int revoked = 0;
        for (Kept kept : sessions.values()) {
            if (kept.session.user().id().equals(userId) && revoke(kept, now)) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        reachable();
        Kept kept = sessions.get(sessionId);
        return kept == null ? Optional.empty() : Optional.of(kept.session);
    }

    @Override
    public Health health(Duration timeout) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionStore", "map");
        data.put("sessionStore.reachable", !down);
        data.put("sessionStore.sessions", (long) sessions.size());
        if (down) {
            data.put("sessionStore.problem", "switched off");
            return Health.down(data);
        }
        return Health.up(data);
    }

    @Override
    public void onEviction(EvictionListener listener) {
        this.evictions = listener;
    }

    private final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** @return how often {@link #close()} was called */
    public int closes() {
        return closes.get();
    }
}
