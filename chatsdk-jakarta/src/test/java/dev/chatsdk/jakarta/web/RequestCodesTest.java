package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatClaim;
import dev.chatsdk.jakarta.ChatUserId;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;

/**
 * The request-time codes no other test asserts, each from one request to a module configured with MicroProfile Config
 * properties: the user object in the request attribute is the application's, and each class below breaks it in one way.
 */
class RequestCodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTE = "chatUser";
    private final TestConfig test = new TestConfig();
    private final ChatTokenService service = new ChatTokenService(MpConfigured.sdk(MpConfigured.properties(test,
            "chatsdk.identity.user-attribute", ATTRIBUTE, "chatsdk.web.max-body-size", "1024")));

    /** Its getter fails: a bug of the application, not a mapping problem. */
    public static class FailingUser {
        @ChatUserId
        public String getId() {
            throw new IllegalStateException("the getter failed: secret-looking detail");
        }
    }

    /** A claim whose value Jackson cannot write. */
    public static class OpaqueClaimUser {
        @ChatUserId
        public String id = "carol-200";
        @ChatClaim("opaque")
        public Object opaque = new Object();
    }

    /** An id longer than a ChatSDK user id may be. */
    public static class OverlongIdUser {
        @ChatUserId
        public String id = "d".repeat(300);
    }

    private FakeRequest tokenRequest(String user, Object userObject) {
        return new FakeRequest("POST", "/api/chat/token").user(user, TestUsers.CHAT_ROLE).attribute(ATTRIBUTE, userObject);
    }

    private static JsonNode error(ChatResponse response) throws IOException {
        return JSON.readTree(response.body()).get("error");
    }

    @Test
    void anUnexpectedFailureIs200WithTheRequestId() throws IOException {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatResponse response = service.handle(tokenRequest("dave-200", new FailingUser()));

            assertThat(response.status()).isEqualTo(500);
            String requestId = error(response).get("requestId").asText();
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-200: request " + requestId
                    + " failed unexpectedly with java.lang.IllegalStateException (messages withheld: they may quote "
                    + "a header or a credential)"));
            assertThat(String.join("\n", logs.lines())).doesNotContain("secret-looking detail");
        }
    }

    @Test
    void anUnreadableBodyIs201() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by the client");
            }
        };
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatResponse response = service.handle(new FakeRequest("POST", "/chatsdk/auth/tokens")
                    .header("X-API-Key", test.apiKey).header("Content-Type", "application/json").body(broken, 20));

            assertThat(response.status()).isEqualTo(400);
            assertThat(error(response).get("code").asText()).isEqualTo("MALFORMED_JSON");
            assertThat(logs.lines()).anyMatch(line -> line.matches("CHATSDK-201: (a request|request \\S+) body could "
                    + "not be read.*connection reset by the client.*"));
        }
    }

    @Test
    void aMappingProblemIs202AndNamesTheProblem068() throws IOException {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatResponse response = service.handle(tokenRequest("carol-200", new OpaqueClaimUser()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(error(response).get("message").asText()).isEqualTo("The server's ChatSDK configuration or the "
                    + "application's user mapping is wrong; the server log names the problem under this requestId.");
            assertThat(error(response).get("code").asText()).isEqualTo("SERVER_MISCONFIGURED");
            String requestId = error(response).get("requestId").asText();
            String problem = "CHATSDK-068: " + OpaqueClaimUser.class.getName() + ".opaque (field) holds a "
                    + "java.lang.Object, which cannot be written as JSON; give the claim a JSON-friendly value (string, "
                    + "number, boolean, list, map, record or bean)";
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-202: request " + requestId
                    + " met a mapping problem: ") && line.endsWith("\n" + problem));
            // the audit line of the rejection
            assertThat(logs.lines()).contains("CHATSDK-505: event=RequestRejected userId=carol-200 sessionId=- "
                    + "clientIp=127.0.0.1 endpoint=token code=SERVER_MISCONFIGURED reason=\"The server's ChatSDK "
                    + "configuration or the application's user mapping is wrong; the server log names the problem "
                    + "under this requestId.\"");
        }
    }

    @Test
    void aValueOverItsLimitInTheUserObjectIs069() throws IOException {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatResponse response = service.handle(tokenRequest("d".repeat(300), new OverlongIdUser()));

            assertThat(response.status()).isEqualTo(400);
            assertThat(logs.records()).anyMatch(r -> r.getLevel() == java.util.logging.Level.SEVERE
                    && r.getMessage().startsWith("CHATSDK-069: ")
                    && r.getMessage().endsWith(" It was read from a " + OverlongIdUser.class.getName() + "."));
            assertThat(error(response).get("message").asText()).endsWith(" It was read from a "
                    + OverlongIdUser.class.getName() + ".");
        }
    }

}
