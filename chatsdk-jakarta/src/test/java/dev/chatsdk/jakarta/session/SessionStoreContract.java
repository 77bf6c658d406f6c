package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation.Outcome;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.token.LocalTokenIssuer;

/** What every {@link SessionStore} must do; a subclass supplies a fresh, empty store. */
abstract class SessionStoreContract {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(30);
    static final ChatUser ALICE = ChatUser.builder("alice").name("Alice Example").avatar("https://example.com/a.png")
            .email("alice@example.com").custom(Map.of("role", "admin", "teams", List.of("a", "b"), "n", 3)).build();

    protected abstract SessionStore store();

    static String hash() {
        return LocalTokenIssuer.jtiHash(UUID.randomUUID().toString());
    }

    ChatSession start(String first) {
        return start(ALICE, first);
    }

    ChatSession start(ChatUser user, String first) {
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), user, T0, T0.plus(Duration.ofDays(30)), null);
        store().create(session, first);
        return session;
    }

    private Outcome rotate(ChatSession s, String presented, String next, Duration after, Duration grace) {
        return store().rotate(s.id(), presented, next, T0.plus(after), grace).outcome();
    }

    @Test
    void keepsTheSessionWithItsProfile() {
        ChatSession session = start(hash());

        ChatSession found = store().find(session.id()).orElseThrow();
        assertThat(found.user()).isEqualTo(ALICE);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(found.revokedAt()).isEmpty();
        assertThat(store().find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void rotatesTheCurrentTokenAndThenItsSuccessor() {
        String first = hash();
        String second = hash();
        ChatSession s = start(first);

        assertThat(store().rotate(s.id(), first, second, T0.plusSeconds(60), GRACE).session().user()).isEqualTo(ALICE);
        assertThat(rotate(s, second, hash(), Duration.ofMinutes(2), GRACE)).isEqualTo(Outcome.ROTATED);
    }

    @Test
    void matchesTheTokensUserInTheRotationAndChangesNothingForAnotherUser() {
        String first = hash();
        String second = hash();
        String sibling = hash();
        ChatSession s = start(first);

        // another user's current, spent-within-the-grace and spent-long-ago token: unknown, nothing spent or revoked
        assertThat(store().rotate(s.id(), "mallory", first, hash(), T0.plusSeconds(60), GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store().rotate(s.id(), "alice", first, second, T0.plusSeconds(61), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        assertThat(store().rotate(s.id(), "mallory", first, hash(), T0.plusSeconds(62), GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store().rotate(s.id(), "mallory", first, hash(), T0.plusSeconds(600), GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        // ids a database's collation may call equal to alice's (MariaDB's default ignores case and trailing spaces),
        // on a session whose current token the row alone would rotate (nothing spent within the grace) and on this one
        String only = hash();
        ChatSession fresh = start(only);
        for (String lookAlike : new String[] {"ALICE", "Alice", "alice ", "alicé"}) {
            assertThat(store().rotate(fresh.id(), lookAlike, only, hash(), T0.plusSeconds(60), GRACE).outcome())
                    .as(lookAlike).isEqualTo(Outcome.UNKNOWN);
            assertThat(store().rotate(s.id(), lookAlike, second, hash(), T0.plusSeconds(62), GRACE).outcome())
                    .as(lookAlike).isEqualTo(Outcome.UNKNOWN);
        }
        assertThat(store().rotate(fresh.id(), "alice", only, hash(), T0.plusSeconds(61), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).isEmpty();
        // the user's own: a retry within the grace, then the sibling rotates, on every path the store has
        assertThat(store().rotate(s.id(), "alice", first, sibling, T0.plusSeconds(63), GRACE).outcome())
                .isEqualTo(Outcome.RETRIED);
        assertThat(store().rotate(s.id(), "mallory", sibling, hash(), T0.plusSeconds(64), GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store().rotate(s.id(), "alice", sibling, hash(), T0.plusSeconds(65), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        assertThat(store().rotate(UUID.randomUUID().toString(), "alice", hash(), hash(), T0.plusSeconds(66), GRACE)
                .outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void takesASpentTokenWithinTheGraceAsARetryWithAValidSibling() {
        String first = hash();
        String second = hash();
        String sibling = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);

        assertThat(rotate(s, first, sibling, Duration.ofSeconds(89), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(rotate(s, sibling, hash(), Duration.ofSeconds(95), GRACE)).isEqualTo(Outcome.ROTATED);
        // the other branch was retired by that rotation: within the grace it is still a retry
        assertThat(rotate(s, second, hash(), Duration.ofSeconds(96), GRACE)).isEqualTo(Outcome.RETRIED);
    }

    @Test
    void rotatesTheFirstBranchOfARetryWithinTheGraceAndTakesTheRetiredSiblingAsARetryThenAsReuse() {
        String first = hash();
        String second = hash();
        String sibling = hash();
        String third = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);
        assertThat(rotate(s, first, sibling, Duration.ofSeconds(65), GRACE)).isEqualTo(Outcome.RETRIED);

        assertThat(rotate(s, second, third, Duration.ofSeconds(70), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, sibling, hash(), Duration.ofSeconds(75), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(rotate(s, third, hash(), Duration.ofSeconds(80), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, sibling, hash(), Duration.ofSeconds(70).plus(GRACE), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(70).plus(GRACE));
    }

    @Test
    void letsOnlyOneBranchOfARetriedSessionGoOnAfterTheGrace() {
        String first = hash();
        String users = hash();
        String thiefs = hash();
        String usersNext = hash();
        ChatSession s = start(first);
        rotate(s, first, users, Duration.ofSeconds(60), GRACE);
        // a thief replays the stolen, spent token within the grace: he gets a sibling
        assertThat(rotate(s, first, thiefs, Duration.ofSeconds(70), GRACE)).isEqualTo(Outcome.RETRIED);

        assertThat(rotate(s, users, usersNext, Duration.ofMinutes(50), GRACE)).isEqualTo(Outcome.ROTATED);

        assertThat(rotate(s, thiefs, hash(), Duration.ofMinutes(50).plus(GRACE), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).contains(T0.plus(Duration.ofMinutes(50)).plus(GRACE));
        assertThat(rotate(s, usersNext, hash(), Duration.ofMinutes(51), GRACE)).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void catchesTheUserWhenTheThiefsBranchRotatedFirst() {
        String first = hash();
        String users = hash();
        String thiefs = hash();
        ChatSession s = start(first);
        rotate(s, first, users, Duration.ofSeconds(60), GRACE);
        rotate(s, first, thiefs, Duration.ofSeconds(61), GRACE);
        assertThat(rotate(s, thiefs, hash(), Duration.ofSeconds(62), GRACE)).isEqualTo(Outcome.ROTATED);

        assertThat(rotate(s, users, hash(), Duration.ofMinutes(50), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).isPresent();
    }

    @Test
    void takesARetiredSiblingWithinTheGraceAsARetryAndRetiresItsRetryOnTheNextRotation() {
        String first = hash();
        String second = hash();
        String sibling = hash();
        String third = hash();
        String lateRetry = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);
        rotate(s, first, sibling, Duration.ofSeconds(61), GRACE);
        rotate(s, second, third, Duration.ofSeconds(100), GRACE);

        assertThat(rotate(s, sibling, lateRetry, Duration.ofSeconds(129), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(rotate(s, third, hash(), Duration.ofSeconds(200), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, lateRetry, hash(), Duration.ofSeconds(230), GRACE)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void leavesOneOfFiftyConcurrentBranchesAliveAfterOneRotatesAndTheGracePasses() throws Exception {
        String first = hash();
        ChatSession s = start(first);
        List<String> nexts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            nexts.add(hash());
        }
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        List<Outcome> outcomes = concurrently(50, () -> rotate(s, first, nexts.get(taken.getAndIncrement()),
                Duration.ofSeconds(1), GRACE));
        assertThat(outcomes).filteredOn(o -> o == Outcome.ROTATED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == Outcome.RETRIED).hasSize(49);

        String survivor = nexts.get(17);
        String survivorNext = hash();
        assertThat(rotate(s, survivor, survivorNext, Duration.ofSeconds(10), GRACE)).isEqualTo(Outcome.ROTATED);
        // every other branch is spent now: within the grace each is a retry ...
        for (String other : nexts) {
            if (!other.equals(survivor)) {
                assertThat(store().rotate(s.id(), other, hash(), T0.plusSeconds(20), GRACE).outcome())
                        .as("branch %d within the grace", nexts.indexOf(other)).isEqualTo(Outcome.RETRIED);
            }
        }
        // ... whose siblings the survivor's next rotation retires; after the grace, any other branch is reuse
        String last = hash();
        assertThat(rotate(s, survivorNext, last, Duration.ofSeconds(60), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, last, hash(), Duration.ofSeconds(61), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, nexts.get(3), hash(), Duration.ofSeconds(91), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).isPresent();
    }

    @Test
    void takesAnyOtherOfFiftyConcurrentBranchesAsReuseAfterTheGrace() throws Exception {
        List<String> others = new ArrayList<>();
        List<ChatSession> sessions = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            String first = hash();
            ChatSession s = start(first);
            List<String> nexts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                nexts.add(hash());
            }
            java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
            concurrently(50, () -> rotate(s, first, nexts.get(taken.getAndIncrement()), Duration.ofSeconds(1), GRACE));
            assertThat(rotate(s, nexts.get(n), hash(), Duration.ofSeconds(2), GRACE)).isEqualTo(Outcome.ROTATED);
            sessions.add(s);
            others.add(nexts.get(49 - n));
        }

        for (int n = 0; n < 3; n++) {
            assertThat(rotate(sessions.get(n), others.get(n), hash(), Duration.ofSeconds(2).plus(GRACE), GRACE))
                    .isEqualTo(Outcome.REUSED);
        }
    }

    @Test
    void revokesTheWholeSessionWhenASpentTokenComesBackAfterTheGrace() {
        String first = hash();
        String second = hash();
        String third = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);
        // a rotation within the grace of the first one: the store still knows when 'first' was spent
        rotate(s, second, third, Duration.ofSeconds(70), GRACE);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(60).plus(GRACE), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(60).plus(GRACE));
        assertThat(rotate(s, third, hash(), Duration.ofSeconds(100), GRACE)).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void takesASpentTokenAsARetryUntilTheLastMillisecondOfTheGraceAndAsReuseFromItsEnd() {
        Duration ms = Duration.ofMillis(1);
        String first = hash();
        ChatSession s = start(first);
        rotate(s, first, hash(), Duration.ofSeconds(60), GRACE);
        String other = hash();
        ChatSession t = start(other);
        rotate(t, other, hash(), Duration.ofSeconds(60), GRACE);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(60).plus(GRACE).minus(ms), GRACE))
                .isEqualTo(Outcome.RETRIED);
        assertThat(rotate(s, first, hash(), Duration.ofSeconds(60).plus(GRACE), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(rotate(t, other, hash(), Duration.ofSeconds(60).plus(GRACE).plus(ms), GRACE))
                .isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(60).plus(GRACE));
        assertThat(store().find(t.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(60).plus(GRACE).plus(ms));
    }

    @Test
    void takesEverySecondUseAsReuseWithoutGrace() {
        String first = hash();
        ChatSession s = start(first);
        rotate(s, first, hash(), Duration.ofSeconds(60), Duration.ZERO);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(60), Duration.ZERO)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void takesATokenSpentByAClockAheadOfThisOneAsARetryWithAGraceAndAsReuseWithout() {
        // two nodes on one store, the second one's clock a second behind the first's
        String first = hash();
        ChatSession s = start(first);
        rotate(s, first, hash(), Duration.ofSeconds(60), GRACE);
        String other = hash();
        ChatSession t = start(other);
        rotate(t, other, hash(), Duration.ofSeconds(60), Duration.ZERO);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(59), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(rotate(t, other, hash(), Duration.ofSeconds(59), Duration.ZERO)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(t.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(59));
    }

    @Test
    void takesATokenTheLiveSessionNeverIssuedAsReuse() {
        ChatSession s = start(hash());

        assertThat(rotate(s, hash(), hash(), Duration.ofSeconds(1), GRACE)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void refusesUnknownAndEndedSessions() {
        String first = hash();
        ChatSession s = start(first);

        assertThat(store().rotate(UUID.randomUUID().toString(), first, hash(), T0, GRACE).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(rotate(s, first, hash(), Duration.ofDays(30), GRACE)).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void revokesOneSessionOrAllOfAUser() {
        ChatUser carol = ChatUser.of("carol-" + UUID.randomUUID());
        ChatSession a = start(carol, hash());
        ChatSession b = start(carol, hash());
        ChatSession other = start(ChatUser.of("bob"), hash());

        assertThat(store().revokeSession(a.id(), T0.plusSeconds(5))).isTrue();
        assertThat(store().revokeSession(a.id(), T0.plusSeconds(6))).isFalse();
        assertThat(store().revokeUser(carol.id(), T0.plusSeconds(7))).isEqualTo(1);
        assertThat(store().find(b.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(7));
        assertThat(store().find(other.id()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store().revokeUser("nobody", T0)).isZero();
    }

    @Test
    void revokesTheSessionsOfExactlyTheUserNamedNotOfIdsACollationCallsEqual() {
        String id = "dora-" + UUID.randomUUID().toString().substring(0, 8);
        ChatSession dora = start(ChatUser.of(id), hash());
        for (String lookAlike : new String[] {id.toUpperCase(java.util.Locale.ROOT), id + " ",
                id.replace('o', '\u00f6')}) {
            assertThat(store().revokeUser(lookAlike, T0.plusSeconds(1))).as(lookAlike).isZero();
        }
        assertThat(store().find(dora.id()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store().revokeUser(id, T0.plusSeconds(2))).isEqualTo(1);
    }

    @Test
    void letsExactlyOneOfManyConcurrentRotationsSpendAToken() throws Exception {
        String first = hash();
        ChatSession s = start(first);

        List<Outcome> outcomes = concurrently(50, () -> rotate(s, first, hash(), Duration.ofSeconds(1), Duration.ZERO));

        assertThat(outcomes).filteredOn(o -> o == Outcome.ROTATED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o != Outcome.ROTATED).allMatch(o -> o == Outcome.REUSED || o == Outcome.REVOKED);
    }

    @Test
    void letsConcurrentRetriesWithinTheGraceAllSucceed() throws Exception {
        String first = hash();
        ChatSession s = start(first);

        List<Outcome> outcomes = concurrently(50, () -> rotate(s, first, hash(), Duration.ofSeconds(1), GRACE));

        assertThat(outcomes).filteredOn(o -> o == Outcome.ROTATED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == Outcome.RETRIED).hasSize(49);
    }

    static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
