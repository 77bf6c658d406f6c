package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.token.Sha256;

/**
 * Sessions in this JVM's memory: one node, lost on restart. Bounded to a number of sessions; every
 * operation but a user-wide revocation is O(1) and locks at most one session; sessions past their end
 * are swept at most once a minute, and at most once a second while the store is full.
 *
 * <p>Built to hold a million sessions in a few hundred megabytes: a session is one object that is its own
 * map key (a UUID session id kept as two {@code long}s), times are epoch milliseconds (the precision of
 * the JDBC store), refresh tokens are the first 128 bits of their {@code jti} hash, the current one kept
 * inline and spent ones or siblings in a small array only while the rotation grace needs them, and the
 * sessions of a user are chained through the sessions themselves. See {@code docs/PERFORMANCE.md}.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Token state: current (not spent). */
    private static final long CURRENT = Long.MIN_VALUE;
    /** Token state: this session never issued it, or has forgotten it. */
    private static final long ABSENT = Long.MAX_VALUE;
    /** Revocation time of a session that is not revoked. */
    private static final long NOT_REVOKED = Long.MIN_VALUE;

    private final int maxSessions;
    private final ConcurrentHashMap<Key, Entry> sessions = new ConcurrentHashMap<>();
    /** The newest session of each user; the others hang off {@link Entry#nextOfUser}, changed only in compute(). */
    private final ConcurrentHashMap<String, Entry> newestOfUser = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextSweepWhenFull = new AtomicLong(Long.MIN_VALUE);

    public InMemorySessionStore(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        long now = session.createdAt().toEpochMilli();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            sweep(now);
        } else if (sessions.size() >= maxSessions) {
            // full: sweep now, but at most once a second, or every refused login would scan the whole store
            long dueWhenFull = nextSweepWhenFull.get();
            if (now >= dueWhenFull && nextSweepWhenFull.compareAndSet(dueWhenFull, now + 1000)) {
                sweep(now);
            }
        }
        if (sessions.size() >= maxSessions) {
            throw new ChatSdkException(ErrorCode.STORE_UNAVAILABLE, String.format("The in-memory session store is "
                    + "full (%d sessions); try again later.", maxSessions));
        }
        Entry entry = new Entry(Key.of(session.id()), session);
        entry.addCurrent(Fingerprint.of(firstJtiHash));
        newestOfUser.compute(session.user().id(), (user, newest) -> {
            entry.nextOfUser = newest;
            sessions.put(entry, entry);
            return entry;
        });
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        Entry entry = sessions.get(Key.of(sessionId));
        if (entry == null) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        Fingerprint presented = Fingerprint.of(presentedHash);
        synchronized (entry) {
            long state = entry.state(presented);
            ChatSession session = entry.session();
            Rotation.Outcome outcome = RotationRule.decide(session, state != ABSENT,
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
                    entry.revokedAt = now.toEpochMilli();
                    session = entry.session();
                    break;
                default:
                    break;
            }
            return new Rotation(outcome, session);
        }
    }

    @Override
    public int revoke(String sessionId, String userId, Instant now) {
        if (sessionId != null) {
            Entry entry = sessions.get(Key.of(sessionId));
            return entry == null ? 0 : entry.revoke(now.toEpochMilli());
        }
        int[] revoked = {0};
        newestOfUser.computeIfPresent(userId, (user, newest) -> {
            for (Entry e = newest; e != null; e = e.nextOfUser) {
                revoked[0] += e.revoke(now.toEpochMilli());
            }
            return newest;
        });
        return revoked[0];
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        Entry entry = sessions.get(Key.of(sessionId));
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(entry.session());
        }
    }

    /** @return how many sessions the store holds now */
    public int size() {
        return sessions.size();
    }

    /** Drops the sessions past their end: from the map, then from their user's chain. */
    private void sweep(long now) {
        sessions.values().removeIf(entry -> {
            if (now < entry.expiresAt) {
                return false;
            }
            newestOfUser.computeIfPresent(entry.user.id(), (user, newest) -> {
                Entry head = newest;
                Entry previous = null;
                for (Entry e = newest; e != null; e = e.nextOfUser) {
                    if (e == entry) {
                        if (previous == null) {
                            head = e.nextOfUser;
                        } else {
                            previous.nextOfUser = e.nextOfUser;
                        }
                        break;
                    }
                    previous = e;
                }
                return head;
            });
            return true;
        });
    }

    @Override
    public String toString() {
        return "InMemorySessionStore[" + sessions.size() + "/" + maxSessions + " sessions]";
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

        synchronized int revoke(long at) {
            if (revokedAt != NOT_REVOKED) {
                return 0;
            }
            revokedAt = at;
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
