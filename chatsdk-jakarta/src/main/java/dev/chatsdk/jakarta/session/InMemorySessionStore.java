package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.token.Sha256;

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
 */
public final class InMemorySessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");
    private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final long WARN_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Token state: current (not spent). */
    private static final long CURRENT = Long.MIN_VALUE;
    /** Token state: this session never issued it, or has forgotten it. */
    private static final long ABSENT = Long.MAX_VALUE;
    /** Revocation time of a session that is not revoked. */
    private static final long NOT_REVOKED = Long.MIN_VALUE;
    /** {@link Entry#usedAt} of a revoked session in the tombstone list. */
    private static final int TOMBSTONE = -1;
    /** {@link Entry#usedAt} of a session in neither list (being evicted, swept or forgotten). */
    private static final int UNLINKED = -2;
    /** {@link Entry#usedAt} of a session being created, not yet in the LRU list. */
    private static final int NEW = -3;

    private final int maxSessions;
    private final int maxPerUser;
    private final int maxTombstones;
    private final ConcurrentHashMap<Key, Entry> sessions = new ConcurrentHashMap<>();
    /** Revoked sessions still remembered: outside the count of {@link #sessions}. */
    private final ConcurrentHashMap<Key, Entry> tombstones = new ConcurrentHashMap<>();
    /** The newest session of each user; the others hang off {@link Entry#nextOfUser}, changed only in compute(). */
    private final ConcurrentHashMap<String, Entry> newestOfUser = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong evictedSinceWarning = new AtomicLong();
    /** Guards the LRU list and the tombstone list (both through {@link Entry#newer}/{@link Entry#older}). */
    private final Object lists = new Object();
    private Entry newest;
    private Entry oldest;
    private Entry newestTombstone;
    private Entry oldestTombstone;
    private int tombstoneCount;
    private volatile EvictionListener evictionListener = (session, perUser) -> { };

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
        this.maxTombstones = Math.max(1000, maxSessions / 10);
    }

    /**
     * @param listener told about each evicted session, on the thread of the login that made room, outside any lock
     *                 (replaces the previous one; the module's telemetry by default)
     */
    @Override
    public void onEviction(EvictionListener listener) {
        this.evictionListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        long now = session.createdAt().toEpochMilli();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            sweep(now);
        }
        Entry entry = new Entry(Key.of(session.id()), session);
        entry.addCurrent(Fingerprint.of(firstJtiHash));
        Entry[] overUserLimit = {null};
        newestOfUser.compute(session.user().id(), (user, newestOfTheUser) -> {
            // the chain's length, kept on its head, spares the walk until the user reaches the cap: a user far below
            // it (or a cap set far above the default) costs O(1) per login
            int length = newestOfTheUser == null ? 0 : newestOfTheUser.chainLength;
            overUserLimit[0] = length < maxPerUser ? null : leastRecentlyUsedOver(newestOfTheUser, maxPerUser - 1);
            entry.nextOfUser = overUserLimit[0] == null ? newestOfTheUser : unchain(newestOfTheUser, overUserLimit[0]);
            entry.chainLength = entry.nextOfUser == null ? 1 : entry.nextOfUser.chainLength + 1;
            sessions.put(entry, entry);
            return entry;
        });
        synchronized (lists) {
            if (entry.usedAt == NEW) { // else revoked already (a user-wide revocation got there first)
                entry.usedAt = 0;
                linkNewest(entry);
            }
        }
        if (overUserLimit[0] != null) {
            evict(overUserLimit[0], now, true);
        }
        while (sessions.size() > maxSessions) {
            Entry victim;
            synchronized (lists) {
                victim = oldest;
                if (victim == null || victim == entry) {
                    break;
                }
                unlinkUsed(victim);
            }
            evict(victim, now, false);
        }
    }

    /**
     * @return the least recently used session of a user's chain when the chain holds more than {@code keep} sessions
     *         that are in the LRU list, else {@code null} (called inside {@code newestOfUser.compute})
     */
    private static Entry leastRecentlyUsedOver(Entry chain, int keep) {
        int live = 0;
        Entry lru = null;
        for (Entry e = chain; e != null; e = e.nextOfUser) {
            int used = e.usedAt;
            if (used >= 0) {
                live++;
                // the chain runs newest first: on a tie the older session goes
                if (lru == null || used <= lru.usedAt) {
                    lru = e;
                }
            }
        }
        return live > keep ? lru : null;
    }

    /** @return the chain without {@code gone} (called inside {@code newestOfUser.compute}) */
    private static Entry unchain(Entry chain, Entry gone) {
        Entry previous = null;
        for (Entry e = chain; e != null; e = e.nextOfUser) {
            if (e == gone) {
                if (previous == null) {
                    Entry head = e.nextOfUser;
                    if (head != null) {
                        head.chainLength = chain.chainLength - 1;
                    }
                    return head;
                }
                previous.nextOfUser = e.nextOfUser;
                chain.chainLength--;
                return chain;
            }
            previous = e;
        }
        return chain;
    }

    private void evict(Entry victim, long now, boolean perUser) {
        if (victim.revoke(now) == 0) {
            return; // revoked meanwhile by someone else, who retires it
        }
        retire(victim);
        if (!perUser) {
            warnFull(now);
        }
        ChatSession session;
        synchronized (victim) {
            session = victim.session();
        }
        try {
            evictionListener.evicted(session, perUser);
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
                    count, dev.chatsdk.jakarta.ChatSdkConfig.Keys.MEMORY_MAX_SESSIONS));
        }
    }

    /**
     * Takes a session that was just revoked out of the count: from the live map, its user's chain and the LRU
     * list, into the tombstones (forgetting the oldest past their bound). Only the caller whose
     * {@link Entry#revoke} returned 1 calls this, once.
     */
    private void retire(Entry entry) {
        // a tombstone before it leaves the live map: a concurrent rotation must find it in one or the other (and
        // answer REVOKED), never in neither (UNKNOWN)
        tombstones.put(entry, entry);
        sessions.remove(entry, entry);
        newestOfUser.computeIfPresent(entry.user.id(), (user, chain) -> unchain(chain, entry));
        synchronized (lists) {
            if (entry.usedAt >= 0) {
                unlinkUsed(entry);
            }
            entry.usedAt = TOMBSTONE;
            entry.older = newestTombstone;
            if (newestTombstone != null) {
                newestTombstone.newer = entry;
            }
            newestTombstone = entry;
            if (oldestTombstone == null) {
                oldestTombstone = entry;
            }
            tombstoneCount++;
            while (tombstoneCount > maxTombstones) {
                unlinkTombstone(oldestTombstone);
            }
        }
    }

    /** Moves a live session to the newest end of the LRU list (no-op once it left the list). */
    private void touch(Entry entry, Instant now) {
        synchronized (lists) {
            if (entry.usedAt < 0) {
                return;
            }
            entry.usedAt = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now.toEpochMilli() - entry.createdAt) / 1000));
            if (entry != newest) {
                unlink(entry);
                linkNewest(entry);
            }
        }
    }

    /** Guarded by {@link #lists}. */
    private void linkNewest(Entry entry) {
        entry.newer = null;
        entry.older = newest;
        if (newest != null) {
            newest.newer = entry;
        }
        newest = entry;
        if (oldest == null) {
            oldest = entry;
        }
    }

    /** Guarded by {@link #lists}: takes a session out of the LRU list. */
    private void unlinkUsed(Entry entry) {
        unlink(entry);
        entry.usedAt = UNLINKED;
    }

    /** Guarded by {@link #lists}. */
    private void unlink(Entry entry) {
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        } else {
            newest = entry.older;
        }
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        } else {
            oldest = entry.newer;
        }
        entry.newer = null;
        entry.older = null;
    }

    /** Guarded by {@link #lists}: forgets a tombstone. */
    private void unlinkTombstone(Entry entry) {
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        } else {
            newestTombstone = entry.older;
        }
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        } else {
            oldestTombstone = entry.newer;
        }
        entry.newer = null;
        entry.older = null;
        entry.usedAt = UNLINKED;
        tombstoneCount--;
        tombstones.remove(entry, entry);
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        Key key = Key.of(sessionId);
        Entry entry = sessions.get(key);
        if (entry == null) {
            entry = tombstones.get(key);
            if (entry == null) {
                return new Rotation(Rotation.Outcome.UNKNOWN, null);
            }
        }
        Fingerprint presented = Fingerprint.of(presentedHash);
        Rotation.Outcome outcome;
        ChatSession session;
        synchronized (entry) {
            long state = entry.state(presented);
            session = entry.session();
            outcome = RotationRule.decide(session, state != ABSENT,
                    state == ABSENT || state == CURRENT ? null : Instant.ofEpochMilli(state), now, grace);
            switch (outcome) {
                case ROTATED:
                    entry.forgetSpent(now, grace);
                    entry.spend(presented, now.toEpochMilli(), !grace.isZero());
                    // one branch goes on: the siblings retries minted are spent now, so after the grace they are reuse
                    entry.retireCurrent(now.toEpochMilli(), !grace.isZero());
                    entry.addCurrent(Fingerprint.of(nextHash));
                    break;
                case RETRIED:
                    entry.addCurrent(Fingerprint.of(nextHash));
                    break;
                case REUSED:
                    entry.revoke(now.toEpochMilli());
                    session = entry.session();
                    break;
                default:
                    break;
            }
        }
        if (outcome == Rotation.Outcome.ROTATED || outcome == Rotation.Outcome.RETRIED) {
            touch(entry, now);
        } else if (outcome == Rotation.Outcome.REUSED) {
            retire(entry);
        }
        return new Rotation(outcome, session);
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
            Entry entry = sessions.get(Key.of(sessionId));
            if (entry == null || entry.revoke(now.toEpochMilli()) == 0) {
                return 0;
            }
            retire(entry);
            return 1;
        }
        java.util.List<Entry> revoked = new java.util.ArrayList<>();
        newestOfUser.computeIfPresent(userId, (user, chain) -> {
            for (Entry e = chain; e != null; e = e.nextOfUser) {
                if (e.revoke(now.toEpochMilli()) == 1) {
                    revoked.add(e);
                }
            }
            return chain;
        });
        for (Entry e : revoked) {
            retire(e);
        }
        return revoked.size();
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        Key key = Key.of(sessionId);
        Entry entry = sessions.get(key);
        if (entry == null) {
            entry = tombstones.get(key);
            if (entry == null) {
                return Optional.empty();
            }
        }
        synchronized (entry) {
            return Optional.of(entry.session());
        }
    }

    /** @return how many live sessions the store holds now (revoked ones not counted) */
    public int size() {
        return sessions.size();
    }

    /** @return how many revoked sessions the store still remembers */
    public int tombstones() {
        return tombstones.size();
    }

    /** Drops the sessions and tombstones past their end: from the maps, their user's chain and the lists. */
    private void sweep(long now) {
        sessions.values().removeIf(entry -> {
            if (now < entry.expiresAt) {
                return false;
            }
            newestOfUser.computeIfPresent(entry.user.id(), (user, chain) -> unchain(chain, entry));
            synchronized (lists) {
                if (entry.usedAt >= 0) {
                    unlinkUsed(entry);
                }
            }
            return true;
        });
        synchronized (lists) {
            for (Entry e = oldestTombstone; e != null; ) {
                Entry newer = e.newer;
                if (now >= e.expiresAt) {
                    unlinkTombstone(e);
                }
                e = newer;
            }
        }
    }

    @Override
    public String toString() {
        return "InMemorySessionStore[" + sessions.size() + "/" + maxSessions + " sessions, " + maxPerUser
                + " per user]";
    }

    /**
     * A session id as a map key: a canonical UUID as its two halves, any other id as itself.
     * {@link Entry} extends it, so that a session is its own key.
     */
    static class Key {
        final long high;
        final long low;
        /** The id when it is not a canonical lower-case UUID, else {@code null}. */
        final String other;

        Key(long high, long low, String other) {
            this.high = high;
            this.low = low;
            this.other = other;
        }

        static Key of(String id) {
            if (id.length() == 36) {
                try {
                    UUID uuid = UUID.fromString(id);
                    if (uuid.toString().equals(id)) {
                        return new Key(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), null);
                    }
                } catch (IllegalArgumentException notUuid) {
                    // kept as text below
                }
            }
            return new Key(0, 0, id);
        }

        final String id() {
            return other != null ? other : new UUID(high, low).toString();
        }

        @Override
        public final boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return high == k.high && low == k.low && Objects.equals(other, k.other);
        }

        @Override
        public final int hashCode() {
            return other != null ? other.hashCode() : Long.hashCode(high ^ low);
        }
    }

    /** One session, the key it is filed under, and its refresh tokens. Guarded by its own monitor. */
    private static final class Entry extends Key {
        final ChatUser user;
        final long createdAt;
        final long expiresAt;
        long revokedAt = NOT_REVOKED;
        /** The next-older session of the same user; read and written only inside {@code newestOfUser.compute}. */
        Entry nextOfUser;
        /** On the newest session of a user only: how many sessions its chain holds; like {@link #nextOfUser}. */
        int chainLength;
        /** Neighbours in the LRU list or the tombstone list; guarded by the store's {@code lists}. */
        Entry newer;
        Entry older;
        /**
         * Seconds after {@link #createdAt} of the last start or refresh while in the LRU list; {@link #TOMBSTONE}
         * {@link #UNLINKED} or {@link #NEW} otherwise. Written under the store's {@code lists}; read without it for
         * estimates.
         */
        volatile int usedAt = NEW;
        /** One current token inline ({@code 0, 0}: none). */
        long tokenHigh;
        long tokenLow;
        /** Further tokens as (high, low, state) triples, or {@code null}: siblings and spent ones within the grace. */
        long[] more;

        Entry(Key key, ChatSession session) {
            super(key.high, key.low, key.other);
            this.user = session.user();
            this.createdAt = session.createdAt().toEpochMilli();
            this.expiresAt = session.expiresAt().toEpochMilli();
            session.revokedAt().ifPresent(at -> revokedAt = at.toEpochMilli());
        }

        ChatSession session() {
            return new ChatSession(id(), user, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(expiresAt),
                    revokedAt == NOT_REVOKED ? null : Instant.ofEpochMilli(revokedAt));
        }

        /** @return 1 when this call revoked the session (its tokens are then forgotten), 0 when it was revoked before */
        synchronized int revoke(long at) {
            if (revokedAt != NOT_REVOKED) {
                return 0;
            }
            revokedAt = at;
            tokenHigh = 0;
            tokenLow = 0;
            more = null;
            return 1;
        }

        /** @return {@link #CURRENT}, {@link #ABSENT} or when the token was spent */
        long state(Fingerprint token) {
            if (token.high == tokenHigh && token.low == tokenLow) {
                return CURRENT;
            }
            int i = indexOf(token);
            return i < 0 ? ABSENT : more[i + 2];
        }

        void addCurrent(Fingerprint token) {
            if (tokenHigh == 0 && tokenLow == 0) {
                tokenHigh = token.high;
                tokenLow = token.low;
            } else {
                append(token.high, token.low, CURRENT);
            }
        }

        /** Marks a current token spent at {@code at}, or forgets it when no grace will ask about it. */
        void spend(Fingerprint token, long at, boolean keep) {
            if (token.high == tokenHigh && token.low == tokenLow) {
                tokenHigh = 0;
                tokenLow = 0;
                if (keep) {
                    append(token.high, token.low, at);
                }
                return;
            }
            int i = indexOf(token);
            if (keep) {
                more[i + 2] = at;
            } else {
                removeAt(i);
            }
        }

        /** Marks every current token spent at {@code at} (or forgets them when no grace will ask about them). */
        void retireCurrent(long at, boolean keep) {
            if (tokenHigh != 0 || tokenLow != 0) {
                if (keep) {
                    append(tokenHigh, tokenLow, at);
                }
                tokenHigh = 0;
                tokenLow = 0;
            }
            for (int i = more == null ? -3 : more.length - 3; i >= 0; i -= 3) {
                if (more[i + 2] == CURRENT) {
                    if (keep) {
                        more[i + 2] = at;
                    } else {
                        removeAt(i);
                    }
                }
            }
        }

        /** Forgets the spent tokens whose grace has passed: presented again, they count as never issued (reuse). */
        void forgetSpent(Instant now, Duration grace) {
            for (int i = more == null ? -3 : more.length - 3; i >= 0; i -= 3) {
                if (more[i + 2] != CURRENT && !RotationRule.withinGrace(Instant.ofEpochMilli(more[i + 2]), now, grace)) {
                    removeAt(i);
                }
            }
        }

        private int indexOf(Fingerprint token) {
            if (more != null) {
                for (int i = 0; i < more.length; i += 3) {
                    if (more[i] == token.high && more[i + 1] == token.low) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private void append(long high, long low, long state) {
            int at = more == null ? 0 : more.length;
            more = more == null ? new long[3] : Arrays.copyOf(more, at + 3);
            more[at] = high;
            more[at + 1] = low;
            more[at + 2] = state;
        }

        private void removeAt(int i) {
            if (more.length == 3) {
                more = null;
                return;
            }
            long[] rest = new long[more.length - 3];
            System.arraycopy(more, 0, rest, 0, i);
            System.arraycopy(more, i + 3, rest, i, more.length - i - 3);
            more = rest;
        }
    }

    /**
     * The first 128 bits of a token's {@code jti} hash (SHA-256, hex), never both zero: what tells one
     * refresh token of a session from another. A value that is not such a hash is hashed first.
     */
    private static final class Fingerprint {
        final long high;
        final long low;

        private Fingerprint(long high, long low) {
            this.high = high;
            this.low = low | 1;
        }

        static Fingerprint of(String jtiHash) {
            String hex = jtiHash.length() >= 32 && isHex(jtiHash) ? jtiHash : Sha256.hex(jtiHash);
            return new Fingerprint(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
        }

        private static boolean isHex(String s) {
            for (int i = 0; i < 32; i++) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
