package dev.chatsdk.jakarta.client;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.internal.LoopbackServer;
import dev.chatsdk.jakarta.internal.LoopbackServer.Answer;

/**
 * The TokenManager's parts on their own, against a loopback server, with a test clock, a scheduler the test runs by
 * hand and a sleeper that records the backoff instead of waiting: single flight, the schedule, the decoding of the
 * server's errors, the backoff.
 */
class TokenManagerTest {
    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<ChatTokens> refreshed = new CopyOnWriteArrayList<>();
    private final List<TokenRefreshException> errors = new CopyOnWriteArrayList<>();
    private final LoopbackServer server;
    private TokenManager manager;

    TokenManagerTest() throws Exception {
        server = new LoopbackServer();
    }


    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        server.close();
    }

    private TokenManager manager(int maxAttempts) {
        // errors is a List<TokenRefreshException>: the listener is typed, no cast
        manager = TokenManager.builder().apiUrl(URI.create(server.url() + "/chatsdk/")).clock(clock).scheduler(scheduler)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2)).maxAttempts(maxAttempts).sleeper(sleeps::add)
                .random(new Random(42)).onTokenRefresh(refreshed::add)
                .onRefreshError(errors::add).build();
        return manager;
    }

    private static String tokenJson(String access, String refresh, long expiresIn) {
        return "{\"token\":\"" + access + "\",\"refreshToken\":\"" + refresh + "\",\"expiresIn\":" + expiresIn
                + ",\"user\":{\"id\":\"u\"}}";
    }

    @Test
    void concurrentCallersShareOneRequestAndItsResult() throws Exception {
        CountDownLatch leaderArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.script(Answer.of(200, tokenJson("a2", "r2", 3600)).before(() -> {
            leaderArrived.countDown();
            await(release);
        }), Answer.of(200, tokenJson("a3", "r3", 3600)));
        manager(1).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> manager.refresh().accessToken()));
            assertThat(leaderArrived.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> followers = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 19; i++) {
                calls.add(pool.submit(() -> {
                    followers.add(Thread.currentThread());
                    return manager.refresh().accessToken();
                }));
            }
            awaitAllJoined(followers, 19);
            release.countDown();
            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("a2");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(server.hits()).isEqualTo(1);
        assertThat(refreshed).hasSize(1);
        assertThat(server.received().get(0).path).isEqualTo("/chatsdk/auth/refresh");
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer r1");

        assertThat(manager.refresh().accessToken()).as("a call after the flight makes a new one").isEqualTo("a3");
        assertThat(server.hits()).isEqualTo(2);
    }

    /** Waits until every follower is parked in the shared flight (not a timing assertion: a synchronisation). */
    private static void awaitAllJoined(List<Thread> followers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (followers.size() == count && followers.stream().allMatch(TokenManagerTest::joined)) {
                return;
            }
            Thread.sleep(5);
        }
        fail("the followers did not all join the flight");
    }

    private static boolean joined(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(SingleFlight.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void schedulesBeforeExpiryAndServesTheCachedTokenUntilThen() throws Exception {
        server.script(Answer.of(200, tokenJson("a2", "r2", 1800)));
        manager(1).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThat(scheduler.delays).containsExactly(Duration.ofMinutes(55));
        clock.advance(Duration.ofMinutes(54));
        assertThat(manager.validAccessToken()).isEqualTo("a1");
        assertThat(server.hits()).isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(manager.validAccessToken()).as("due: refreshed first").isEqualTo("a2");
        assertThat(server.hits()).isEqualTo(1);
        assertThat(scheduler.delays).as("the new tokens' refresh, the old schedule cancelled")
                .containsExactly(Duration.ofMinutes(55), Duration.ofMinutes(25));
        assertThat(scheduler.cancelled).contains(scheduler.tasks.get(0));
    }

    @Test
    void theBackgroundRefreshRunsOnTheScheduleAndRetriesLaterOnTheNetwork() throws Exception {
        server.script(Answer.of(503, "{}"), Answer.of(200, tokenJson("a2", "r2", 3600)));
        manager(1).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        clock.advance(Duration.ofMinutes(55));
        scheduler.runLatest();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.isNetworkFailure()).isTrue());
        assertThat(scheduler.delays).as("tried again after the backoff's cap").last().isEqualTo(Duration.ofSeconds(2));
        assertThat(manager.tokens()).isPresent();

        scheduler.runLatest();
        assertThat(refreshed).singleElement().satisfies(t -> assertThat(t.accessToken()).isEqualTo("a2"));
        assertThat(scheduler.delays).last().isEqualTo(Duration.ofMinutes(55));
    }

    @Test
    void decodesTheServersErrorCodeAndClearsTheTokens() {
        server.script(Answer.of(401, "{\"error\":{\"code\":\"REFRESH_TOKEN_REUSED\",\"message\":\"r1 was reused\"}}"));
        manager(4).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThatThrownBy(manager::refresh).isInstanceOfSatisfying(TokenRefreshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
            assertThat(e.isCredentialFailure()).isTrue();
            assertThat(e.getMessage()).contains("401").doesNotContain("r1");
        });
        assertThat(server.hits()).as("a refusal is never retried").isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(manager.tokens()).isEmpty();
        assertThat(scheduler.cancelled).containsAll(scheduler.tasks);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
        assertThatThrownBy(manager::validAccessToken).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void takesAnErrorItCannotReadAsAnInvalidRefreshToken() {
        for (String body : List.of("<html>denied</html>", "{\"error\":{\"code\":\"NOT_A_CODE\"}}",
                "{\"error\":{\"code\":42}}", "")) {
            assertThat(RefreshErrors.refused(400, body).code()).as(body).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        }
        assertThat(RefreshErrors.refused(403, "{\"error\":{\"code\":\"SESSION_REVOKED\"}}").code())
                .isEqualTo(ErrorCode.SESSION_REVOKED);
        assertThat(RefreshErrors.retryable(429)).isTrue();
        assertThat(RefreshErrors.retryable(503)).isTrue();
        assertThat(RefreshErrors.retryable(401)).isFalse();
        assertThat(RefreshErrors.retryable(404)).isFalse();
    }

    @Test
    void backsOffOn429And503HonouringRetryAfter() {
        server.script(Answer.of(429, "{}").header("Retry-After", "3"),
                Answer.of(503, "{}").header("Retry-After", "Mon, 05 Jan 2026 09:00:10 GMT"),
                Answer.of(503, "{}").header("Retry-After", "whenever"),
                Answer.of(200, tokenJson("a2", "r2", 3600)));
        manager(4).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThat(manager.refresh().accessToken()).isEqualTo("a2");

        assertThat(server.hits()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).as("delta-seconds").isEqualTo(Duration.ofSeconds(3));
        assertThat(sleeps.get(1)).as("an HTTP-date, against the manager's clock (09:00:00.250)")
                .isEqualTo(Duration.ofMillis(9750));
        assertThat(sleeps.get(2).toMillis()).as("garbage: the jittered backoff after 3 attempts")
                .isBetween(0L, 800L);
        assertThat(errors).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsAsANetworkFailureKeepingTheTokens() {
        server.script(Answer.of(503, "{}"));
        manager(3).setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThatThrownBy(manager::refresh).isInstanceOfSatisfying(TokenRefreshException.class, e -> {
            assertThat(e.isNetworkFailure()).isTrue();
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        });
        assertThat(server.hits()).isEqualTo(3);
        assertThat(sleeps).as("between attempts only").hasSize(2);
        assertThat(sleeps.get(0).toMillis()).isBetween(0L, 200L);
        assertThat(sleeps.get(1).toMillis()).isBetween(0L, 400L);
        assertThat(manager.tokens()).isPresent();
        assertThat(errors).hasSize(1);
    }

    @Test
    void aSingleFlightLeaderFailureReachesEveryCaller() {
        SingleFlight<String> flight = new SingleFlight<>();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> flight.run(() -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(flight.run(() -> "next")).as("the flight is over: the next caller leads").isEqualTo("next");
    }
}
