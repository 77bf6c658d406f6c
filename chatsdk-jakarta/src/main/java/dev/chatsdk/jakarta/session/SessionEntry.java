package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;

/**
 * One session of the memory store, the key it is filed under, and its refresh tokens: one current token inline,
 * siblings and spent ones in a small array only while the rotation grace needs them. Guarded by its own monitor;
 * the list and chain links are guarded as their fields say.
 */
final class SessionEntry extends SessionKey {
    /** Token state: current (not spent). */
    static final long CURRENT = Long.MIN_VALUE;
    /** Token state: this session never issued it, or has forgotten it. */
    static final long ABSENT = Long.MAX_VALUE;
    /** Revocation time of a session that is not revoked. */
    static final long NOT_REVOKED = Long.MIN_VALUE;
    /** {@link #usedAt} of a revoked session in the tombstone list. */
    static final int TOMBSTONE = -1;
    /** {@link #usedAt} of a session in neither list (being evicted, swept or forgotten). */
    static final int UNLINKED = -2;
    /** {@link #usedAt} of a session being created, not yet in the LRU list. */
    static final int NEW = -3;

    final ChatUser user;
    final long createdAt;
    final long expiresAt;
    long revokedAt = NOT_REVOKED;
    /** The next-older session of the same user; read and written only inside {@code newestOfUser.compute}. */
    SessionEntry nextOfUser;
    /** On the newest session of a user only: how many sessions its chain holds; like {@link #nextOfUser}. */
    int chainLength;
    /** Neighbours in the LRU list or the tombstone list; guarded by the {@link LruLists}. */
    SessionEntry newer;
    SessionEntry older;
    /**
     * Tenths of a second after {@link #createdAt} of the last start or refresh while in the LRU list (an int spans
     * 6.8 years of them, longer than any session lives); {@link #TOMBSTONE}
     * {@link #UNLINKED} or {@link #NEW} otherwise. Written under the {@link LruLists}; read without it for
     * estimates.
     */
    volatile int usedAt = NEW;
    /** One current token inline ({@code 0, 0}: none). */
    long tokenHigh;
    long tokenLow;
    /** Further tokens as (high, low, state) triples, or {@code null}: siblings and spent ones within the grace. */
    long[] more;

    SessionEntry(SessionKey key, ChatSession session) {
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

    /**
     * Applies the rotation rule to a presented token, under this session's monitor: a rotation spends it (and its
     * siblings) and adds the next, a retry adds a sibling, reuse revokes the session.
     *
     * @return the outcome, with the session as it is afterwards
     */
    Rotation rotate(TokenFingerprint presented, TokenFingerprint next, Instant now, Duration grace) {
        synchronized (this) {
            long state = state(presented);
            ChatSession session = session();
            Rotation.Outcome outcome = RotationRule.decide(session, state != ABSENT,
                    state == ABSENT || state == CURRENT ? null : Instant.ofEpochMilli(state), now, grace);
            switch (outcome) {
                case ROTATED:
                    forgetSpent(now, grace);
                    spend(presented, now.toEpochMilli(), !grace.isZero());
                    // one branch goes on: the siblings retries minted are spent now, so after the grace they are reuse
                    retireCurrent(now.toEpochMilli(), !grace.isZero());
                    addCurrent(next);
                    break;
                case RETRIED:
                    addCurrent(next);
                    break;
                case REUSED:
                    revoke(now.toEpochMilli());
                    session = session();
                    break;
                default:
                    break;
            }
            return new Rotation(outcome, session);
        }
    }

    /** @return the session as it is now, read under its monitor */
    synchronized ChatSession snapshot() {
        return session();
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
    long state(TokenFingerprint token) {
        if (token.high == tokenHigh && token.low == tokenLow) {
            return CURRENT;
        }
        int i = indexOf(token);
        return i < 0 ? ABSENT : more[i + 2];
    }

    void addCurrent(TokenFingerprint token) {
        if (tokenHigh == 0 && tokenLow == 0) {
            tokenHigh = token.high;
            tokenLow = token.low;
        } else {
            append(token.high, token.low, CURRENT);
        }
    }

    /** Marks a current token spent at {@code at}, or forgets it when no grace will ask about it. */
    void spend(TokenFingerprint token, long at, boolean keep) {
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

    private int indexOf(TokenFingerprint token) {
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
