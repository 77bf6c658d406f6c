package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation.Outcome;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.testsupport.LogCapture;

class InMemorySessionStoreTest extends SessionStoreContract {
    private final InMemorySessionStore store = new InMemorySessionStore(1000);

    @Override
    protected SessionStore store() {
        return store;
    }

    /** Who was evicted, and why: {@code true} for the per-user limit. */
    private static final class Evictions implements SessionStore.EvictionListener {
        final List<String> sessions = new CopyOnWriteArrayList<>();
        final List<Boolean> perUser = new CopyOnWriteArrayList<>();

        @Override
        public void evicted(ChatSession session, boolean limitOfUser) {
            assertThat(session.revokedAt()).isPresent();
            sessions.add(session.id());
            perUser.add(limitOfUser);
        }
    }

    @Test
    void admitsANewSessionWhenFullByEvictingTheLeastRecentlyUsedOne() {
        InMemorySessionStore small = new InMemorySessionStore(3, 50);
        Evictions evictions = new Evictions();
        small.onEviction(evictions);
        String[] first = {hash(), hash(), hash()};
        ChatSession a = create(small, "u", T0, first[0]);
        ChatSession b = create(small, "u", T0.plusSeconds(1), first[1]);
        ChatSession c = create(small, "u", T0.plusSeconds(2), first[2]);
        // a refresh makes a the most recently used: b is now the least
        assertThat(small.rotate(a.id(), first[0], hash(), T0.plusSeconds(10), GRACE).outcome()).isEqualTo(Outcome.ROTATED);

        ChatSession d = create(small, "v", T0.plusSeconds(20), hash());

        assertThat(small.size()).isEqualTo(3);
        assertThat(evictions.sessions).containsExactly(b.id());
        assertThat(evictions.perUser).containsExactly(false);
        assertThat(small.find(b.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(20));
        assertThat(small.rotate(b.id(), first[1], hash(), T0.plusSeconds(21), GRACE).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(small.rotate(c.id(), first[2], hash(), T0.plusSeconds(21), GRACE).outcome()).isEqualTo(Outcome.ROTATED);
        assertThat(small.find(d.id()).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void evictsTheUsersLeastRecentlyUsedSessionAtTheLimitPerUser() {
        InMemorySessionStore store = new InMemorySessionStore(1000, 2);
        Evictions evictions = new Evictions();
        store.onEviction(evictions);
        String firstOfA = hash();
        ChatSession a = create(store, "u", T0, firstOfA);
        ChatSession b = create(store, "u", T0.plusSeconds(1), hash());
        ChatSession other = create(store, "v", T0.plusSeconds(2), hash());
        store.rotate(a.id(), firstOfA, hash(), T0.plusSeconds(5), GRACE);

        ChatSession c = create(store, "u", T0.plusSeconds(6), hash());

        assertThat(evictions.sessions).containsExactly(b.id());
        assertThat(evictions.perUser).containsExactly(true);
        assertThat(store.size()).isEqualTo(3);
        assertThat(List.of(a, c, other)).allMatch(s -> store.find(s.id()).orElseThrow().revokedAt().isEmpty());
        assertThat(store.revokeUser("u", T0.plusSeconds(7))).isEqualTo(2);
    }

    /**
     * Sessions started at different times: which was used least recently is told by when, not by how long after its
     * own start (found by the attack review of issue 19: a user whose older sessions had been refreshed a while after
     * they started had every new login evicted at the next one).
     */
    @Test
    void measuresLeastRecentUseByTheClockNotBySessionAge() {
        InMemorySessionStore store = new InMemorySessionStore(1000, 3);
        Evictions evictions = new Evictions();
        store.onEviction(evictions);
        String firstOfA = hash();
        String firstOfB = hash();
        String firstOfC = hash();
        ChatSession a = create(store, "u", T0, firstOfA);
        store.rotate(a.id(), firstOfA, hash(), T0.plusSeconds(5), GRACE);
        ChatSession b = create(store, "u", T0.plusSeconds(10), firstOfB);
        store.rotate(b.id(), firstOfB, hash(), T0.plusSeconds(20), GRACE);
        ChatSession c = create(store, "u", T0.plusSeconds(30), firstOfC);
        store.rotate(c.id(), firstOfC, hash(), T0.plusSeconds(31), GRACE);

        ChatSession d = create(store, "u", T0.plusSeconds(40), hash());
        ChatSession e = create(store, "u", T0.plusSeconds(50), hash());

        // last used at 5 s (a), 20 s (b), 31 s (c), 40 s (d): a goes first, then b; the newest logins stay
        assertThat(evictions.sessions).containsExactly(a.id(), b.id());
        assertThat(List.of(c, d, e)).allMatch(s -> store.find(s.id()).orElseThrow().revokedAt().isEmpty());
    }

    /** Within a second: the session refreshed after another one started is the more recently used. */
    @Test
    void tellsUsesApartWithinASecond() {
        InMemorySessionStore store = new InMemorySessionStore(1000, 2);
        Evictions evictions = new Evictions();
        store.onEviction(evictions);
        String firstOfA = hash();
        ChatSession a = create(store, "u", T0, firstOfA);
        ChatSession b = create(store, "u", T0.plusMillis(200), hash());
        store.rotate(a.id(), firstOfA, hash(), T0.plusMillis(500), GRACE);

        ChatSession c = create(store, "u", T0.plusMillis(600), hash());

        assertThat(evictions.sessions).containsExactly(b.id());
        assertThat(List.of(a, c)).allMatch(s -> store.find(s.id()).orElseThrow().revokedAt().isEmpty());
    }

    @Test
    void freesThePlaceOfARevokedSessionAtOnceAndStillAnswersRevokedForIt() {
        InMemorySessionStore small = new InMemorySessionStore(2, 50);
        Evictions evictions = new Evictions();
        small.onEviction(evictions);
        String first = hash();
        ChatSession loggedOut = create(small, "u", T0, first);
        ChatSession kept = create(small, "u", T0, hash());
        ChatSession reused = create(small, "w", T0, hash());
        evictions.sessions.clear();

        assertThat(small.revokeSession(loggedOut.id(), T0.plusSeconds(1))).isFalse(); // evicted already
        assertThat(small.revokeSession(kept.id(), T0.plusSeconds(1))).isTrue();
        assertThat(small.rotate(reused.id(), hash(), hash(), T0.plusSeconds(1), GRACE).outcome()).isEqualTo(Outcome.REUSED);
        assertThat(small.size()).isZero();
        create(small, "x", T0.plusSeconds(2), hash());
        create(small, "y", T0.plusSeconds(2), hash());

        assertThat(evictions.sessions).isEmpty();
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.rotate(kept.id(), first, hash(), T0.plusSeconds(3), GRACE).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(small.find(reused.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void forgetsTheOldestTombstonesPastTheirBoundThenAnswersUnknown() {
        InMemorySessionStore store = new InMemorySessionStore(10, 50);
        List<ChatSession> revoked = new ArrayList<>();
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            String first = hash();
            ChatSession s = create(store, "u" + i, T0, first);
            store.revokeSession(s.id(), T0.plusSeconds(1));
            revoked.add(s);
            firsts.add(first);
        }

        assertThat(store.tombstones()).isEqualTo(1000);
        assertThat(store.size()).isZero();
        assertThat(store.rotate(revoked.get(0).id(), firsts.get(0), hash(), T0.plusSeconds(2), GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store.rotate(revoked.get(1).id(), firsts.get(1), hash(), T0.plusSeconds(2), GRACE).outcome())
                .isEqualTo(Outcome.REVOKED);
    }

    @Test
    void makesRoomBySweepingEndedSessionsAndTombstones() {
        InMemorySessionStore small = new InMemorySessionStore(2, 50);
        Evictions evictions = new Evictions();
        small.onEviction(evictions);
        create(small, "u", T0, hash());
        ChatSession gone = create(small, "u", T0, hash());
        small.revokeSession(gone.id(), T0);

        create(small, "u", T0.plus(Duration.ofDays(31)), hash());

        assertThat(small.size()).isEqualTo(1);
        assertThat(small.tombstones()).isZero();
        assertThat(evictions.sessions).isEmpty();
    }

    @Test
    void warnsOnceAMinuteWhileFullWithoutNamingUsersOrTokens() {
        InMemorySessionStore small = new InMemorySessionStore(1, 50);
        List<LogRecord> warnings;
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta.session")) {
            for (int i = 0; i < 5; i++) {
                create(small, "secret-user-" + i, T0.plusSeconds(i), hash());
            }
            create(small, "secret-user-late", T0.plus(Duration.ofSeconds(70)), hash());
            warnings = capture.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
        }

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).getMessage()).startsWith("CHATSDK-310: the in-memory session store is full (1 sessions): "
                + "1 least recently used session(s) evicted").contains("chatsdk.session.memory.max-sessions")
                .doesNotContain("secret-user");
        assertThat(warnings.get(1).getMessage()).contains(": 4 least recently used session(s) evicted")
                .doesNotContain("secret-user");
    }

    @Test
    void staysConsistentUnderConcurrentLoginsRefreshesAndLogouts() throws Exception {
        InMemorySessionStore small = new InMemorySessionStore(50, 5);
        Evictions evictions = new Evictions();
        small.onEviction(evictions);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        concurrently(16, () -> {
            for (int i = 0; i < 500; i++) {
                int k = n.incrementAndGet();
                String first = hash();
                ChatSession s = create(small, "u" + (k % 20), T0.plusSeconds(k), first);
                if (k % 3 == 0) {
                    small.rotate(s.id(), first, hash(), T0.plusSeconds(k + 1), GRACE);
                } else if (k % 3 == 1) {
                    small.revokeSession(s.id(), T0.plusSeconds(k + 1));
                }
            }
            return null;
        });

        int before = small.size();
        assertThat(before).isBetween(1, 50);
        int live = 0;
        for (int u = 0; u < 20; u++) {
            live += small.revokeUser("u" + u, T0.plus(Duration.ofDays(1)));
        }
        // every live session is still reachable through its user: the chains and the map agree
        assertThat(live).isEqualTo(before);
        assertThat(small.size()).isZero();
        assertThat(evictions.sessions).doesNotHaveDuplicates();
    }

    private static ChatSession create(InMemorySessionStore store, String user, Instant at, String first) {
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ChatUser.of(user), at,
                at.plus(Duration.ofDays(30)), null);
        store.create(session, first);
        return session;
    }
}
