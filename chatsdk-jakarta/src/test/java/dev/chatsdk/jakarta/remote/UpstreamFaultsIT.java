package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * The remote issuer against a scripted API: the three response dialects, what it sends, and every fault —
 * down, slow, failing then recovering, rate limiting, garbage, a 50 MB body, a wrong key — plus the
 * circuit breaker and the bulkhead. All log lines are captured: the API key must appear in none, nor in
 * any response.
 */
class UpstreamFaultsIT {
    private static final String KEY = "ck_live_" + dev.chatsdk.jakarta.TestConfig.randomSecret();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScriptedUpstream upstream;
    private static LogCapture logs;
    private static final List<String> BODIES = new ArrayList<>();
    private ChatNode app;

    @BeforeAll
    static void start() throws Exception {
        dev.chatsdk.jakarta.NoSecretsInLogs.secret(KEY);
        logs = new LogCapture();
        upstream = new ScriptedUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(KEY));
        assertThat(BODIES).isNotEmpty().noneMatch(body -> body.contains(KEY));
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static ChatSdkConfig.Builder config(String url) {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, url).set(RemoteConfig.API_KEY, KEY)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.USER, Optional.empty())
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800));
    }

    private ChatNode start(ChatSdkConfig.Builder config) throws Exception {
        app = ChatNode.start(ChatSdk.create(config.build()));
        return app;
    }

    private Http.Reply login() {
        Http.Reply reply = app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
        synchronized (BODIES) {
            BODIES.add(reply.response.body());
        }
        return reply;
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo(message);
    }

    /** The API's refresh and ws tokens for alice: JWTs naming her in {@code sub}, as the API writes them. */
    private static final String REFRESH_1 = com.auth0.jwt.JWT.create().withSubject("app-1:alice")
            .withClaim("user_id", "alice").withClaim("type", "refresh")
            .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("upstream-secret-upstream-secret-!!"));
    private static final String WS_1 = com.auth0.jwt.JWT.create().withSubject("app-1:alice").withClaim("user_id", "alice")
            .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("centrifugo-secret-centrifugo-secret"));
    private static final String WS_LEGACY = com.auth0.jwt.JWT.create().withSubject("app-1:alice")
            .withClaim("jti", "legacy").sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("centrifugo-secret-centrifugo-secret"));
    private static final String CONNECT = "{\"user\":{\"id\":\"alice\",\"displayName\":\"Alice Upstream\","
            + "\"avatar\":\"https://cdn.example.com/a.png\",\"metadata\":{\"plan\":\"pro\"}},\"token\":\"%s\","
            + "\"refreshToken\":\"" + REFRESH_1 + "\",\"expiresIn\":900,\"_internal\":{\"wsToken\":\"" + WS_1 + "\"}}";
    private static final String TOKEN = com.auth0.jwt.JWT.create().withClaim("sid", "s-up").withClaim("user_id", "alice")
            .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("upstream-secret-upstream-secret-!!"));

    @Test
    void readsTheConnectDialectAndSendsTheUnionOfFieldNames() throws Exception {
        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)));
        start(config(upstream.url()));

        Http.Reply reply = login();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("accessToken").asText()).isEqualTo(TOKEN);
        assertThat(body.get("wsToken").asText()).isEqualTo(WS_1);
        assertThat(body.get("_internal").get("wsToken").asText()).isEqualTo(WS_1);
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.get("user").get("name").asText()).isEqualTo("Alice Upstream");
        assertThat(body.get("user").get("image").asText()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(body.get("user").get("custom").get("plan").asText()).isEqualTo("pro");
        ScriptedUpstream.Received sent = upstream.received().get(0);
        assertThat(sent.path).isEqualTo("/api/auth/connect");
        assertThat(sent.header("X-API-Key")).isEqualTo(KEY);
        JsonNode request = JSON.readTree(sent.body);
        assertThat(request.get("userId").asText()).isEqualTo("alice");
        assertThat(request.get("displayName").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(request.get("image").asText()).isEqualTo(TestUsers.ALICE_AVATAR);
        assertThat(request.get("metadata")).isEqualTo(request.get("custom"));
        assertThat(request.has("email")).isFalse();
    }

    @Test
    void readsTheLegacyAndTheGuideDialects() throws Exception {
        long in1h = Instant.now().plusSeconds(3600).toEpochMilli();
        upstream.script(
                Answer.json(200, "{\"token\":\"" + TOKEN + "\",\"refreshToken\":\"" + REFRESH_1 + "\",\"wsToken\":\"" + WS_LEGACY + "\","
                        + "\"user\":{\"id\":\"alice\",\"name\":\"Legacy\",\"image\":\"https://e.x/l.png\"},\"expiresIn\":86400}"),
                Answer.json(200, "{\"accessToken\":\"" + TOKEN + "\",\"refreshToken\":\"" + REFRESH_1 + "\",\"expiresAt\":" + in1h + "}"));
        start(config(upstream.url()).set(RemoteConfig.TOKEN_PATH, "/tokens"));

        JsonNode legacy = login().json();
        assertThat(legacy.get("wsToken").asText()).isEqualTo(WS_LEGACY);
        assertThat(legacy.get("user").get("avatar").asText()).isEqualTo("https://e.x/l.png");
        assertThat(legacy.get("expiresIn").asLong()).isEqualTo(86400);
        JsonNode guide = login().json();
        assertThat(guide.get("token").asText()).isEqualTo(TOKEN);
        assertThat(guide.get("expiresIn").asLong()).isBetween(3590L, 3600L);
        assertThat(guide.get("user").get("id").asText()).isEqualTo("alice");
        assertThat(guide.get("wsToken").isNull()).isTrue();
    }

    @Test
    void refusesAnswersWithoutTokenOrExpiryOrThatAreNotJson() throws Exception {
        upstream.script(Answer.json(200, "{\"expiresIn\":900}"), Answer.json(200, "{\"token\":\"t\"}"),
                Answer.json(200, "<html>oops</html>"));
        start(config(upstream.url()));

        assertError(login(), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API's answer has no access token.");
        assertError(login(), 502, "UPSTREAM_BAD_RESPONSE",
                "The ChatSDK API's answer has no usable expiry (expiresIn or expiresAt).");
        assertError(login(), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API did not answer with a JSON object.");
    }

    @Test
    void stopsReadingA50MegabyteBody() throws Exception {
        upstream.script(Answer.huge(50L * 1024 * 1024));
        start(config(upstream.url()));

        assertError(login(), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API's answer was too large.");
    }

    @Test
    void answersUnavailableWhenTheApiIsDown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        start(config("http://127.0.0.1:" + closed));

        Http.Reply reply = login();

        assertError(reply, 503, "UPSTREAM_UNAVAILABLE", "The ChatSDK API cannot be reached right now.");
        assertThat(reply.header("Retry-After")).isEqualTo("2");
        assertThat(app.sdk().checkUpstream()).hasValueSatisfying(p -> assertThat(p).startsWith("cannot reach"));
    }

    @Test
    void answersTimeoutWhenTheApiIsSlow() throws Exception {
        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)).after(2000));
        start(config(upstream.url()));

        assertError(login(), 504, "UPSTREAM_TIMEOUT", "The ChatSDK API did not answer in time.");
        assertThat(upstream.hits()).isEqualTo(1);
    }

    @Test
    void retriesUnavailableAnswersUntilTheApiRecovers() throws Exception {
        upstream.script(Answer.json(503, "{}"), Answer.json(502, "{}"), Answer.json(200, String.format(CONNECT, TOKEN)));
        start(config(upstream.url()));

        assertThat(login().status()).isEqualTo(200);
        assertThat(upstream.hits()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAServerError() throws Exception {
        upstream.script(Answer.json(500, "{\"error\":{\"code\":\"DB_DOWN\",\"message\":\"db down\"}}"));
        start(config(upstream.url()));

        assertError(login(), 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API failed the issue request (status 500).");
        assertThat(upstream.hits()).isEqualTo(1);
        assertThat(logs.lines()).contains("CHATSDK-400: the ChatSDK API answered /api/auth/connect with status 500 "
                + "and error code DB_DOWN (body not logged)");
    }

    @Test
    void neverLogsOrAnswersWhatAnUpstreamErrorBodyEchoes() throws Exception {
        String echoed = "echo-" + dev.chatsdk.jakarta.TestConfig.randomSecret();
        dev.chatsdk.jakarta.NoSecretsInLogs.secret(echoed);
        upstream.script(Answer.json(401, "{\"error\":{\"code\":\"Bearer " + echoed + "\",\"message\":\"bad token "
                + echoed + "\"},\"token\":\"" + echoed + "\"}").header("X-Echo", echoed));
        start(config(upstream.url()));

        Http.Reply reply = app.refresh(TOKEN);

        assertError(reply, 401, "INVALID_REFRESH_TOKEN", "The ChatSDK API refused the refresh token.");
        assertThat(reply.response.body()).doesNotContain(echoed);
        assertThat(logs.lines()).contains("CHATSDK-400: the ChatSDK API answered /api/auth/refresh with status 401 "
                + "(body not logged)").noneMatch(l -> l.contains(echoed));
    }

    /**
     * Issue 15, finding 2: the API rate-limits per client address and sees only this server's. A 429 was retried
     * (spending the budget of every user behind this server) and then answered 503. Now it is never retried, is
     * answered 429 RATE_LIMITED with the API's wait (bounded to 1..300 s), and is no breaker failure.
     */
    @Test
    void handsAnApiRateLimitOnWithoutRetryingOrOpeningTheBreaker() throws Exception {
        upstream.script(Answer.json(429, "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"Rate limit exceeded\","
                + "\"retryAfter\":17}}").header("Retry-After", "17"));
        start(config(upstream.url()).set(RemoteConfig.BREAKER_THRESHOLD, 1)
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofSeconds(30)));

        Http.Reply refresh = app.refresh(TOKEN);
        assertError(refresh, 429, "RATE_LIMITED", "The ChatSDK API is rate limiting these requests; try again in 17 "
                + "seconds.");
        assertThat(refresh.header("Retry-After")).isEqualTo("17");
        assertThat(refresh.json().get("error").get("retryAfter").asLong()).isEqualTo(17);
        assertThat(upstream.hits()).as("a 429 is not retried, even with time left in the budget").isEqualTo(1);
        assertThat(((RemoteTokenIssuer) app.sdk().issuer()).circuitState()).as("a 429 is a healthy API")
                .isEqualTo("closed");
        Http.Reply login = login();
        assertError(login, 429, "RATE_LIMITED", "The ChatSDK API is rate limiting these requests; try again in 17 "
                + "seconds.");

        upstream.script(Answer.json(429, "{}").header("Retry-After", "86400"), Answer.json(429, "{}"),
                Answer.json(429, "{\"error\":{\"retryAfter\":9}}"), Answer.json(429, "{}").header("Retry-After", "0"),
                Answer.json(200, String.format(CONNECT, TOKEN)));
        assertThat(app.refresh(TOKEN).header("Retry-After")).as("bounded").isEqualTo("300");
        assertThat(app.refresh(TOKEN).header("Retry-After")).as("the default without one").isEqualTo("5");
        assertThat(app.refresh(TOKEN).header("Retry-After")).as("the body's retryAfter").isEqualTo("9");
        assertThat(app.refresh(TOKEN).header("Retry-After")).as("at least one second").isEqualTo("1");
        assertThat(login().status()).as("five 429s with a breaker threshold of one: still closed").isEqualTo(200);
        assertThat(upstream.hits()).isEqualTo(5);
    }

    /**
     * Issue 15, finding 2 (b): the API is told the caller's address, the one resolved through
     * {@code chatsdk.web.trusted-proxies}, so it can keep a bucket per client; never a forwarding header the caller
     * wrote.
     */
    @Test
    void tellsTheApiTheCallersAddressNeverTheCallersOwnForwardingHeader() throws Exception {
        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)));
        start(config(upstream.url()));
        Http.Reply spoofed = app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)
                .header("X-Forwarded-For", "203.0.113.66").send();
        assertThat(spoofed.status()).isEqualTo(200);
        assertThat(app.refresh(TOKEN).status()).isEqualTo(200);
        assertThat(upstream.received()).extracting(r -> r.header("X-Forwarded-For"))
                .as("not behind a trusted proxy: the peer's own address").containsExactly("127.0.0.1", "127.0.0.1");
        app.close();

        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)));
        start(config(upstream.url()).set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.1/32"))));
        assertThat(app.http().call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + TOKEN)
                .header("X-Forwarded-For", "198.51.100.7, 10.9.8.7").send().status()).isEqualTo(200);
        assertThat(app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)
                .header("X-Forwarded-For", "[2001:DB8::0:1]:4711").send().status()).isEqualTo(200);
        assertThat(upstream.received()).extracting(r -> r.header("X-Forwarded-For"))
                .as("behind a trusted proxy: the client it resolved, canonical, never the header verbatim")
                .containsExactly("10.9.8.7", "2001:db8:0:0:0:0:0:1");
    }

    @Test
    void blamesItsOwnKeyWhenTheApiRefusesIt() throws Exception {
        upstream.script(Answer.json(401, "{\"error\":{\"code\":\"INVALID_API_KEY\",\"message\":\"Invalid API key\"}}"));
        start(config(upstream.url()));

        assertError(login(), 502, "UPSTREAM_REJECTED",
                "The ChatSDK API refused this server's credentials for issue (status 401); check 'chatsdk.remote.api-key'.");
    }

    @Test
    void passesTheApisRefreshVerdictOn() throws Exception {
        upstream.script(Answer.json(401, "{\"error\":{\"code\":\"REFRESH_TOKEN_EXPIRED\",\"message\":\"Refresh token expired\"}}"));
        start(config(upstream.url()));

        Http.Reply reply = app.refresh(TOKEN);

        assertError(reply, 401, "REFRESH_TOKEN_EXPIRED", "The ChatSDK API refused the refresh token.");
        assertThat(upstream.received().get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(upstream.received().get(0).header("X-API-Key")).isNull();
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndClosesItAfterAProbe() throws Exception {
        upstream.script(Answer.json(503, "{}"));
        // the breaker times its pause by the module's clock: this one moves past it instead of the test sleeping
        dev.chatsdk.jakarta.TestClock clock = new dev.chatsdk.jakarta.TestClock(java.time.Instant.now());
        app = ChatNode.start(ChatSdk.builder().config(config(upstream.url()).set(RemoteConfig.MAX_ATTEMPTS, 1)
                .set(RemoteConfig.BREAKER_THRESHOLD, 2)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofSeconds(1)).build()).clock(clock).build());
        assertThat(login().status()).isEqualTo(503);
        assertThat(login().status()).isEqualTo(503);
        int hits = upstream.hits();

        Http.Reply open = login();
        assertError(open, 503, "UPSTREAM_UNAVAILABLE", "The ChatSDK API failed repeatedly; calls are paused for a moment.");
        assertThat(open.header("Retry-After")).isEqualTo("1");
        assertThat(upstream.hits()).isEqualTo(hits);

        clock.advance(Duration.ofSeconds(1));
        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)));
        assertThat(login().status()).isEqualTo(200);
        assertThat(login().status()).isEqualTo(200);
        assertThat(upstream.hits()).isEqualTo(2);
    }

    @Test
    void shedsLoadBeyondTheBulkheadWithoutExhaustingThreads() throws Exception {
        upstream.script(Answer.json(200, String.format(CONNECT, TOKEN)).after(1000));
        start(config(upstream.url()).set(RemoteConfig.MAX_CONCURRENT_CALLS, 16)
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofSeconds(3)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(32)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.http().baseUrl() + "/api/chat/token"))
                .header("Authorization", Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            synchronized (BODIES) {
                BODIES.add(response.body());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("500 concurrent against a 1 s upstream, bulkhead 16: " + statuses + " in " + took.toMillis() + " ms");
        assertThat(statuses.keySet()).isSubsetOf(200, 503);
        assertThat(statuses.get(200)).isGreaterThanOrEqualTo(16);
        assertThat(statuses.get(503)).isPositive();
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(login().status()).isIn(200, 503);
    }
}
