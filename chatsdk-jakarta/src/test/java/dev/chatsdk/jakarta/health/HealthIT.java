package dev.chatsdk.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.jakarta.session.PostgresDatabase;
import dev.chatsdk.jakarta.session.TcpProxy;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * {@code GET /chatsdk/health} over HTTP on embedded Jetty: the local issuer with the memory store, with a JDBC store
 * whose database goes away and comes back, the remote issuer with a live and with a dead ChatSDK API (then 503
 * DOWN with the circuit state), and switched off (404). No secret in any answer. Issue 16 item 10b: without a
 * credential the report is the status and the named check only; the details need a valid {@code X-API-Key} (a wrong
 * one is 401 and counted by the failed-key limiter, like on the token API) or {@code chatsdk.web.health-details}.
 */
class HealthIT {
    private final TestConfig test = new TestConfig();
    private ChatNode app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private Http start(ChatSdkConfig.Builder config) throws Exception {
        app = ChatNode.start(ChatSdk.create(config.build()));
        return app.http();
    }

    private static JsonNode data(Http.Reply reply) {
        JsonNode check = reply.json().get("checks").get(0);
        assertThat(check.get("name").asText()).isEqualTo("chatsdk");
        assertThat(check.get("status").asText()).isEqualTo(reply.json().get("status").asText());
        return check.get("data");
    }

    private void assertNoSecrets(Http.Reply reply, String... more) {
        assertThat(reply.response.body()).doesNotContain(test.secret, test.wsSecret, test.apiKey);
        for (String value : more) {
            assertThat(reply.response.body()).doesNotContain(value);
        }
    }

    private Http.Reply detailed(Http http) {
        return http.call("GET", "/chatsdk/health").header("X-API-Key", test.apiKey).send();
    }

    @Test
    void reportsTheLocalIssuerWithTheMemoryStoreUp() throws Exception {
        Http http = start(test.builder().set(LocalKeysConfig.KEY_ID, "key-2024"));

        Http.Reply reply = detailed(http);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("X-ChatSDK-Handler")).isEqualTo("servlet-filter");
        assertThat(reply.json().get("status").asText()).isEqualTo("UP");
        JsonNode data = data(reply);
        assertThat(data.get("issuer").asText()).isEqualTo("local");
        assertThat(data.get("signingKey.loaded").asBoolean()).isTrue();
        assertThat(data.get("signingKey.algorithm").asText()).isEqualTo("HS256");
        assertThat(data.get("signingKey.keyId").asText()).isEqualTo("key-2024");
        assertThat(data.get("signingKey.retiredKeys").asLong()).isZero();
        assertThat(data.get("signingKey.ageSeconds").isIntegralNumber()).isTrue();
        assertThat(data.get("signingKey.ageSeconds").asLong()).isBetween(0L, 60L);
        assertThat(data.get("signingKey.loadedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(data.get("sessionStore").asText()).isEqualTo("memory");
        assertThat(data.get("sessionStore.reachable").asBoolean()).isTrue();
        assertNoSecrets(reply);
        assertThat(http.call("POST", "/chatsdk/health").send().status()).isEqualTo(405);
    }

    @Test
    void showsAProbeWithoutAKeyOnlyTheStatusAndTheNamedCheck() throws Exception {
        Http http = start(test.builder().set(LocalKeysConfig.KEY_ID, "key-2024"));

        Http.Reply reply = http.call("GET", "/chatsdk/health").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"chatsdk\",\"status\":\"UP\"}]}");
        assertThat(reply.response.body()).doesNotContain("key-2024", "retiredKeys", "loadedAt", "ageSeconds", "issuer");
    }

    @Test
    void showsAProbeADownNodeWithoutSayingWhy() throws Exception {
        String key = "ck_live_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Http http = start(remote("http://127.0.0.1:" + deadPort, key));

        Http.Reply reply = http.call("GET", "/chatsdk/health").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.response.body())
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"chatsdk\",\"status\":\"DOWN\"}]}");
    }

    @Test
    void refusesAWrongKeyAndCountsItLikeTheTokenApiDoes() throws Exception {
        Http http = start(test.builder().set(RateLimitConfig.FAILED_API_KEY, Optional.ofNullable(Rate.parse("2/1m"))));

        for (int i = 0; i < 2; i++) {
            Http.Reply wrong = http.call("GET", "/chatsdk/health").header("X-API-Key", "ck_guess_" + i).send();
            assertError(wrong, 401, "INVALID_API_KEY", "The X-API-Key header does not hold a valid API key.");
        }
        Http.Reply third = http.call("GET", "/chatsdk/health").header("X-API-Key", "ck_guess_2").send();
        Http.Reply right = detailed(http);
        Http.Reply probe = http.call("GET", "/chatsdk/health").send();

        assertError(third, 429, "RATE_LIMITED", "Too many requests; try again in 30 seconds.");
        assertThat(right.status()).as("the right key, guessed while locked out, is not confirmed").isEqualTo(429);
        assertThat(right.response.body()).doesNotContain("signingKey");
        assertThat(probe.status()).as("a probe without a key is never locked out").isEqualTo(200);
        assertThat(probe.json().get("checks").get(0).has("data")).isFalse();
    }

    @Test
    void refusesAnyKeyWhereNoKeyShowsTheDetails() throws Exception {
        String key = "ck_live_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script(Answer.json(404, "{}"));
            Http http = start(remote(upstream.url(), key));

            Http.Reply reply = http.call("GET", "/chatsdk/health").header("X-API-Key", key).send();

            assertError(reply, 401, "INVALID_API_KEY", "No API key shows the health details here; ask without "
                    + "X-API-Key, or set 'chatsdk.web.health-details'.");
            assertThat(upstream.hits()).as("a refused caller starts no probe").isZero();
            assertNoSecrets(reply, key);
        }
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo(message);
        assertThat(reply.json().get("error").get("suggestion").asText()).isNotBlank();
    }

    @Test
    void answers404WhenSwitchedOff() throws Exception {
        Http http = start(test.builder().set(WebConfig.HEALTH_ENABLED, false));

        Http.Reply reply = http.call("GET", "/chatsdk/health").send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo("No ChatSDK endpoint at '/chatsdk/health'.");
    }

    @Test
    void followsTheDatabaseOfTheJdbcStoreDownAndUp() throws Exception {
        // the report is reused for ChatSdkHealth.REUSE: this clock moves past it instead of the test sleeping
        dev.chatsdk.jakarta.TestClock clock = new dev.chatsdk.jakarta.TestClock(java.time.Instant.now());
        try (PostgresDatabase database = new PostgresDatabase(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            app = ChatNode.start(ChatSdk.builder().config(test.builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                    .set(SessionConfig.Jdbc.URL, database.url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test"))
                    .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER).build()).clock(clock).build());
            Http http = app.http();
            Http.Reply up = detailed(http);
            assertThat(up.status()).as(up.toString()).isEqualTo(200);
            assertThat(data(up).get("sessionStore").asText()).isEqualTo("jdbc");
            assertThat(data(up).get("sessionStore.reachable").asBoolean()).isTrue();

            proxy.cut();
            clock.advance(ChatSdkHealth.REUSE);
            long started = System.nanoTime();
            Http.Reply down = detailed(http);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(data(down).get("sessionStore.reachable").asBoolean()).isFalse();
            assertThat(data(down).get("sessionStore.problem").asText()).startsWith("cannot reach the database");
            // bounded by the store check's timeout (2 s), with room for a loaded machine; a hung probe waits far longer
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            assertNoSecrets(down);

            proxy.restore();
            dev.chatsdk.jakarta.Await.until("the health report UP again", Duration.ofSeconds(15), () -> {
                clock.advance(ChatSdkHealth.REUSE);
                return http.call("GET", "/chatsdk/health").send().status() == 200;
            });
        }
    }

    @Test
    void reportsALiveChatSdkApiUp() throws Exception {
        String key = "ck_live_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.script(Answer.json(404, "{}"));
            Http http = start(remote(upstream.url(), key).set(WebConfig.HEALTH_DETAILS, true));

            Http.Reply reply = http.call("GET", "/chatsdk/health").send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode data = data(reply);
            assertThat(data.get("issuer").asText()).isEqualTo("remote");
            assertThat(data.get("upstream.reachable").asBoolean()).isTrue();
            assertThat(data.get("upstream.circuit").asText()).isEqualTo("closed");
            assertThat(data.has("signingKey.loaded")).isFalse();
            assertNoSecrets(reply, key, upstream.url());
        }
    }

    @Test
    void reportsADeadChatSdkApiDownWithTheOpenCircuit() throws Exception {
        String key = "ck_live_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Http http = start(remote("http://127.0.0.1:" + deadPort, key).set(RemoteConfig.BREAKER_THRESHOLD, 1)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofMinutes(5)).set(WebConfig.HEALTH_DETAILS, true));
        assertThat(http.call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send().status())
                .isEqualTo(503);

        Http.Reply reply = http.call("GET", "/chatsdk/health").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.json().get("status").asText()).isEqualTo("DOWN");
        JsonNode data = data(reply);
        assertThat(data.get("upstream.reachable").asBoolean()).isFalse();
        assertThat(data.get("upstream.problem").asText()).isEqualTo("not probed while the circuit breaker is open");
        assertThat(data.get("upstream.circuit").asText()).isEqualTo("open");
        assertNoSecrets(reply, key, String.valueOf(deadPort));
    }

    private static ChatSdkConfig.Builder remote(String url, String key) {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, url).set(RemoteConfig.API_KEY, key)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.USER, Optional.empty()).set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800));
    }
}
