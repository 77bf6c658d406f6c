package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.CentrifugoConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Revocation reaching live sockets: logout, user-wide revocation and refresh token reuse each make one call to a
 * Centrifugo stand-in's {@code POST /api/disconnect} with {@code X-API-Key} and the ws token's {@code sub} as the
 * user; 503s are retried, failures (an {@code error} field with status 200 too) open the breaker, a slow
 * Centrifugo never delays the logout answer, and nothing is called without the keys. The key is in no log line.
 */
class CentrifugoDisconnectIT {
    private static final String KEY = "cfg_" + TestConfig.randomSecret();
    private static final String USER = TestConfig.APP_ID + ":" + TestUsers.ALICE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScriptedUpstream centrifugo;
    private static LogCapture logs;
    private final TestConfig test = new TestConfig();
    private ChatNode app;

    @BeforeAll
    static void start() throws Exception {
        NoSecretsInLogs.secret(KEY);
        logs = new LogCapture();
        centrifugo = new ScriptedUpstream();
    }

    @AfterAll
    static void stop() {
        centrifugo.close();
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(KEY));
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private ChatSdkConfig.Builder config() {
        return test.builder().set(CentrifugoConfig.API_URL, centrifugo.url() + "/api")
                .set(CentrifugoConfig.API_KEY, KEY)
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800));
    }

    private Http http(ChatSdkConfig.Builder config) throws Exception {
        app = ChatNode.start(ChatSdk.create(config.build()));
        return app.http();
    }

    private static String login(Http http) {
        Http.Reply reply = http.call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("refreshToken").asText();
    }

    private static Http.Reply logout(Http http, String refreshToken) {
        return http.call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer " + refreshToken).send();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertDisconnectCall(ScriptedUpstream.Received call) throws Exception {
        assertThat(call.path).isEqualTo("/api/disconnect");
        assertThat(call.header("X-API-Key")).isEqualTo(KEY);
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(call.body);
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("user").asText()).isEqualTo(USER);
    }

    private static long logLines(String code) {
        return logs.lines().stream().filter(line -> line.startsWith(code)).count();
    }

    @Test
    void disconnectsTheUserOnLogout() throws Exception {
        centrifugo.script(Answer.json(200, "{}"));
        Http http = http(config());

        Http.Reply reply = logout(http, login(http));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("revoked").asBoolean()).isTrue();
        await("the disconnect", () -> centrifugo.hits() == 1);
        assertDisconnectCall(centrifugo.received().get(0));
        Thread.sleep(200); // the scenario, not a wait: a second call would come at once; none may within this window
        assertThat(centrifugo.hits()).as("one call per logout").isEqualTo(1);
    }

    @Test
    void disconnectsTheUserWhenTheApplicationsLogoutEndsTheSession() throws Exception {
        centrifugo.script(Answer.json(200, "{}"));
        Http http = http(config());
        String sessionId = com.auth0.jwt.JWT.decode(login(http)).getClaim("sid").asString();

        assertThat(app.sdk().issuer().revokesSessions()).isTrue();
        assertThat(app.sdk().issuer().revokeSession(sessionId)).isTrue();

        await("the disconnect", () -> centrifugo.hits() == 1);
        assertDisconnectCall(centrifugo.received().get(0));
        assertThat(app.sdk().issuer().revokeSession(sessionId)).as("revoked before").isFalse();
        Thread.sleep(200); // the scenario, not a wait: a second call would come at once; none may within this window
        assertThat(centrifugo.hits()).as("no call for a session revoked before").isEqualTo(1);
    }

    @Test
    void disconnectsTheUserOnUserWideRevocation() throws Exception {
        centrifugo.script(Answer.json(200, "{\"result\":{}}"));
        Http http = http(config());
        login(http);

        Http.Reply reply = http.call("POST", "/chatsdk/api/users/alice/revoke-tokens").header("X-API-Key", test.apiKey)
                .send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("revokedSessions").asInt()).isEqualTo(1);
        await("the disconnect", () -> centrifugo.hits() == 1);
        assertDisconnectCall(centrifugo.received().get(0));

        app.sdk().revokeUser(TestUsers.ALICE);
        await("the disconnect of ChatSdk.revokeUser", () -> centrifugo.hits() == 2);
        assertDisconnectCall(centrifugo.received().get(1));
    }

    @Test
    void disconnectsTheUserWhenARefreshTokenIsReused() throws Exception {
        centrifugo.script(Answer.json(200, "{}"));
        Http http = http(config().set(SessionConfig.ROTATION_GRACE, Duration.ZERO));
        String first = login(http);
        assertThat(http.call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + first).send().status())
                .isEqualTo(200);
        assertThat(centrifugo.hits()).as("a rotation disconnects nobody").isZero();

        Http.Reply reused = http.call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + first).send();

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("error").get("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
        await("the disconnect", () -> centrifugo.hits() == 1);
        assertDisconnectCall(centrifugo.received().get(0));
    }

    @Test
    void retriesA503ThenSucceeds() throws Exception {
        centrifugo.script(Answer.json(503, "{}"), Answer.json(503, "{}"), Answer.json(200, "{}"));
        Http http = http(config());
        long failuresBefore = logLines("CHATSDK-576");

        logout(http, login(http));

        await("three attempts", () -> centrifugo.hits() == 3);
        for (ScriptedUpstream.Received call : centrifugo.received()) {
            assertDisconnectCall(call);
        }
        await("the success log line", () -> logs.lines().stream()
                .anyMatch(line -> line.equals("CHATSDK-575: Centrifugo disconnected user '" + USER + "' after logout")));
        assertThat(logLines("CHATSDK-576")).isEqualTo(failuresBefore);
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresIncludingErrorsInA200() throws Exception {
        centrifugo.script(Answer.json(200, "{\"error\":{\"code\":100,\"message\":\"internal server error\"}}"));
        Http http = http(config().set(RemoteConfig.BREAKER_THRESHOLD, 2)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofMinutes(5)));
        long failuresBefore = logLines("CHATSDK-576");

        for (int i = 1; i <= 2; i++) {
            logout(http, login(http));
            long expected = failuresBefore + i;
            await("failure " + i, () -> logLines("CHATSDK-576") == expected);
        }
        assertThat(centrifugo.hits()).as("an error in a 200 is not retried").isEqualTo(2);
        assertThat(logs.lines()).contains("CHATSDK-576: Centrifugo did not disconnect user '" + USER + "' after logout "
                + "(it answered status 200 with error code 100); the sockets stay open until they "
                + "close or their ws token expires");
        Http.Reply health = http.call("GET", "/chatsdk/health").header("X-API-Key", test.apiKey).send();
        assertThat(health.json().get("checks").get(0).get("data").get("centrifugo.circuit").asText()).isEqualTo("open");
        assertThat(health.status()).as("Centrifugo is best-effort: the module stays UP").isEqualTo(200);

        logout(http, login(http));

        await("the refusal", () -> logLines("CHATSDK-576") == failuresBefore + 3);
        assertThat(centrifugo.hits()).as("the open breaker calls nobody").isEqualTo(2);
        assertThat(logs.lines()).contains("CHATSDK-576: Centrifugo did not disconnect user '" + USER + "' after logout "
                + "(Centrifugo failed repeatedly; calls are paused for a moment.); the sockets stay open until they "
                + "close or their ws token expires");
    }

    @Test
    void aSlowCentrifugoDoesNotDelayTheLogoutAnswer() throws Exception {
        centrifugo.script(Answer.json(200, "{}").after(3000));
        Http http = http(config().set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofSeconds(5)));
        String refreshToken = login(http);

        long started = System.nanoTime();
        Http.Reply reply = logout(http, refreshToken);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(200);
        // shorter than Centrifugo's 3 s answer is proof enough that the logout did not wait for it, on any machine
        assertThat(took).isLessThan(Duration.ofMillis(3000));
        await("the slow disconnect to arrive", () -> centrifugo.hits() == 1);
    }

    @Test
    void callsNothingWithoutTheCentrifugoKeys() throws Exception {
        centrifugo.script(Answer.json(200, "{}"));
        Http http = http(test.builder().set(SessionConfig.ROTATION_GRACE, Duration.ZERO));

        String first = login(http);
        http.call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + first).send();
        http.call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + first).send();
        logout(http, login(http));
        app.sdk().revokeUser(TestUsers.ALICE);
        Thread.sleep(300); // the scenario, not a wait: a call would come at once; none may within this window

        assertThat(centrifugo.hits()).isZero();
        JsonNode data = http.call("GET", "/chatsdk/health").header("X-API-Key", test.apiKey).send().json()
                .get("checks").get(0).get("data");
        assertThat(data.get("sessionStore").asText()).isEqualTo("memory");
        assertThat(data.has("centrifugo.circuit")).isFalse();
    }
}
