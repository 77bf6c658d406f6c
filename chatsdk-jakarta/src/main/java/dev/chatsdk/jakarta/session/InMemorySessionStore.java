package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Sessions in this JVM's memory: one node, lost on restart. Holds at most {@code maxSessions} live sessions and
 * {@code maxPerUser} per user; a new session never fails for want of room: past a limit, the least recently used
 * session (of the store, or of that user) is evicted, i.e. revoked with the cause {@code evicted} (reported to the
 * {@link SessionStore.EvictionListener}, and in one rate-limited WARN line when the store is full). Revoked sessions leave the
 * count at once and are remembered as tombstones (at most {@code max(1000, maxSessions / 10)}, oldest forgotten
 * first, without their tokens), so that their tokens answer "revoked" rather than "unknown"; sessions past their
 * end are swept at most once a minute.
 *
 * <p>Every operation but a user-wide revocation and the minute's sweep is O(1), plus O(sessions of the user) when a
 * user starts a session: the store is an exact LRU list (a doubly linked list through the sessions, under one lock
 * held for a few pointer moves), the user's least recently used session is found by walking the user's chain
 * (at most {@code maxPerUser} long). It locks at most one session at a time.
 *
 * <p>Built to hold a million sessions in a few hundred megabytes: a session is one object that is its own
 * map key (a UUID session id kept as two {@code long}s), times are epoch milliseconds (the precision of
 * the JDBC store), refresh tokens are the first 128 bits of their {@code jti} hash, the current one kept
 * inline and spent ones or siblings in a small array only while the rotation grace needs them, and the
 * sessions of a user are chained through the sessions themselves, as is the LRU list. See {@code docs/PERFORMANCE.md}.
 *
 * <p>This class is the coordinator: {@link SessionEntry} is a session and its tokens (with {@link SessionKey} and
 * {@link TokenFingerprint}), {@link LruLists} the LRU and tombstone lists, {@link UserChains} the sessions of each user,
 * {@link Evictions} the reports of evictions.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final int maxSessions;
    private final int maxPerUser;
    private final ConcurrentHashMap<SessionKey, SessionEntry> sessions = new ConcurrentHashMap<>();
    private final LruLists lists;
    private final UserChains users;
    private final Evictions evictions;
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    /** A store of at most {@code maxSessions} live sessions and 50 per user. */
    public InMemorySessionStore(int maxSessions) {
        this(maxSessions, 50);
    }

    /**
     * @param maxSessions most live sessions; past it, a new session evicts the least recently used one
     * @param maxPerUser  most live sessions of one user; past it, the user's least recently used one is evicted
     */
    public InMemorySessionStore(int maxSessions, int maxPerUser) {
        if (maxSessions < 1 || maxPerUser < 1) {
            throw new IllegalArgumentException("maxSessions and maxPerUser must be positive");
        }
        this.maxSessions = maxSessions;
        this.maxPerUser = maxPerUser;
        this.lists = new LruLists(Math.max(1000, maxSessions / 10));
        this.users = new UserChains(maxPerUser);
        this.evictions = new Evictions(maxSessions);
    }

    /**
     * @param listener told about each evicted session, on the thread of the login that made room, outside any lock
     *                 (replaces the previous one; the module's telemetry by default)
     */
    @Override
    public void onEviction(EvictionListener listener) {
        evictions.listener(listener);
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        long now = session.createdAt().toEpochMilli();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            sweep(now);
        }
        SessionEntry entry = new SessionEntry(SessionKey.of(session.id()), session);
        entry.addCurrent(TokenFingerprint.of(firstJtiHash));
        SessionEntry overUserLimit = users.add(entry, e -> sessions.put(e, e));
        lists.admit(entry);
        if (overUserLimit != null) {
            evict(overUserLimit, now, true);
        }
        while (sessions.size() > maxSessions) {
            SessionEntry victim = lists.takeOldestBut(entry);
            if (victim == null) {
                break;
            }
            evict(victim, now, false);
        }
    }

    private void evict(SessionEntry victim, long now, boolean perUser) {
        if (victim.revoke(now) == 0) {
            return; // revoked meanwhile by someone else, who retires it
        }
        retire(victim);
        evictions.evicted(victim, now, perUser);
    }

    /**
     * Takes a session that was just revoked out of the count: from the live map, its user's chain and the LRU
     * list, into the tombstones (forgetting the oldest past their bound). Only the caller whose
     * {@link SessionEntry#revoke} returned 1 calls this, once.
     */
    private void retire(SessionEntry entry) {
        // a tombstone before it leaves the live map: a concurrent rotation must find it in one or the other (and
        // answer REVOKED), never in neither (UNKNOWN)
        lists.remember(entry);
        sessions.remove(entry, entry);
        users.remove(entry);
        lists.bury(entry);
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        return rotate(sessionId, null, presentedHash, nextHash, now, grace);
    }

    /** A session's user never changes: it is checked on the entry, before the rotation takes its lock. */
    @Override
    public Rotation rotate(String sessionId, String userId, String presentedHash, String nextHash, Instant now,
            Duration grace) {
        SessionEntry entry = entry(sessionId);
        if (entry == null || userId != null && !entry.user.id().equals(userId)) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        Rotation rotation = entry.rotate(TokenFingerprint.of(presentedHash), TokenFingerprint.of(nextHash), now, grace);
        Rotation.Outcome outcome = rotation.outcome();
        if (outcome == Rotation.Outcome.ROTATED || outcome == Rotation.Outcome.RETRIED) {
            lists.touch(entry, now);
        } else if (outcome == Rotation.Outcome.REUSED) {
            retire(entry);
        }
        return rotation;
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        return revoke(Objects.requireNonNull(sessionId, "sessionId"), null, now) > 0;
    }

    @Override
    public int revokeUser(String userId, Instant now) {
        return revoke(null, Objects.requireNonNull(userId, "userId"), now);
    }

    /** Memory is always reachable. */
    @Override
    public Health health(Duration timeout) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionStore", "memory");
        data.put("sessionStore.reachable", true);
        return Health.up(data);
    }

    private int revoke(String sessionId, String userId, Instant now) {
        if (sessionId != null) {
            SessionEntry entry = sessions.get(SessionKey.of(sessionId));
            if (entry == null || entry.revoke(now.toEpochMilli()) == 0) {
                return 0;
            }
            retire(entry);
            return 1;
        }
        java.util.List<SessionEntry> revoked = users.revokeAll(userId, now.toEpochMilli());
        for (SessionEntry e : revoked) {
            retire(e);
        }
        return revoked.size();
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        SessionEntry entry = entry(sessionId);
        return entry == null ? Optional.empty() : Optional.of(entry.snapshot());
    }

    /** @return the live session of that id, else its tombstone, else {@code null} */
    private SessionEntry entry(String sessionId) {
        SessionKey key = SessionKey.of(sessionId);
        SessionEntry entry = sessions.get(key);
        return entry != null ? entry : lists.tombstone(key);
    }

    /** @return how many live sessions the store holds now (revoked ones not counted) */
    public int size() {
        return sessions.size();
    }

    /** @return how many revoked sessions the store still remembers */
    public int tombstones() {
        return lists.tombstones();
    }

    /** Drops the sessions and tombstones past their end: from the maps, their user's chain and the lists. */
    private void sweep(long now) {
        sessions.values().removeIf(entry -> {
            if (now < entry.expiresAt) {
                return false;
            }
            users.remove(entry);
            lists.drop(entry);
            return true;
        });
        lists.sweepTombstones(now);
    }

    @Override
    public String toString() {
        return "InMemorySessionStore[" + sessions.size() + "/" + maxSessions + " sessions, " + maxPerUser
                + " per user]";
    }
}
