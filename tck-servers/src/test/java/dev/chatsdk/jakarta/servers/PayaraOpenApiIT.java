package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Payara Micro (its own MicroProfile OpenAPI implementation, which does not scan WEB-INF/lib by default)
 * with the unchanged jakartaee-war example: its {@code /openapi} holds the module's endpoints and schemas,
 * put there by the module's filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraOpenApiIT {
    private ServerProcess server;
    private int http;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        http = ServerProcess.freePort();
        Path work = Files.createDirectories(Path.of("target", "payara-openapi").toAbsolutePath());
        Path password = work.resolve("alice.pw");
        Files.writeString(password, "AS_ADMIN_USERPASSWORD=" + KitTarget.PASSWORD + "\n");
        Path postBoot = work.resolve("post-boot.asadmin");
        Files.writeString(postBoot, String.format("create-file-user --groups chat-user --passwordfile %s %s%n", password,
                KitTarget.USER));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("payara.java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"));
        command.addAll(KitTarget.systemProperties());
        command.addAll(List.of("-jar", KitTarget.serversDir().resolve("payara-micro.jar").toAbsolutePath().toString(),
                "--deploy", KitTarget.serversDir().resolve("app.war").toAbsolutePath().toString(),
                "--port", String.valueOf(http), "--nocluster", "--disablephonehome",
                "--unpackdir", work.resolve("runtime").toString(), "--postbootcommandfile", postBoot.toString()));
        server = ServerProcess.start("Payara Micro (OpenAPI)", command, Map.of(), Path.of("target", "payara-openapi.log"));
        server.awaitReady("http://127.0.0.1:" + http + "/app/api/chat/token", KitTarget.USER, KitTarget.PASSWORD,
                Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void documentsTheChatEndpointsAndSchemasInTheServersOpenApi() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/openapi/"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(response.body());

        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).as(response.body()).contains("/api/chat/token", "/chatsdk/auth/refresh", "/chatsdk/auth/logout",
                "/chatsdk/api/users/{userId}/revoke-tokens", "/chatsdk/tokens/validate", "/chatsdk/auth/tokens")
                .noneMatch(path -> path.contains("{chatsdkPath}"));
        assertThat(doc.at("/paths/~1chatsdk~1auth~1tokens/post/security/0").has("chatsdkApiKey")).isTrue();
        JsonNode components = doc.get("components");
        assertThat(components.at("/schemas/ChatSdkTokenResponse/required").toString()).contains("accessToken", "user");
        assertThat(components.at("/schemas/ChatSdkErrorCode/enum").toString()).contains("REFRESH_TOKEN_REUSED");
        assertThat(components.at("/securitySchemes/chatsdkApiKey/name").asText()).isEqualTo("X-API-Key");
    }
}
