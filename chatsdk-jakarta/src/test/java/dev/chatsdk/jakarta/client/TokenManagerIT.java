package dev.chatsdk.jakarta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.jakarta.web.servlet.ChatNode;

/**
 * The TokenManager against real HTTP servers — the module itself in embedded Jetty, and a scripted server
 * for the failures — with a test clock and a scheduler the test runs by hand.
 */
class TokenManagerIT {
    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<ChatTokens> refreshed = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ChatNode node;
    private ScriptedUpstream upstream;
    private TokenManager manager;


    @AfterEach
    void stop() throws Exception {
        if (manager != null) {
            manager.close();
        }
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private TokenManager manager(String apiUrl) {
        manager = TokenManager.builder().apiUrl(URI.create(apiUrl)).clock(clock).scheduler(scheduler)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).onTokenRefresh(refreshed::add)
                .onRefreshError(errors::add).build();
        return manager;
    }

    private static String tokenJson(String access, String refresh, long expiresIn) {
        return "{\"token\":\"" + access + "\",\"refreshToken\":\"" + refresh + "\",\"expiresIn\":" + expiresIn
                + ",\"_internal\":{\"wsToken\":\"ws\"},\"user\":{\"id\":\"u\"}}";
    }

    @Test
    void refreshesOnceAtExpiryMinusTheBufferAgainstTheModule() throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(new TestConfig().builder().build()).clock(clock).build());
        manager(node.http().baseUrl() + "/chatsdk");
        ChatTokens login = ChatTokens.fromJson(node.loginAlice().toString());
        manager.setTokens(login);

        assertThat(scheduler.delays).containsExactly(Duration.ofMinutes(55));
        assertThat(manager.validAccessToken()).isEqualTo(login.accessToken());
        clock.advance(Duration.ofMinutes(55));
        scheduler.runLatest();

        assertThat(refreshed).hasSize(1);
        assertThat(refreshed.get(0).accessToken()).isNotEqualTo(login.accessToken());
        assertThat(JWT.decode(refreshed.get(0).accessToken()).getClaim("sid").asString())
                .isEqualTo(JWT.decode(login.accessToken()).getClaim("sid").asString());
        assertThat(manager.validAccessToken()).isEqualTo(refreshed.get(0).accessToken());
        assertThat(scheduler.delays).hasSize(2).last().isEqualTo(Duration.ofMinutes(55));
        assertThat(errors).isEmpty();
    }

    @Test
    void letsAThousandConcurrentCallersShareOneRequest() throws Exception {
        upstream = new ScriptedUpstream().script(Answer.json(200, tokenJson("a2", "r2", 3600)).after(300));
        manager(upstream.url());
        manager.setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        ExecutorService pool = Executors.newFixedThreadPool(1000);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return manager.refresh().accessToken();
                }));
            }
            go.countDown();
            for (Future<String> call : calls) {
                assertThat(call.get()).isEqualTo("a2");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(upstream.hits()).isEqualTo(1);
        assertThat(refreshed).hasSize(1);
    }

    @Test
    void backsOffOnUnavailableAnswersHonouringRetryAfter() throws Exception {
        upstream = new ScriptedUpstream().script(Answer.json(503, "{}").header("Retry-After", "1"),
                Answer.json(503, "{}").header("Retry-After", "1"), Answer.json(200, tokenJson("a2", "r2", 3600)));
        manager(upstream.url());
        manager.setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        long started = System.nanoTime();
        ChatTokens fresh = manager.refresh();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(fresh.accessToken()).isEqualTo("a2");
        assertThat(upstream.hits()).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(upstream.received()).allMatch(r -> "Bearer r1".equals(r.header("Authorization")));
        assertThat(errors).isEmpty();
    }

    @Test
    void stopsAtOnceAndClearsTheTokensWhenTheRefreshTokenIsSpent() throws Exception {
        upstream = new ScriptedUpstream().script(Answer.json(401,
                "{\"error\":{\"code\":\"REFRESH_TOKEN_REUSED\",\"message\":\"reused\"}}"));
        manager(upstream.url());
        manager.setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThatThrownBy(manager::refresh).isInstanceOfSatisfying(TokenRefreshException.class, e -> {
            assertThat(e.isCredentialFailure()).isTrue();
            assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
        });
        assertThat(upstream.hits()).isEqualTo(1);
        assertThat(manager.tokens()).isEmpty();
        assertThat(errors).hasSize(1);
        assertThat(refreshed).isEmpty();
        assertThatThrownBy(manager::validAccessToken).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsTheTokensAndSaysItIsTheNetworkWhenTheServerIsDown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        manager("http://127.0.0.1:" + closed);
        manager.setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        assertThatThrownBy(manager::refresh).isInstanceOfSatisfying(TokenRefreshException.class,
                e -> assertThat(e.isNetworkFailure()).isTrue());
        assertThat(manager.tokens()).isPresent();
        assertThat(errors).hasSize(1);
    }

    @Test
    void schedulesFromTheArrivalTimeSoASkewedClockStillRefreshesInTime() throws Exception {
        manager("http://127.0.0.1:9");
        long serverNow = clock.instant().minus(Duration.ofHours(2)).toEpochMilli();
        manager.setTokens(ChatTokens.fromJson("{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"serverTime\":" + serverNow
                + ",\"expiresAt\":" + (serverNow + 3_600_000) + "}"));

        assertThat(scheduler.delays).containsExactly(Duration.ofMinutes(55));
    }

    @Test
    void closingCancelsTheScheduleAndRefusesFurtherUse() throws Exception {
        manager("http://127.0.0.1:9");
        manager.setTokens(ChatTokens.fromJson(tokenJson("a1", "r1", 3600)));

        manager.close();

        assertThat(scheduler.cancelled).containsAll(scheduler.tasks);
        assertThat(scheduler.closed).isTrue();
        assertThatThrownBy(manager::validAccessToken).isInstanceOf(IllegalStateException.class)
                .hasMessage("the TokenManager is closed");
    }

    @Test
    void readsEveryKnownTokenResponseShape() {
        ChatTokens guide = ChatTokens.fromJson("{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"serverTime\":1000,"
                + "\"expiresAt\":3601000}");
        assertThat(guide.expiresInSeconds()).isEqualTo(3600);
        assertThat(guide.issuedAt()).isEqualTo(Instant.ofEpochMilli(1000));
        ChatTokens api = ChatTokens.fromJson(tokenJson("t", "r", 900));
        assertThat(api.wsToken()).isEqualTo("ws");
        assertThatThrownBy(() -> ChatTokens.fromJson("{\"refreshToken\":\"r\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token response has no access token");
    }
}
