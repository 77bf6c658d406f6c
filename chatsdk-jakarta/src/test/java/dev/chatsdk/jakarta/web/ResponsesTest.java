package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;

/** The token response is written by hand for speed; it must be exactly what Jackson wrote from a map before. */
class ResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> expected(ChatTokens t, boolean withRefresh) {
        ChatUser user = t.user();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", t.accessToken());
        body.put("token", t.accessToken());
        if (withRefresh) {
            body.put("refreshToken", t.refreshToken());
        }
        body.put("expiresAt", t.expiresAt().toEpochMilli());
        body.put("expiresIn", t.expiresInSeconds());
        body.put("wsToken", t.wsToken());
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("wsToken", t.wsToken());
        body.put("_internal", internal);
        body.put("serverTime", t.issuedAt().toEpochMilli());
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user.id());
        u.put("name", user.name().orElse(null));
        u.put("displayName", user.name().orElse(null));
        u.put("avatar", user.avatar().orElse(null));
        u.put("image", user.avatar().orElse(null));
        u.put("email", user.email().orElse(null));
        u.put("custom", user.custom());
        u.put("metadata", user.custom());
        body.put("user", u);
        return body;
    }

    @Test
    void writesWhatJacksonWroteForEveryShape() throws Exception {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("big", new BigInteger("123456789012345678901234567890"));
        custom.put("list", List.of(1, "two\"", Map.of("k", true)));
        custom.put("nothing", null);
        ChatUser full = ChatUser.builder("ü\"ser 1").name("Zoë \\ <b>\u2028").avatar("https://x.test/a.png?q=%221%22&n=\u00e9")
                .email("z@x.test").custom(custom).build();
        Instant at = Instant.parse("2026-11-26T10:00:00.123Z");
        for (ChatTokens tokens : List.of(new ChatTokens("a.b.c", "r.s.t", "w.x.y", "sid", at, 3600, full),
                new ChatTokens("a.b.c", null, null, null, at, 60, ChatUser.of("u")))) {
            for (boolean cookie : new boolean[] {false, true}) {
                byte[] body = Responses.tokens(tokens, "req-1", cookie ? "c=1" : null).body();

                assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(JSON.writeValueAsString(expected(tokens, !cookie)));
            }
        }
    }

    /** The error body too: every code, with a message that needs escaping, as Jackson wrote it from a map. */
    @Test
    void writesEveryErrorAsJacksonWrote() throws Exception {
        for (dev.chatsdk.jakarta.ErrorCode code : dev.chatsdk.jakarta.ErrorCode.values()) {
            for (String requestId : new String[] {"req-\"1\"", null}) {
                String message = "Bad \"" + code + "\" \\ \u2028 <ü>\u0001";
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", code.name());
                error.put("message", message);
                error.put("suggestion", code.suggestion());
                error.put("retryable", code.retryable());
                error.put("requestId", requestId);
                boolean retryAfter = code.status() == 503 || code.status() == 429;
                if (retryAfter) {
                    error.put("retryAfter", 7L);
                }
                ChatResponse response = Responses.error(code, message, requestId, Map.of("X-Extra", "1"), 7);

                assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).as("%s", code)
                        .isEqualTo(JSON.writeValueAsString(Map.of("error", error)));
                assertThat(response.status()).isEqualTo(code.status());
                assertThat(response.errorCode()).isEqualTo(code);
                assertThat(response.headers()).containsEntry("X-Extra", "1").containsEntry("Cache-Control", "no-store");
                assertThat(response.headers().get("Retry-After")).isEqualTo(retryAfter ? "7" : null);
            }
        }
    }
}
