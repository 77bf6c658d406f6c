package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * WildFly in its MicroProfile configuration ({@code standalone-microprofile.xml}, with SmallRye OpenAPI)
 * and the unchanged jakartaee-war example: the server's generated {@code /openapi} holds the module's
 * endpoints, schemas and security schemes, put there by the module's filter, and not the templated path
 * of the JAX-RS resource's catch-all {@code @Path}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyOpenApiIT {
    private static final List<String> PATHS = List.of("/api/chat/token", "/chatsdk/auth/tokens", "/chatsdk/api/auth/connect",
            "/chatsdk/tokens", "/chatsdk/auth/refresh", "/chatsdk/api/auth/refresh", "/chatsdk/tokens/refresh",
            "/chatsdk/auth/logout", "/chatsdk/auth/revoke", "/chatsdk/api/users/{userId}/revoke-tokens",
            "/chatsdk/tokens/validate", "/chatsdk/tokens/validate-ws", "/chatsdk/.well-known/jwks.json");

    private ServerProcess server;
    private int http;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        http = ServerProcess.freePort();
        Path home = WildFlyLauncher.unzip(KitTarget.serversDir().resolve("wildfly.zip"), Path.of("target", "wildfly-openapi"));
        Path bin = home.resolve("bin");
        for (String script : new String[] {"standalone.sh", "add-user.sh", "jboss-cli.sh"}) {
            bin.resolve(script).toFile().setExecutable(true);
        }
        WildFlyLauncher.addUser(bin, KitTarget.USER, KitTarget.PASSWORD, "chat-user");
        Files.copy(KitTarget.serversDir().resolve("app.war"), home.resolve("standalone/deployments/app.war"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(bin.resolve("standalone.sh").toString(), "-c", "standalone-microprofile.xml",
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1", "-Djboss.socket.binding.port-offset=" + (http - 8080)));
        command.addAll(KitTarget.systemProperties());
        server = ServerProcess.start("WildFly (MicroProfile)", command, Map.of("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1"),
                Path.of("target", "wildfly-openapi.log"));
        server.awaitReady("http://127.0.0.1:" + http + "/app/api/chat/token", KitTarget.USER, KitTarget.PASSWORD,
                Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode openApi() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/openapi?format=JSON"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void documentsTheChatEndpointsInTheServersOpenApi() throws Exception {
        JsonNode doc = openApi();

        // WildFly's /openapi composes every deployment's document, each path under its context root
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsAll(PATHS.stream().map(path -> "/app" + path).toList())
                .noneMatch(path -> path.contains("{chatsdkPath}"));
        assertThat(doc.at("/paths/~1app~1api~1chat~1token/post/operationId").asText()).isEqualTo("chatsdkIssueForUser");
        assertThat(doc.at("/paths/~1app~1api~1chat~1token/get").isObject()).isTrue();
        assertThat(doc.at("/paths/~1app~1chatsdk~1auth~1tokens/post/security/0").has("chatsdkApiKey")).isTrue();
        assertThat(doc.at("/paths/~1app~1chatsdk~1auth~1refresh/post/responses/200/$ref").asText())
                .isEqualTo("#/components/responses/ChatSdkTokens");
        assertThat(doc.at("/paths/~1app~1chatsdk~1api~1users~1{userId}~1revoke-tokens/post/parameters/1/in").asText())
                .isEqualTo("path");
    }

    @Test
    void documentsTheTokenAndErrorSchemasAndTheSecuritySchemes() throws Exception {
        JsonNode components = openApi().get("components");

        JsonNode token = components.at("/schemas/ChatSdkTokenResponse");
        assertThat(token.at("/required").toString()).contains("accessToken", "expiresIn", "wsToken", "user");
        assertThat(token.at("/properties/wsToken/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(token.at("/properties/user/$ref").asText()).isEqualTo("#/components/schemas/ChatSdkUser");
        assertThat(components.at("/schemas/ChatSdkError/required").toString())
                .contains("code", "message", "suggestion", "retryable", "requestId");
        assertThat(components.at("/schemas/ChatSdkErrorCode/enum").toString())
                .contains("REFRESH_TOKEN_REUSED", "NO_CHAT_ACCESS", "TOKEN_API_DISABLED");
        assertThat(components.at("/securitySchemes/chatsdkApiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(components.at("/securitySchemes/chatsdkApiKey/in").asText()).isEqualTo("header");
        assertThat(components.at("/securitySchemes/chatsdkRefreshToken/scheme").asText()).isEqualTo("bearer");
        assertThat(components.at("/securitySchemes/chatsdkContainerLogin/scheme").asText()).isEqualTo("basic");
    }
}
