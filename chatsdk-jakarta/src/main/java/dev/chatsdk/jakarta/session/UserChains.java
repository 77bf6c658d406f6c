package dev.chatsdk.jakarta.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sessions of each user in the memory store, chained newest first through the sessions themselves
 * ({@link SessionEntry#nextOfUser}, changed only inside {@code compute} of the user's key), with the chain's length on
 * its head; finds the user's least recently used session when the user reaches {@code maxPerUser}. Thread-safe.
 */
final class UserChains {
    /** The newest session of each user; the others hang off {@link SessionEntry#nextOfUser}. */
    private final ConcurrentHashMap<String, SessionEntry> newestOfUser = new ConcurrentHashMap<>();
    private final int maxPerUser;

    UserChains(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /**
     * Chains a new session as its user's newest, taking out the user's least recently used one when the user is at
     * the cap.
     *
     * @param whileChained run while the user's chain is locked (the live map takes the session then)
     * @return the session that went over the user's cap (to evict), or {@code null}
     */
    SessionEntry add(SessionEntry entry, Consumer<SessionEntry> whileChained) {
        SessionEntry[] overUserLimit = {null};
        newestOfUser.compute(entry.user.id(), (user, newestOfTheUser) -> {
            // the chain's length, kept on its head, spares the walk until the user reaches the cap: a user far below
            // it (or a cap set far above the default) costs O(1) per login
            int length = newestOfTheUser == null ? 0 : newestOfTheUser.chainLength;
            overUserLimit[0] = length < maxPerUser ? null : leastRecentlyUsedOver(newestOfTheUser, maxPerUser - 1);
            entry.nextOfUser = overUserLimit[0] == null ? newestOfTheUser : unchain(newestOfTheUser, overUserLimit[0]);
            entry.chainLength = entry.nextOfUser == null ? 1 : entry.nextOfUser.chainLength + 1;
            whileChained.accept(entry);
            return entry;
        });
        return overUserLimit[0];
    }

    /** Takes a session out of its user's chain. */
    void remove(SessionEntry entry) {
        newestOfUser.computeIfPresent(entry.user.id(), (user, chain) -> unchain(chain, entry));
    }

    /** @return the sessions of the user that this call revoked (each to be retired by the caller) */
    List<SessionEntry> revokeAll(String userId, long at) {
        List<SessionEntry> revoked = new ArrayList<>();
        newestOfUser.computeIfPresent(userId, (user, chain) -> {
            for (SessionEntry e = chain; e != null; e = e.nextOfUser) {
                if (e.revoke(at) == 1) {
                    revoked.add(e);
                }
            }
            return chain;
        });
        return revoked;
    }

    /**
     * @return the least recently used session of a user's chain when the chain holds more than {@code keep} sessions
     *         that are in the LRU list, else {@code null} (called inside {@code newestOfUser.compute})
     */
    private static SessionEntry leastRecentlyUsedOver(SessionEntry chain, int keep) {
        int live = 0;
        SessionEntry lru = null;
        long lruUsed = Long.MAX_VALUE;
        for (SessionEntry e = chain; e != null; e = e.nextOfUser) {
            int used = e.usedAt;
            if (used >= 0) {
                live++;
                // usedAt counts tenths of a second from the session's own start: it was used at its start plus that
                long usedAt = e.createdAt + used * 100L;
                // the chain runs newest first: on a tie the older session goes
                if (usedAt <= lruUsed) {
                    lru = e;
                    lruUsed = usedAt;
                }
            }
        }
        return live > keep ? lru : null;
    }

    /** @return the chain without {@code gone} (called inside {@code newestOfUser.compute}) */
    private static SessionEntry unchain(SessionEntry chain, SessionEntry gone) {
        SessionEntry previous = null;
        for (SessionEntry e = chain; e != null; e = e.nextOfUser) {
            if (e == gone) {
                if (previous == null) {
                    SessionEntry head = e.nextOfUser;
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
}
