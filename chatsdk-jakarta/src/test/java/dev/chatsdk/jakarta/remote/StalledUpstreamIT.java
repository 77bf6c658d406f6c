package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.remote.RawUpstream.Mode;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Issue 15, finding 1: an upstream that sends its headers and then stalls, trickles or streams its body for ever.
 * The JDK's request timeout covers only the headers, so before the fix such a call hung for minutes holding its
 * bulkhead slot (with {@code max-concurrent-calls} of them, remote mode answered 503 for good) while health said
 * UP. Now every call ends within its request timeout including the body, is counted by the breaker (so health
 * reports it), drops the connection, and frees its slot: with a bulkhead of one, the next call goes through.
 */
class StalledUpstreamIT {
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The request timeout plus a margin no loaded machine needs: an answer later than this is a hang. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(3);
    private static final String TOKEN = JWT.create().withClaim("sid", "s-up").withClaim("user_id", TestUsers.ALICE)
            .sign(Algorithm.HMAC256(TestConfig.randomSecret()));
    private static final String CONNECT = "{\"token\":\"" + TOKEN + "\",\"refreshToken\":\"" + TOKEN + "\","
            + "\"expiresIn\":900,\"user\":{\"id\":\"alice\"}}";
    private static LogCapture logs;
    private RawUpstream upstream;
    private TestClock clock;
    private ChatNode app;

    @BeforeAll
    static void captureLogs() {
        NoSecretsInLogs.secret(KEY, TOKEN);
        logs = new LogCapture();
    }

    @AfterAll
    static void checkLogs() {
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(KEY) || line.contains(TOKEN));
    }

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new RawUpstream().healthy(CONNECT);
        clock = new TestClock();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        upstream.close();
    }

    private void start(int breakerThreshold) throws Exception {
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, upstream.url())
                .set(RemoteConfig.API_KEY, KEY)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.USER, Optional.empty()).set(RateLimitConfig.IP, Optional.empty())
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500)).set(RemoteConfig.REQUEST_TIMEOUT, TIMEOUT)
                .set(RemoteConfig.MAX_CONCURRENT_CALLS, 1).set(RemoteConfig.BREAKER_THRESHOLD, breakerThreshold)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofSeconds(30)).set(WebConfig.HEALTH_DETAILS, true).build();
        app = ChatNode.start(ChatSdk.builder().clock(clock).config(config).build());
    }

    private Http.Reply login() {
        return app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
    }

    private Http.Reply health() {
        clock.advance(Duration.ofSeconds(2)); // past the second one health report is reused for
        return app.http().call("GET", "/chatsdk/health").send();
    }

    /**
     * @return what {@code call} answered; fails when it takes longer than {@link #BOUND} (abandoning it then: before
     *         the fix such a call hung for minutes)
     */
    private static <T> T withinBound(Supplier<T> call) {
        long started = System.nanoTime();
        T answer = assertTimeoutPreemptively(BOUND, call::get, "answered within the request timeout plus a margin");
        System.out.println("answered in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms (request timeout " + TIMEOUT.toMillis() + " ms)");
        return answer;
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo(message);
    }

    private RemoteTokenIssuer issuer() {
        return (RemoteTokenIssuer) app.sdk().issuer();
    }

    @Test
    void aBodyThatStallsEndsAtTheDeadlineCountsAsAFailureAndFreesTheBulkhead() throws Exception {
        start(2);
        upstream.mode(Mode.STALL_MID_BODY);

        assertError(withinBound(this::login), 504, "UPSTREAM_TIMEOUT", "The ChatSDK API did not answer in time.");
        assertThat(upstream.hits()).as("a timeout is not retried").isEqualTo(1);
        assertThat(upstream.awaitDropped(1)).as("the stalled exchange was cancelled, its connection closed")
                .isEqualTo(1);
        assertThat(logs.lines()).anyMatch(l -> l.startsWith("CHATSDK-407: the ChatSDK API did not finish its answer "
                + "within PT1S"));
        assertThat(issuer().circuitState()).isEqualTo("closed");
        JsonNode stalledHealth = withinBound(this::health).json();
        assertThat(stalledHealth.get("status").asText()).isEqualTo("DOWN");
        assertThat(stalledHealth.get("checks").get(0).get("data").get("upstream.reachable").asBoolean()).isFalse();

        assertError(withinBound(this::login), 504, "UPSTREAM_TIMEOUT", "The ChatSDK API did not answer in time.");
        assertThat(issuer().circuitState()).as("the breaker counted both body timeouts").isEqualTo("open");
        Http.Reply open = health();
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.json().get("checks").get(0).get("data").get("upstream.circuit").asText()).isEqualTo("open");

        upstream.mode(Mode.HEALTHY);
        clock.advance(Duration.ofSeconds(31));
        Http.Reply good = login();
        assertThat(good.status()).as("the one bulkhead slot is free again: " + good).isEqualTo(200);
        assertThat(good.json().get("accessToken").asText()).isEqualTo(TOKEN);
        assertThat(issuer().circuitState()).isEqualTo("closed");
        assertThat(health().status()).isEqualTo(200);
    }

    @Test
    void aBodyThatNeverEndsIsCutAtItsSizeLimitOrAtTheDeadline() throws Exception {
        start(5);

        upstream.mode(Mode.STALL_LARGE_BODY);
        assertError(withinBound(this::login), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API's answer was too large.");
        assertThat(upstream.awaitDropped(1)).as("a declared length over the limit: dropped unread").isEqualTo(1);

        upstream.mode(Mode.STREAM_FOREVER);
        assertError(withinBound(this::login), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API's answer was too large.");
        assertThat(upstream.awaitDropped(2)).as("the endless body's connection was dropped").isEqualTo(2);

        upstream.mode(Mode.TRICKLE_FOREVER);
        assertError(withinBound(this::login), 504, "UPSTREAM_TIMEOUT", "The ChatSDK API did not answer in time.");
        assertThat(upstream.awaitDropped(3)).as("the trickling body's connection was dropped").isEqualTo(3);

        upstream.mode(Mode.HEALTHY);
        assertThat(login().status()).as("the one bulkhead slot is free again").isEqualTo(200);
        assertThat(upstream.hits()).isEqualTo(4);
    }

    /** The same client calls Centrifugo and makes the health probe: both end at their deadline too. */
    @Test
    void centrifugoCallsAndTheHealthProbeEndAtTheDeadlineToo() throws Exception {
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, upstream.url())
                .set(RemoteConfig.API_KEY, KEY)
                .set(RemoteConfig.REQUEST_TIMEOUT, TIMEOUT).set(RemoteConfig.MAX_CONCURRENT_CALLS, 1).build();
        UpstreamClient centrifugo = new UpstreamClient(config, upstream.url(), KEY, "Centrifugo",
                reply -> reply.status >= 500, Clock.systemUTC(), HttpClient.newHttpClient(), null);
        upstream.mode(Mode.STALL_MID_BODY);

        assertThatThrownBy(() -> withinBound(() -> centrifugo.post("/disconnect", null, "{}".getBytes())))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT));
        assertThat(withinBound(centrifugo::probe)).isEqualTo("no complete answer from Centrifugo within PT1S");

        upstream.mode(Mode.HEALTHY).healthy("{\"result\":{}}");
        assertThat(centrifugo.post("/disconnect", null, "{}".getBytes()).status).isEqualTo(200);
        assertThat(centrifugo.probe()).isNull();
    }
}
