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
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.WebConfig;

class ChatTokenServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestConfig test = new TestConfig();
    private final ChatTokenService service = new ChatTokenService(ChatSdk.create(test.builder()
            .set(WebConfig.MAX_BODY_SIZE, 1024).build()));

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
    void refusesADeclaredLengthOverTheLimitWithoutReadingAndClosesTheConnection() throws IOException {
        Endless body = new Endless();
        ChatResponse response = service.handle(issue().header("Content-Type", "application/json").body(body, 5000));

        assertError(response, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1024 bytes.");
        assertThat(body.read.get()).isZero();
        assertThat(response.headers()).containsEntry("Connection", "close");
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
    void stopsReadingAnUndeclaredBodyJustPastTheLimit() throws IOException {
        Endless body = new Endless();
        ChatResponse response = service.handle(issue().header("Content-Type", "application/json").body(body, -1));

        assertError(response, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1024 bytes.");
        assertThat(body.read.get()).isLessThanOrEqualTo(1024 + 4096);
        assertThat(response.headers()).containsEntry("Connection", "close");
    }

    @Test
    void answersWhatTheHeadersDecideWithoutReadingTheBody() throws IOException {
        FakeRequest[] requests = {
            new FakeRequest("POST", "/chatsdk/auth/tokens").header("X-API-Key", "ck_wrong_" + "x".repeat(40))
                    .header("Content-Type", "application/json"),
            new FakeRequest("POST", "/chatsdk/auth/tokens").header("Content-Type", "application/json"),
            issue().header("Content-Type", "text/plain"),
            new FakeRequest("POST", "/chatsdk/nothing-here").header("Content-Type", "application/json"),
            new FakeRequest("GET", "/chatsdk/health"),
            new FakeRequest("PUT", "/chatsdk/auth/refresh").header("Content-Type", "application/json"),
            new FakeRequest("POST", "/api/chat/token").header("Content-Type", "application/json")};
        int[] statuses = {401, 401, 415, 404, 200, 405, 401};
        for (int i = 0; i < requests.length; i++) {
            Endless body = new Endless();
            ChatExchange exchange = service.begin(requests[i].body(body, 1000));

            assertThat(exchange.needsBody()).as("request %d", i).isFalse();
            assertThat(exchange.answer().status()).as("request %d", i).isEqualTo(statuses[i]);
            assertThat(exchange.answer().headers()).as("request %d", i).containsEntry("Connection", "close");
            assertThat(body.read.get()).as("request %d", i).isZero();
        }
    }

    @Test
    void keepsTheConnectionWhenNoBodyWasSent() {
        ChatResponse response = service.handle(new FakeRequest("GET", "/chatsdk/nothing-here"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).doesNotContainKey("Connection");
    }

    @Test
    void waitsForTheBodyOnlyOnceTheHeadersAreAccepted() {
        ChatExchange exchange = service.begin(issue().header("Content-Type", "application/json").body(new Endless(), 20));

        assertThat(exchange.needsBody()).isTrue();
        assertThat(exchange.bodyLimit()).isEqualTo(1024);
        assertThat(exchange.bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void answers408WhenTheBodyDribblesPastTheDeadline() throws IOException {
        ChatTokenService quick = new ChatTokenService(ChatSdk.create(test.builder()
                .set(WebConfig.BODY_TIMEOUT, java.time.Duration.ofMillis(300)).build()));
        InputStream dribble = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(100); // a client sending one byte every 100 ms
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return '{';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
        long started = System.nanoTime();
        ChatResponse response = quick.handle(new FakeRequest("POST", "/chatsdk/auth/refresh")
                .header("Content-Type", "application/json").body(dribble, 1000));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertError(response, 408, "REQUEST_TIMEOUT",
                "The request body did not arrive in time: the module waits for it at most PT0.3S "
                                + "(chatsdk.web.body-timeout), and the container may give up sooner on a body that "
                                + "trickles in (its minimum request data rate).");
        assertThat(error(response).get("retryable").asBoolean()).isTrue();
        assertThat(response.headers()).containsEntry("Connection", "close");
        // 1000 bytes at 100 ms would take 100 s; the deadline (plus the one read under way) ends it
        assertThat(tookMillis).isBetween(300L, 10_000L);
    }

    @Test
    void answersAnExchangeOnlyOnce() {
        ChatExchange exchange = service.begin(issue().header("Content-Type", "application/json").body(new Endless(), 20));

        assertThat(exchange.timedOut().status()).isEqualTo(408);
        assertThat(exchange.complete("{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(exchange.tooLarge()).isNull();
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
        ChatTokenService off = new ChatTokenService(ChatSdk.create(test.builder()
                .set(WebConfig.API_KEYS, List.of()).build()));

        assertError(off.handle(issue().json("{\"userId\":\"u\"}")), 404, "TOKEN_API_DISABLED",
                "The token API is off because 'chatsdk.web.api-keys' is not set.");
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
    void makesRandomVersionFourRequestIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ChatTokenService.newRequestId();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(ids.add(id)).isTrue();
        }
    }

    @Test
    void allowsAnyAuthenticatedUserWhenNoRoleIsRequired() {
        ChatTokenService open = new ChatTokenService(ChatSdk.create(test.builder()
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(java.util.Set.of())).build()));

        assertThat(open.handle(new FakeRequest("POST", "/api/chat/token").user("carol")).status()).isEqualTo(200);
    }

    @Test
    void servesOnlyItsOwnPaths() {
        ChatSdkConfig config = test.builder().set(WebConfig.TOKEN_PATH, "/t").set(WebConfig.API_BASE, "/base").build();
        ChatTokenService custom = new ChatTokenService(ChatSdk.create(config));

        assertThat(custom.serves("/t")).isTrue();
        assertThat(custom.serves("/base/auth/tokens")).isTrue();
        assertThat(custom.serves("/baseline")).isFalse();
        assertThat(custom.serves("/api/chat/token")).isFalse();
    }
}
