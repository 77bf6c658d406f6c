package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Sessions in this JVM's memory: one node, lost on restart. Bounded to a number of sessions; every
 * operation is O(1) and locks at most one session; sessions past their end are swept at most once a
 * minute (and when the store is full) by a lock-free pass over the map.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final int maxSessions;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    /** One session and its refresh tokens (jti hash → when spent, or {@code null} while current). */
    private static final class Entry {
        private ChatSession session;
        private final Map<String, Instant> tokens = new HashMap<>();

        Entry(ChatSession session) {
            this.session = session;
        }
    }

    public InMemorySessionStore(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        Instant now = session.createdAt();
        Instant due = nextSweep.get();
        if ((!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL)))
                || sessions.size() >= maxSessions) {
            sweep(now);
        }
        if (sessions.size() >= maxSessions) {
            throw new ChatSdkException(ErrorCode.STORE_UNAVAILABLE, String.format("The in-memory session store is "
                    + "full (%d sessions); try again later.", maxSessions));
        }
        Entry entry = new Entry(session);
        entry.tokens.put(firstJtiHash, null);
        sessions.put(session.id(), entry);
        sessionsByUser.computeIfAbsent(session.user().id(), u -> ConcurrentHashMap.newKeySet()).add(session.id());
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        synchronized (entry) {
            boolean known = entry.tokens.containsKey(presentedHash);
            Instant spentAt = entry.tokens.get(presentedHash);
            Rotation.Outcome outcome = RotationRule.decide(entry.session, known, spentAt, now, grace);
            switch (outcome) {
                case ROTATED:
                    entry.tokens.values().removeIf(spent -> spent != null && !RotationRule.withinGrace(spent, now, grace));
                    entry.tokens.put(presentedHash, now);
                    entry.tokens.put(nextHash, null);
                    break;
                case RETRIED:
                    entry.tokens.put(nextHash, null);
                    break;
                case REUSED:
                    entry.session = revoked(entry.session, now);
                    break;
                default:
                    break;
            }
            return new Rotation(outcome, entry.session);
        }
    }

    @Override
    public int revoke(String sessionId, String userId, Instant now) {
        if (sessionId != null) {
            return revokeOne(sessionId, now);
        }
        int revoked = 0;
        for (String id : sessionsByUser.getOrDefault(userId, Set.of())) {
            revoked += revokeOne(id, now);
        }
        return revoked;
    }

    private int revokeOne(String sessionId, Instant now) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            if (entry.session.revokedAt().isPresent()) {
                return 0;
            }
            entry.session = revoked(entry.session, now);
            return 1;
        }
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(entry.session);
        }
    }

    /** @return how many sessions the store holds now */
    public int size() {
        return sessions.size();
    }

    private void sweep(Instant now) {
        sessions.values().removeIf(entry -> {
            ChatSession session;
            synchronized (entry) {
                session = entry.session;
            }
            if (now.isBefore(session.expiresAt())) {
                return false;
            }
            Set<String> ofUser = sessionsByUser.get(session.user().id());
            if (ofUser != null) {
                ofUser.remove(session.id());
                if (ofUser.isEmpty()) {
                    sessionsByUser.remove(session.user().id(), ofUser);
                }
            }
            return true;
        });
    }

    static ChatSession revoked(ChatSession session, Instant now) {
        return new ChatSession(session.id(), session.user(), session.createdAt(), session.expiresAt(), now);
    }

    @Override
    public String toString() {
        return "InMemorySessionStore[" + sessions.size() + "/" + maxSessions + " sessions]";
    }
}
