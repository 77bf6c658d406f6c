package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.Http;

/**
 * {@code java -jar chatsdk-quickstart.jar} as the README runs it, in its own JVM, configured by environment
 * variables only.
 */
class QuickstartMainIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What lets the page be watched refreshing within a minute: {@code CHATSDK_TOKEN_ACCESS_TTL=20s}. */
    @Test
    void takesTheAccessLifetimeFromTheEnvironment() throws Exception {
        Path jar = Path.of("target", "chatsdk-quickstart.jar");
        assertThat(jar).as("the package phase builds the executable jar").exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("CHATSDK_TOKEN_ACCESS_TTL", "20s");
        Process process = builder.start();
        try {
            URI base = URI.create(listeningOn(process).get(30, TimeUnit.SECONDS));
            HttpResponse<String> response = Http.post(base.resolve("api/chat/token").toString(),
                    Http.basic("alice", "alice-password"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("expiresIn").asLong()).isEqualTo(20);
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(body.path("accessToken").asText().split("\\.")[1]));
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(20);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** @return the base URL the quickstart logs once it listens; its output goes on to this test's output */
    private static CompletableFuture<String> listeningOn(Process process) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[quickstart] " + line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the quickstart ended without listening"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "quickstart-main-output");
        pump.setDaemon(true);
        pump.start();
        return url;
    }
}
