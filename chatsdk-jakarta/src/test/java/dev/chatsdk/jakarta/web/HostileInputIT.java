package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Generated hostile input over real HTTP (a seeded JUnit-driven generator, so a failure can be replayed):
 * thousands of JSON-ish bodies and header values against the token API, refresh, logout and validate. Every
 * answer is a 2xx or 4xx, never a 5xx, and every error body has the JSON shape of docs/http-api.md#errors.
 */
class HostileInputIT {
    private static final long SEED = Long.getLong("chatsdk.fuzz.seed", 20261126L);
    private static final int CASES = Integer.getInteger("chatsdk.fuzz.cases", 1500);
    private static final TestConfig TEST = new TestConfig();
    private static ChatNode node;

    @BeforeAll
    static void start() throws Exception {
        // the failed API key budget (its own test: RateLimitIT) would soon answer 429 to most cases
        node = ChatNode.start(ChatSdk.create(TEST.builder()
                .set(RateLimitConfig.FAILED_API_KEY, Optional.ofNullable(Rate.parse("100000/1m")))
                .build()));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "\"userId\"", "\"name\"", "\"custom\"",
        "\"metadata\"", "\"avatar\"", "\"refreshToken\"", "null", "true", "1e999999", "-0", "123456789012345678901234567890",
        "\"\\u0000\"", "\"\\ud800\"", "\"x:y\"", "\"" + "a".repeat(300) + "\"", "{\"a\":{\"b\":{\"c\":[1,2,{}]}}}",
        "\"javascript:alert(1)\"", "\"https://e.x/a.png\"", "\u00e9", "\\", "/*", " ", "\n"};

    private static String body(Random random) {
        if (random.nextInt(5) == 0) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "{\"userId\":" : "");
        int parts = random.nextInt(30);
        for (int i = 0; i < parts; i++) {
            s.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return s.toString();
    }

    private static String header(Random random) {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
        int length = random.nextInt(120);
        for (int i = 0; i < length; i++) {
            s.append((char) (0x21 + random.nextInt(0x5e)));
        }
        return s.toString();
    }

    @Test
    void answersEveryGeneratedRequestWithAClientErrorOrSuccess() {
        Random random = new Random(SEED);
        String[] paths = {"/chatsdk/auth/tokens", "/chatsdk/auth/refresh", "/chatsdk/auth/logout", "/chatsdk/tokens/validate",
            "/api/chat/token"};
        String[] contentTypes = {"application/json", "application/json; charset=utf-8", "text/plain",
            "application/x-www-form-urlencoded", "application/vnd.x+json"};
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String path = paths[random.nextInt(paths.length)];
            Http.Call call = node.http().call(path.endsWith("validate") ? "GET" : "POST", path);
            if (random.nextBoolean()) {
                call.header("X-API-Key", random.nextBoolean() ? TEST.apiKey : header(random));
            }
            if (random.nextBoolean()) {
                call.header("Authorization", header(random));
            }
            if (random.nextInt(4) == 0) {
                call.header("X-Request-ID", header(random).replace(" ", ""));
            }
            if (!path.endsWith("validate")) {
                call.header("Content-Type", contentTypes[random.nextInt(contentTypes.length)]).body(body(random));
            }
            Http.Reply reply = call.send();
            if (reply.status() >= 500) {
                problems.add("case " + i + " (seed " + SEED + "): " + reply);
                continue;
            }
            if (reply.status() >= 400) {
                // the container's own 401 for the protected token path is no JSON; everything else is ours, and its
                // code is one of the module's with exactly the status that code is answered with
                if (reply.status() == 401 && path.equals("/api/chat/token") && !reply.toString().contains("\"error\"")) {
                    continue;
                }
                JsonNode error = errorOf(reply);
                if (error == null || !error.path("code").isTextual() || !error.path("message").isTextual()
                        || !error.path("suggestion").isTextual() || !error.path("requestId").isTextual()) {
                    problems.add("case " + i + ": malformed error body " + reply);
                } else if (statusOf(error.path("code").asText()) != reply.status()) {
                    problems.add("case " + i + ": " + error.path("code").asText() + " with status " + reply.status()
                            + " " + reply);
                }
            }
        }
        assertThat(problems).as(CASES + " generated requests").isEmpty();
    }

    @Test
    void answersAnUnknownPathWithoutLettingABrowserSniffItOrMirroringAllOfIt() {
        String path = "/chatsdk/" + "<script>alert(1)</script>".repeat(40);
        Http.Reply reply = node.http().call("GET", path.replace("<", "%3C").replace(">", "%3E").replace("(", "%28")
                .replace(")", "%29")).send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        String message = reply.json().path("error").path("message").asText();
        assertThat(message).startsWith("No ChatSDK endpoint at '/chatsdk/<script>alert(1)</script>")
                .hasSizeLessThan(ChatTokenService.ECHOED_PATH + 40).contains("…");
    }

    @Test
    void letsNoBrowserSniffAnyAnswer() {
        assertThat(node.http().call("GET", "/chatsdk/health").send().header("X-Content-Type-Options")).isEqualTo("nosniff");
        Http.Reply refused = node.http().call("POST", "/chatsdk/auth/refresh").header("Content-Type", "application/json")
                .body("{}").send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("MISSING_REFRESH_TOKEN");
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static JsonNode errorOf(Http.Reply reply) {
        try {
            return reply.json().get("error");
        } catch (RuntimeException | AssertionError notJson) {
            return null;
        }
    }

    /** @return the status the module answers this error code with, or -1 for a code it does not have */
    private static int statusOf(String code) {
        try {
            return dev.chatsdk.jakarta.ErrorCode.valueOf(code).status();
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
    }
}
