package dev.chatsdk.jakarta.session;

import static dev.chatsdk.jakarta.session.SessionEntry.NEW;
import static dev.chatsdk.jakarta.session.SessionEntry.TOMBSTONE;
import static dev.chatsdk.jakarta.session.SessionEntry.UNLINKED;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory store's two lists, linked through the sessions themselves ({@link SessionEntry#newer},
 * {@link SessionEntry#older}) under this object's monitor, held for a few pointer moves: the exact LRU list of live
 * sessions, and the tombstones (revoked sessions still remembered, at most {@code maxTombstones}, oldest forgotten
 * first) with their map. Thread-safe.
 */
final class LruLists {
    private final int maxTombstones;
    /** Revoked sessions still remembered: outside the count of live sessions. */
    private final ConcurrentHashMap<SessionKey, SessionEntry> tombstones = new ConcurrentHashMap<>();
    private SessionEntry newest;
    private SessionEntry oldest;
    private SessionEntry newestTombstone;
    private SessionEntry oldestTombstone;
    private int tombstoneCount;

    LruLists(int maxTombstones) {
        this.maxTombstones = maxTombstones;
    }

    /** Puts a new session at the newest end, unless a revocation got there first. */
    synchronized void admit(SessionEntry entry) {
        if (entry.usedAt == NEW) { // else revoked already (a user-wide revocation got there first)
            entry.usedAt = 0;
            linkNewest(entry);
        }
    }

    /** @return the least recently used session, taken out of the list, or {@code null} when it is {@code keep} or none */
    synchronized SessionEntry takeOldestBut(SessionEntry keep) {
        SessionEntry victim = oldest;
        if (victim == null || victim == keep) {
            return null;
        }
        unlinkUsed(victim);
        return victim;
    }

    /** Moves a live session to the newest end of the LRU list (no-op once it left the list). */
    synchronized void touch(SessionEntry entry, Instant now) {
        if (entry.usedAt < 0) {
            return;
        }
        entry.usedAt = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now.toEpochMilli() - entry.createdAt) / 100));
        if (entry != newest) {
            unlink(entry);
            linkNewest(entry);
        }
    }

    /** Takes a session out of the LRU list, if it is in it (a session past its end). */
    synchronized void drop(SessionEntry entry) {
        if (entry.usedAt >= 0) {
            unlinkUsed(entry);
        }
    }

    /** First step of retiring a revoked session: findable as a tombstone before it leaves the live map. */
    void remember(SessionEntry entry) {
        tombstones.put(entry, entry);
    }

    /** Last step of retiring: from the LRU list into the tombstone list, forgetting the oldest past the bound. */
    synchronized void bury(SessionEntry entry) {
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

    /** @return the tombstone of that id, or {@code null} */
    SessionEntry tombstone(SessionKey key) {
        return tombstones.get(key);
    }

    int tombstones() {
        return tombstones.size();
    }

    /** Forgets the tombstones past their end. */
    synchronized void sweepTombstones(long now) {
        for (SessionEntry e = oldestTombstone; e != null; ) {
            SessionEntry newer = e.newer;
            if (now >= e.expiresAt) {
                unlinkTombstone(e);
            }
            e = newer;
        }
    }

    private void linkNewest(SessionEntry entry) {
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

    private void unlinkUsed(SessionEntry entry) {
        unlink(entry);
        entry.usedAt = UNLINKED;
    }

    private void unlink(SessionEntry entry) {
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

    private void unlinkTombstone(SessionEntry entry) {
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
}
