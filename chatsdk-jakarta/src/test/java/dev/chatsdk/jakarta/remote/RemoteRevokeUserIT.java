package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.testsupport.LogCapture;

/**
 * {@code revokeUser} with the remote issuer: one {@code POST /api/users/:userId/revoke-tokens} to a scripted ChatSDK
 * API with the app's key and a reason, the user id percent-encoded as one segment; its 200 and 404 answers, and its
 * failures as the existing upstream codes. No line logged and no exception message holds the key.
 */
class RemoteRevokeUserIT {
    private static final String KEY = "ck_live_" + dev.chatsdk.jakarta.TestConfig.randomSecret();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScriptedUpstream upstream;
    private static LogCapture logs;
    private final List<ChatEvent> events = new ArrayList<>();
    private ChatSdk sdk;

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
    }

    @AfterEach
    void close() {
        if (sdk != null) {
            sdk.close();
        }
    }

    private ChatSdk sdk(String url, ChatSdkConfig.Builder config) {
        sdk = ChatSdk.builder().config(config.set(RemoteConfig.API_URL, url).set(RemoteConfig.API_KEY, KEY)
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800)).build()).eventListener(events::add).build();
        return sdk;
    }

    private ChatSdk sdk() {
        return sdk(upstream.url(), ChatSdkConfig.builder());
    }

    @Test
    void postsTheUserIdEncodedAsOneSegmentWithTheKeyAndAReason() throws Exception {
        upstream.script(Answer.json(200, "{\"success\":true,\"revokedUserId\":\"al ice?#;é\"}"));

        assertThat(sdk().revokeUser("al ice?#;é")).isEqualTo(1);

        ScriptedUpstream.Received call = upstream.received().get(0);
        assertThat(call.rawPath).isEqualTo("/api/users/al%20ice%3F%23%3B%C3%A9/revoke-tokens");
        assertThat(call.path).isEqualTo("/api/users/al ice?#;é/revoke-tokens");
        assertThat(call.header("X-API-Key")).isEqualTo(KEY);
        assertThat(call.header("Authorization")).isNull();
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(call.body).get("reason").asText())
                .isEqualTo("server_revoke: the application revoked the user (ChatSdk.revokeUser)");
        assertThat(events).singleElement().isInstanceOfSatisfying(SessionRevoked.class,
                e -> assertThat(e.cause()).isEqualTo(SessionRevoked.Cause.USER));
    }

    @Test
    void sendsTheCauseTheModuleGivesCutToTheApis255Characters() throws Exception {
        upstream.script(Answer.json(200, "{\"success\":true,\"revokedUserId\":\"alice\"}"));
        RemoteTokenIssuer issuer = (RemoteTokenIssuer) sdk().issuer();

        assertThat(issuer.revokeUser("alice", "app_logout")).isEqualTo(1);
        assertThat(issuer.revokeUser("alice", "x".repeat(300))).isEqualTo(1);

        assertThat(JSON.readTree(upstream.received().get(0).body).get("reason").asText()).isEqualTo("app_logout");
        assertThat(JSON.readTree(upstream.received().get(1).body).get("reason").asText()).hasSize(255);
    }

    @Test
    void followsTheConfiguredPath() {
        upstream.script(Answer.json(200, "{\"success\":true}"));

        assertThat(sdk(upstream.url() + "/base", ChatSdkConfig.builder()
                .set(RemoteConfig.REVOKE_USER_PATH, "/v2/users/{userId}/revoke")).revokeUser("bob")).isEqualTo(1);

        assertThat(upstream.received().get(0).rawPath).isEqualTo("/base/v2/users/bob/revoke");
    }

    @Test
    void aUserTheApiDoesNotKnowHasNothingRevoked() {
        upstream.script(Answer.json(404, "{\"error\":{\"message\":\"User not found\"}}"));

        assertThat(sdk().revokeUser("ghost")).isZero();

        assertThat(upstream.hits()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aPathTheApiHasNoEndpointAtIsNoUserWithNothingToRevoke() {
        upstream.script(Answer.json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No route\"}}"));

        assertThatThrownBy(() -> sdk().revokeUser("alice")).isInstanceOfSatisfying(ChatSdkException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
            assertThat(e.getMessage()).isEqualTo("The ChatSDK API has no user revocation endpoint there (status 404); "
                    + "check 'chatsdk.api-url' and the 'chatsdk.remote.*-path' keys.");
        });
    }

    @Test
    void aRefusedKeyIsUpstreamRejectedWithoutTheKey() {
        upstream.script(Answer.json(401, "{\"error\":{\"code\":\"INVALID_API_KEY\",\"message\":\"bad\"}}"));

        assertThatThrownBy(() -> sdk().revokeUser("alice")).isInstanceOfSatisfying(ChatSdkException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
            assertThat(e.getMessage()).contains("check 'chatsdk.remote.api-key'").doesNotContain(KEY);
        });
    }

    @Test
    void aServerErrorIsNotRetriedAndIsABadResponse() {
        upstream.script(Answer.json(500, "{\"error\":{\"code\":\"DATABASE_ERROR\",\"message\":\"db\"}}"));

        assertThatThrownBy(() -> sdk().revokeUser("alice")).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
        assertThat(upstream.hits()).isEqualTo(1);
        assertThat(logs.lines()).contains("CHATSDK-400: the ChatSDK API answered /api/users/alice/revoke-tokens with "
                + "status 500 and error code DATABASE_ERROR (body not logged)");
    }

    @Test
    void unavailableAnswersAreRetriedUntilTheApiRecovers() {
        upstream.script(Answer.json(503, "{}"), Answer.json(200, "{\"success\":true,\"revokedUserId\":\"alice\"}"));

        assertThat(sdk().revokeUser("alice")).isEqualTo(1);

        assertThat(upstream.hits()).isEqualTo(2);
    }

    @Test
    void aSlowApiIsATimeout() {
        upstream.script(Answer.json(200, "{\"success\":true}").after(2000));

        assertThatThrownBy(() -> sdk().revokeUser("alice")).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT));
        assertThat(upstream.hits()).isEqualTo(1);
    }

    @Test
    void anApiThatIsDownIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> sdk("http://127.0.0.1:" + closed, ChatSdkConfig.builder()).revokeUser("alice"))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void anIdNoPathCanCarryIsRefusedWithoutACall() {
        upstream.script(Answer.json(200, "{\"success\":true}"));

        for (String id : new String[] {"..", "a/b", "a%2F", "app:alice"}) {
            assertThatThrownBy(() -> sdk().revokeUser(id)).as(id).isInstanceOfSatisfying(ChatSdkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USER_ID));
            sdk.close();
        }
        assertThat(upstream.hits()).isZero();
    }
}
