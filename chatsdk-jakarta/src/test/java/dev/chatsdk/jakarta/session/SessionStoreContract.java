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
    void takesASpentTokenWithinTheGraceAsARetryWithAValidSibling() {
        String first = hash();
        String second = hash();
        String sibling = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);

        assertThat(rotate(s, first, sibling, Duration.ofSeconds(89), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(rotate(s, second, hash(), Duration.ofSeconds(95), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(rotate(s, sibling, hash(), Duration.ofSeconds(96), GRACE)).isEqualTo(Outcome.ROTATED);
    }

    @Test
    void revokesTheWholeSessionWhenASpentTokenComesBackAfterTheGrace() {
        String first = hash();
        String second = hash();
        String third = hash();
        ChatSession s = start(first);
        rotate(s, first, second, Duration.ofSeconds(60), GRACE);
        rotate(s, second, third, Duration.ofSeconds(120), GRACE);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(90), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(store().find(s.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(90));
        assertThat(rotate(s, third, hash(), Duration.ofSeconds(130), GRACE)).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void takesEverySecondUseAsReuseWithoutGrace() {
        String first = hash();
        ChatSession s = start(first);
        rotate(s, first, hash(), Duration.ofSeconds(60), Duration.ZERO);

        assertThat(rotate(s, first, hash(), Duration.ofSeconds(60), Duration.ZERO)).isEqualTo(Outcome.REUSED);
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

        assertThat(store().revoke(a.id(), null, T0.plusSeconds(5))).isEqualTo(1);
        assertThat(store().revoke(a.id(), null, T0.plusSeconds(6))).isZero();
        assertThat(store().revoke(null, carol.id(), T0.plusSeconds(7))).isEqualTo(1);
        assertThat(store().find(b.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(7));
        assertThat(store().find(other.id()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store().revoke(null, "nobody", T0)).isZero();
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
