package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;

/**
 * The upstream codes no other test asserts, each from one issue through a remote issuer configured with MicroProfile
 * Config properties, against a ChatSDK API stand-in that misbehaves in one way.
 */
class RemoteCodesIT {
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private static final String SECRET = "upstream-secret-upstream-secret-!!";
    private static ScriptedUpstream upstream;

    @BeforeAll
    static void start() throws IOException {
        NoSecretsInLogs.secret(KEY);
        upstream = new ScriptedUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private static ChatSdk remote(String url) {
        return MpConfigured.sdk(Map.of("chatsdk.issuer", "remote", "chatsdk.api-url", url, "chatsdk.remote.api-key", KEY,
                "chatsdk.remote.logout-path", "/api/auth/logout", "chatsdk.remote.connect-timeout", "500ms",
                "chatsdk.remote.request-timeout", "800ms"));
    }

    private static String connect(String userId, String name) {
        String access = JWT.create().withClaim("sid", "s-up").withClaim("user_id", userId).sign(Algorithm.HMAC256(SECRET));
        String refresh = JWT.create().withSubject("app-1:" + userId).withClaim("user_id", userId)
                .withClaim("type", "refresh").sign(Algorithm.HMAC256(SECRET));
        return "{\"user\":{\"id\":\"" + userId + "\",\"displayName\":\"" + name + "\"},\"token\":\"" + access
                + "\",\"refreshToken\":\"" + refresh + "\",\"expiresIn\":900}";
    }

    @Test
    void anApiThatDoesNotAnswerInTimeIs402() {
        upstream.script(Answer.json(200, connect("frank", "Frank")).after(2000));
        ChatSdk sdk = remote(upstream.url());
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            assertThatThrownBy(() -> sdk.issue(ChatUser.of("frank"))).isInstanceOfSatisfying(ChatSdkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT));

            assertThat(logs.lines()).contains("CHATSDK-402: the ChatSDK API did not answer within PT0.8S");
        }
    }

    @Test
    void aConnectionThatBreaksIs403() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread breaker = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                        in.read(new byte[512]);
                        s.setSoLinger(true, 0); // a reset, as a crashing peer sends
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "breaking-upstream");
            breaker.setDaemon(true);
            breaker.start();
            ChatSdk sdk = remote("http://127.0.0.1:" + server.getLocalPort());
            try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
                assertThatThrownBy(() -> sdk.issue(ChatUser.of("grace"))).isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));

                assertThat(logs.lines()).anyMatch(line -> line.matches(
                        "CHATSDK-403: the call to the ChatSDK API failed \\(java\\.[\\w.]+\\)"));
            }
        }
    }

    @Test
    void anAnswerOverTheSizeLimitIs404() {
        upstream.script(Answer.huge(1024 * 1024));
        ChatSdk sdk = remote(upstream.url());
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            assertThatThrownBy(() -> sdk.issue(ChatUser.of("heidi"))).isInstanceOfSatisfying(ChatSdkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));

            assertThat(logs.lines()).contains("CHATSDK-404: the ChatSDK API answered status 200 with a body over "
                    + UpstreamClient.MAX_BODY_BYTES + " bytes; the connection was dropped");
        }
    }

    @Test
    void aProfileOutOfBoundsIs405AndKeepsTheUserId() {
        upstream.script(Answer.json(200, connect("ivan", "I".repeat(ChatUser.MAX_NAME_LENGTH + 1))));
        ChatSdk sdk = remote(upstream.url());
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatTokens tokens = sdk.issue(ChatUser.of("ivan"));

            assertThat(tokens.user()).isEqualTo(ChatUser.of("ivan"));
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-405: the token response's user profile "
                    + "is out of bounds (") && line.endsWith("); keeping the user id only"));
        }
    }
}
