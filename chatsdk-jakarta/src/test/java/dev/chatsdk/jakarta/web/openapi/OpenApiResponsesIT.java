package dev.chatsdk.jakarta.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Real answers of the module (embedded Jetty 12, servlet filter) checked against the shipped
 * {@code openapi.yaml}: each body against the schema the document gives for its path, method and status,
 * and each documented header present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiResponsesIT {
    private final TestConfig test = new TestConfig();
    private final OpenApiSpec spec = OpenApiSpec.load();
    private ChatNode node;

    @BeforeAll
    void start() throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(test.builder().build()).build());
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    /** Asserts the status, and that the answer is what the document says for it. */
    private Http.Reply conforms(String method, String path, Http.Reply reply, int status) {
        return conforms(method, path, path, reply, status);
    }

    private Http.Reply conforms(String method, String documented, String path, Http.Reply reply, int status) {
        assertThat(reply.status()).as(method + " " + path + ": " + reply).isEqualTo(status);
        List<String> violations = spec.violations(method, documented, reply);
        assertThat(violations).as(method + " " + path + " against " + OpenApiSpec.YAML).isEmpty();
        return reply;
    }

    private Http.Call call(String method, String path) {
        return node.http().call(method, path);
    }

    private JsonNode login() {
        return conforms("POST", "/api/chat/token", call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)
                .send(), 200).json();
    }

    @Test
    void tokenEndpoint() {
        JsonNode tokens = login();
        assertThat(tokens.get("user").get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
        conforms("GET", "/api/chat/token", call("GET", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send(), 200);
        conforms("POST", "/api/chat/token", call("POST", "/api/chat/token").as(TestUsers.BOB, TestUsers.BOB_PASSWORD).send(), 403);
        Http.Reply put = conforms("POST", "/api/chat/token",
                call("PUT", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send(), 405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void serverToServerIssue() {
        for (String path : List.of("/chatsdk/auth/tokens", "/chatsdk/api/auth/connect", "/chatsdk/tokens")) {
            JsonNode tokens = conforms("POST", path, call("POST", path).header("X-API-Key", test.apiKey)
                    .json("{\"userId\":\"u-123\",\"displayName\":\"Test User\",\"metadata\":{\"role\":\"admin\"}}").send(), 200).json();
            assertThat(tokens.get("user").get("custom").get("role").asText()).isEqualTo("admin");
        }
        String path = "/chatsdk/auth/tokens";
        conforms("POST", path, call("POST", path).json("{\"userId\":\"u-1\"}").send(), 401);
        conforms("POST", path, call("POST", path).header("X-API-Key", "wrong").json("{\"userId\":\"u-1\"}").send(), 401);
        conforms("POST", path, call("POST", path).header("X-API-Key", test.apiKey).json("{\"userId\":").send(), 400);
        conforms("POST", path, call("POST", path).header("X-API-Key", test.apiKey).json("{\"userId\":\"a:b\"}").send(), 400);
        conforms("POST", path, call("POST", path).header("X-API-Key", test.apiKey).header("Content-Type", "text/plain")
                .body("userId=u-1").send(), 415);
        conforms("POST", path, call("POST", path).header("X-API-Key", test.apiKey)
                .json("{\"userId\":\"u-1\",\"name\":\"" + "x".repeat(20_000) + "\"}").send(), 413);
    }

    @Test
    void refreshOnEveryAlias() {
        for (String path : List.of("/chatsdk/auth/refresh", "/chatsdk/api/auth/refresh", "/chatsdk/tokens/refresh")) {
            String refresh = login().get("refreshToken").asText();
            JsonNode next = conforms("POST", path, call("POST", path).header("Authorization", "Bearer " + refresh).send(), 200).json();
            conforms("POST", path, call("POST", path).json("{\"refreshToken\":\"" + next.get("refreshToken").asText() + "\"}").send(), 200);
        }
        String path = "/chatsdk/auth/refresh";
        conforms("POST", path, call("POST", path).send(), 401);
        conforms("POST", path, call("POST", path).header("Authorization", "Bearer not.a.token").send(), 401);
        conforms("POST", path, call("POST", path).header("Authorization", "Bearer " + login().get("refreshToken").asText())
                .json("{\"refreshToken\":\"another\"}").send(), 400);
        conforms("POST", path, call("GET", path).send(), 405);
    }

    @Test
    void logoutAndRevoke() {
        for (String path : List.of("/chatsdk/auth/logout", "/chatsdk/auth/revoke")) {
            String refresh = login().get("refreshToken").asText();
            JsonNode first = conforms("POST", path, call("POST", path).header("Authorization", "Bearer " + refresh).send(), 200).json();
            JsonNode again = conforms("POST", path, call("POST", path).header("Authorization", "Bearer " + refresh).send(), 200).json();
            assertThat(first.get("revoked").asBoolean()).isTrue();
            assertThat(again.get("revoked").asBoolean()).isFalse();
            conforms("POST", "/chatsdk/auth/refresh", call("POST", "/chatsdk/auth/refresh")
                    .header("Authorization", "Bearer " + refresh).send(), 401);
        }
    }

    @Test
    void healthWithAndWithoutItsDetails() {
        Http.Reply probe = conforms("GET", "/chatsdk/health", call("GET", "/chatsdk/health").send(), 200);
        assertThat(probe.json().get("checks").get(0).has("data")).isFalse();
        Http.Reply detailed = conforms("GET", "/chatsdk/health", call("GET", "/chatsdk/health")
                .header("X-API-Key", test.apiKey).send(), 200);
        assertThat(detailed.json().get("checks").get(0).get("data").get("issuer").asText()).isEqualTo("local");
        conforms("GET", "/chatsdk/health", call("GET", "/chatsdk/health").header("X-API-Key", "ck_wrong").send(), 401);
    }

    @Test
    void revokeEveryTokenOfAUser() {
        login();
        String documented = "/chatsdk/api/users/{userId}/revoke-tokens";
        String path = "/chatsdk/api/users/alice/revoke-tokens";
        JsonNode revoked = conforms("POST", documented, path, call("POST", path).header("X-API-Key", test.apiKey).send(), 200).json();
        assertThat(revoked.get("revokedSessions").asInt()).isPositive();
        conforms("POST", documented, path, call("POST", path).send(), 401);
    }

    @Test
    void validateBothTokens() {
        JsonNode tokens = login();
        conforms("GET", "/chatsdk/tokens/validate", call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + tokens.get("accessToken").asText()).send(), 200);
        conforms("GET", "/chatsdk/tokens/validate-ws", call("GET", "/chatsdk/tokens/validate-ws")
                .header("Authorization", "Bearer " + tokens.get("wsToken").asText()).send(), 200);
        conforms("GET", "/chatsdk/tokens/validate", call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + tokens.get("wsToken").asText()).send(), 401);
        conforms("GET", "/chatsdk/tokens/validate-ws", call("GET", "/chatsdk/tokens/validate-ws").send(), 401);
    }

    @Test
    void jwksAndUnknownPathsAnswerTheErrorBody() {
        conforms("GET", "/chatsdk/.well-known/jwks.json", call("GET", "/chatsdk/.well-known/jwks.json").send(), 404);
        Http.Reply unknown = call("GET", "/chatsdk/no-such-endpoint").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(spec.violations(spec.root.at("/components/responses/ChatSdkError/content/application~1json/schema"),
                unknown.json())).isEmpty();
    }

    @Test
    void rejectsAnAnswerThatLeavesTheDocument() {
        ObjectNode tokens = login().deepCopy();
        JsonNode schema = spec.resolve(spec.response("POST", "/api/chat/token", 200)).at("/content/application~1json/schema");
        tokens.remove("user");
        tokens.put("expiresIn", "3600");
        tokens.put("surprise", true);

        assertThat(spec.violations(schema, tokens)).hasSize(3)
                .anySatisfy(v -> assertThat(v).contains("user"))
                .anySatisfy(v -> assertThat(v).contains("expiresIn"))
                .anySatisfy(v -> assertThat(v).contains("surprise"));
    }
}
