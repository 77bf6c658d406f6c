package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;

class ChatTokenServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestConfig test = new TestConfig();
    private final ChatTokenService service = new ChatTokenService(ChatSdk.create(test.builder().maxBodySize(1024).build()));

    private FakeRequest issue() {
        return new FakeRequest("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey);
    }

    private static JsonNode error(ChatResponse response) throws IOException {
        return JSON.readTree(response.body()).get("error");
    }

    private static void assertError(ChatResponse response, int status, String code, String message) throws IOException {
        assertThat(response.status()).isEqualTo(status);
        assertThat(error(response).get("code").asText()).isEqualTo(code);
        assertThat(error(response).get("message").asText()).isEqualTo(message);
    }

    /** An endless body that counts what was read from it. */
    private static final class Endless extends InputStream {
        final AtomicLong read = new AtomicLong();

        @Override
        public int read() {
            read.incrementAndGet();
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read.addAndGet(len);
            return len;
        }
    }

    @Test
    void readsAndDiscardsASmallRefusedBodySoTheConnectionStaysUsable() throws IOException {
        Endless body = new Endless();
        ChatResponse response = service.handle(issue().header("Content-Type", "application/json").body(body, 5000));

        assertError(response, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1024 bytes.");
        assertThat(body.read.get()).isBetween(5000L, (long) RequestBodies.DRAIN_LIMIT);
    }

    @Test
    void leavesAHugeDeclaredBodyUnread() throws IOException {
        Endless body = new Endless();
        ChatResponse response = service.handle(issue().header("Content-Type", "application/json")
                .body(body, 50L * 1024 * 1024));

        assertError(response, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1024 bytes.");
        assertThat(body.read.get()).isZero();
    }

    @Test
    void stopsReadingAnUndeclaredBodyAtTheDrainLimit() throws IOException {
        Endless body = new Endless();
        ChatResponse response = service.handle(issue().header("Content-Type", "application/json").body(body, -1));

        assertError(response, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1024 bytes.");
        assertThat(body.read.get()).isLessThanOrEqualTo(1024 + 4096 + RequestBodies.DRAIN_LIMIT);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws IOException {
        String json = "{\"userId\":\"u\",\"custom\":{\"n\":\"" + "n".repeat(1024 - 32) + "\"}}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(1024);

        assertThat(service.handle(issue().json(json)).status()).isEqualTo(200);
    }

    @Test
    void rejectsJsonThatIsNotOneObject() throws IOException {
        assertError(service.handle(issue().json("[1]")), 400, "MALFORMED_JSON", "The request body must be a JSON object.");
        assertError(service.handle(issue().json("{\"userId\":\"a\"} {}")), 400, "MALFORMED_JSON",
                "The request body is not valid JSON (line 1, column 16).");
        assertError(service.handle(issue().json("{\"userId\":\"a\",\"userId\":\"b\"}")), 400, "MALFORMED_JSON",
                "The request body is not valid JSON (line 1, column 23).");
    }

    @Test
    void namesTheFieldOfTheWrongType() throws IOException {
        assertError(service.handle(issue().json("{\"userId\":1}")), 400, "INVALID_REQUEST",
                "Field 'userId' is required and must be a string.");
        assertError(service.handle(issue().json("{\"userId\":\"u\",\"displayName\":7}")), 400, "INVALID_REQUEST",
                "Field 'displayName' must be a string.");
        assertError(service.handle(issue().json("{\"userId\":\"u\",\"metadata\":\"x\"}")), 400, "INVALID_REQUEST",
                "Field 'metadata' must be a JSON object.");
    }

    @Test
    void acceptsJsonMediaTypesWithParameters() {
        ChatResponse response = service.handle(issue().json("{\"userId\":\"u\"}")
                .header("Content-Type", "application/vnd.chat+json; charset=utf-8"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void keepsTheTokenApiOffWithoutApiKeys() throws IOException {
        ChatTokenService off = new ChatTokenService(ChatSdk.create(test.builder().apiKeys(List.of()).build()));

        assertError(off.handle(issue().json("{\"userId\":\"u\"}")), 404, "TOKEN_API_DISABLED",
                "The token API is off because 'chatsdk.api-key' is not set.");
    }

    @Test
    void answersAnUnexpectedFailureWithoutItsDetails() throws IOException {
        ChatSdk failing = ChatSdk.builder().config(test.builder().build()).userResolver(p -> {
            throw new IllegalStateException("jdbc:postgresql://db password=hunter2");
        }).build();
        ChatResponse response = new ChatTokenService(failing)
                .handle(new FakeRequest("POST", "/api/chat/token").user("alice", "chat-user"));

        assertError(response, 500, "INTERNAL_ERROR",
                "The request failed unexpectedly; the server log has the details under this requestId.");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("hunter2", "Exception");
    }

    @Test
    void echoesOnlyWellFormedRequestIds() throws IOException {
        ChatResponse kept = service.handle(new FakeRequest("GET", "/chatsdk/x").header("X-Request-ID", "abc-123"));
        ChatResponse replaced = service.handle(new FakeRequest("GET", "/chatsdk/x")
                .header("X-Request-ID", "<script>" + "x".repeat(100)));

        assertThat(kept.headers().get("X-Request-ID")).isEqualTo("abc-123");
        assertThat(error(kept).get("requestId").asText()).isEqualTo("abc-123");
        assertThat(replaced.headers().get("X-Request-ID")).matches("[0-9a-f-]{36}");
    }

    @Test
    void allowsAnyAuthenticatedUserWhenNoRoleIsRequired() {
        ChatTokenService open = new ChatTokenService(ChatSdk.create(test.builder().rolesAllowed(java.util.Set.of()).build()));

        assertThat(open.handle(new FakeRequest("POST", "/api/chat/token").user("carol")).status()).isEqualTo(200);
    }

    @Test
    void servesOnlyItsOwnPaths() {
        ChatSdkConfig config = test.builder().tokenPath("/t").apiBase("/base").build();
        ChatTokenService custom = new ChatTokenService(ChatSdk.create(config));

        assertThat(custom.serves("/t")).isTrue();
        assertThat(custom.serves("/base/auth/tokens")).isTrue();
        assertThat(custom.serves("/baseline")).isFalse();
        assertThat(custom.serves("/api/chat/token")).isFalse();
    }
}
