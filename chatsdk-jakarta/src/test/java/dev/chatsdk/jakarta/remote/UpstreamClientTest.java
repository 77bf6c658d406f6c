package dev.chatsdk.jakarta.remote;

import dev.chatsdk.jakarta.config.RemoteConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.internal.LoopbackServer;
import dev.chatsdk.jakarta.internal.LoopbackServer.Answer;

/**
 * The upstream client on its own against a loopback server, with a test clock for the breaker and a sleeper that
 * records the backoff instead of waiting: which answers it retries and how long it waits, what it reads as JSON, and
 * how the answers move the circuit breaker.
 */
class UpstreamClientTest {
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private final TestClock clock = new TestClock();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LoopbackServer server;

    UpstreamClientTest() throws Exception {
        NoSecretsInLogs.secret(KEY);
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UpstreamClient client(int maxAttempts, int breakerThreshold) {
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, server.url())
                .set(RemoteConfig.API_KEY, KEY)
                .set(RemoteConfig.MAX_ATTEMPTS, maxAttempts).set(RemoteConfig.BREAKER_THRESHOLD, breakerThreshold)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofSeconds(30))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofSeconds(10)).build();
        return new UpstreamClient(config, server.url(), KEY, "the ChatSDK API",
                reply -> reply.status >= 500 || reply.unreadable, clock, http, null, false, sleeps::add, new Random(42));
    }

    @Test
    void retries502To504HonouringRetryAfterThenAnswers() {
        server.script(Answer.of(503, "{}").header("Retry-After", "2"), Answer.of(502, ""),
                Answer.of(504, "{}").header("Retry-After", "Mon, 05 Jan 2026 09:00:05 GMT"), Answer.of(200, "{\"ok\":true}"));
        UpstreamClient client = client(4, 5);

        UpstreamClient.Reply reply = client.post("/api/auth/connect", null, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("ok").asBoolean()).isTrue();
        assertThat(server.hits()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).as("delta-seconds").isEqualTo(Duration.ofSeconds(2));
        assertThat(sleeps.get(1).toMillis()).as("no Retry-After: full jitter up to 100 ms << 2").isBetween(0L, 400L);
        assertThat(sleeps.get(2)).as("an HTTP-date against the clock (09:00:00.250)").isEqualTo(Duration.ofMillis(4750));
        assertThat(client.circuitState()).isEqualTo("closed");
        LoopbackServer.Received first = server.received().get(0);
        assertThat(first.header("X-API-Key")).isEqualTo(KEY);
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(first.header("X-Forwarded-For")).as("not forwarded for this client").isNull();
        assertThat(first.header("Upgrade")).as("HTTP/1.1 to an http:// upstream, no h2c upgrade").isNull();
        assertThat(first.header("HTTP2-Settings")).isNull();
    }

    /**
     * The relay's cost: {@code sendAsync} hands every answer to the {@code CompletableFuture} default pool, which on a
     * machine of one or two cores starts a thread per call (a relayed token cost several times an upstream call).
     * The calls go through the blocking {@code send} on the calling thread instead, and start no thread each.
     */
    @Test
    void callsOnTheCallingThreadAndStartsNoThreadPerCall() {
        FaultyHttpClient counting = new FaultyHttpClient(http);
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, server.url())
                .set(RemoteConfig.API_KEY, KEY).build();
        UpstreamClient client = new UpstreamClient(config, server.url(), KEY, "the ChatSDK API",
                reply -> reply.status >= 500, clock, counting, null);
        server.script(Answer.of(200, "{\"ok\":true}"));
        client.post("/api/x", null, null);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long started = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 40; i++) {
            assertThat(client.post("/api/x", null, null).status).isEqualTo(200);
        }

        assertThat(counting.asyncCalls()).as("never the asynchronous path").isZero();
        assertThat(threads.getTotalStartedThreadCount() - started).as("threads started by 40 calls (the loopback "
                + "server's and the client's pools may grow by a few)").isLessThan(10);
    }

    /** The thread that ends stalled bodies at their deadline is no resident: it ends once no call is under way. */
    @Test
    void theDeadlineThreadEndsWhenNoCallIsUnderWay() throws InterruptedException {
        server.script(Answer.of(200, "{}"));
        client(1, 5).post("/api/x", null, null);

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (deadlineThreads() > 0 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(deadlineThreads()).isZero();
    }

    private static long deadlineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("chatsdk-deadlines")).count();
    }

    @Test
    void neverRetriesA429AndHandsItsWaitToTheCaller() {
        server.script(Answer.of(429, "{\"error\":{\"code\":\"RATE_LIMITED\"}}").header("Retry-After", "7"));
        UpstreamClient client = client(4, 1);

        UpstreamClient.Reply reply = client.post("/api/auth/refresh", "refresh-token", null);

        assertThat(reply.status).isEqualTo(429);
        assertThat(reply.retryAfter).isEqualTo(Duration.ofSeconds(7));
        assertThat(reply.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(server.hits()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(client.circuitState()).as("rate limiting is no failure").isEqualTo("closed");
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer refresh-token");
        assertThat(server.received().get(0).header("X-API-Key")).isNull();
    }

    @Test
    void givesUpAfterItsAttemptsAndCountsOneBreakerFailure() {
        server.script(Answer.of(503, "{}"));
        UpstreamClient client = client(3, 2);

        assertThatThrownBy(() -> client.post("/api/auth/connect", null, null))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("The ChatSDK API cannot be reached right now."));
        assertThat(server.hits()).isEqualTo(3);
        assertThat(sleeps).as("between attempts only").hasSize(2);
        assertThat(client.circuitState()).as("one failed call of a threshold of two").isEqualTo("closed");
    }

    @Test
    void readsAnswersStrictly() {
        server.script(Answer.of(200, "{\"revoked\":false,\"revoked\":true}"), Answer.of(200, "{\"a\":1} {\"b\":2}"),
                Answer.of(204, ""), Answer.of(400, "{\"error\":{\"code\":\"INVALID_REQUEST\"}}"));
        UpstreamClient client = client(1, 100);

        UpstreamClient.Reply duplicate = client.post("/api/x", null, null);
        assertThat(duplicate.json).as("a duplicate name has no reading").isNull();
        assertThat(duplicate.unreadable).isTrue();
        UpstreamClient.Reply trailing = client.post("/api/x", null, null);
        assertThat(trailing.json).isNull();
        assertThat(trailing.unreadable).isTrue();
        UpstreamClient.Reply empty = client.post("/api/x", null, null);
        assertThat(empty.json).isNull();
        assertThat(empty.unreadable).as("no body is not garbage").isFalse();
        UpstreamClient.Reply refused = client.post("/api/x", null, null);
        assertThat(refused.errorCode()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void describesOnlyAPlainErrorCode() {
        assertThat(Replies.describe(Replies.decode(400, "{\"error\":{\"code\":\"BAD_THING\",\"message\":\"token abc\"}}"
                .getBytes(StandardCharsets.UTF_8), null))).isEqualTo(" and error code BAD_THING (body not logged)");
        assertThat(Replies.describe(Replies.decode(400, "{\"error\":{\"code\":\"a b\"}}".getBytes(StandardCharsets.UTF_8),
                null))).isEqualTo(" (body not logged)");
        assertThat(Replies.describe(Replies.decode(500, "<html>".getBytes(StandardCharsets.UTF_8), null)))
                .isEqualTo(" (body not logged)");
    }

    @Test
    void anUnreadableAnswerIsABreakerFailure() {
        server.script(Answer.of(200, "<html>proxy error</html>"));
        UpstreamClient client = client(1, 1);

        assertThat(client.post("/api/x", null, null).unreadable).isTrue();
        assertThat(client.circuitState()).isEqualTo("open");
    }

    @Test
    void anAnswerPastTheBoundIsABadResponseAndABreakerFailure() {
        server.script(Answer.of(200, "{\"pad\":\"" + "x".repeat(UpstreamClient.MAX_BODY_BYTES) + "\"}"));
        UpstreamClient client = client(1, 1);

        assertThatThrownBy(() -> client.post("/api/x", null, null)).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
        assertThat(client.circuitState()).isEqualTo("open");
    }

    @Test
    void theBreakerOpensRefusesWithoutCallingThenProbesAndCloses() {
        server.script(Answer.of(500, "{}"), Answer.of(500, "{}"), Answer.of(200, "{\"ok\":true}"));
        UpstreamClient client = client(1, 2);

        assertThat(client.post("/api/x", null, null).status).isEqualTo(500);
        assertThat(client.circuitState()).isEqualTo("closed");
        assertThat(client.post("/api/x", null, null).status).isEqualTo(500);
        assertThat(client.circuitState()).isEqualTo("open");
        assertThat(client.breakerOpen()).isTrue();

        assertThatThrownBy(() -> client.post("/api/x", null, null))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(30);
                    assertThat(e.getMessage()).isEqualTo("The ChatSDK API failed repeatedly; calls are paused for a moment.");
                });
        assertThat(server.hits()).as("an open breaker does not call").isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(client.circuitState()).isEqualTo("half-open");
        assertThat(client.post("/api/x", null, null).status).isEqualTo(200);
        assertThat(client.circuitState()).isEqualTo("closed");
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void aFailedProbeOpensItAgain() {
        server.script(Answer.of(500, "{}"), Answer.of(503, "{}"));
        UpstreamClient client = client(1, 1);
        client.post("/api/x", null, null);
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> client.post("/api/x", null, null)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(client.circuitState()).isEqualTo("open");
    }
}
