package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Request bodies are strict UTF-8 on every endpoint that reads one, sent as raw bytes over HTTP: an overlong form
 * ({@code C1 A1} and {@code E0 81 A1} both once decoded to {@code a}), a surrogate encoded in UTF-8, a byte UTF-8
 * never uses and a truncated sequence are 400 {@code MALFORMED_JSON}, never a token for another spelling.
 */
class StrictUtf8IT {
    private static final TestConfig TEST = new TestConfig();
    private static ChatNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ChatNode.start(ChatSdk.create(TEST.builder().build()));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** Invalid UTF-8, each placed where a string's content goes. */
    private static final int[][] INVALID = {
        {0xC1, 0xA1}, // overlong 'a', two bytes
        {0xE0, 0x81, 0xA1}, // overlong 'a', three bytes
        {0xF0, 0x80, 0x81, 0xA1}, // overlong 'a', four bytes
        {0xC0, 0xBA}, // overlong ':', which the user id forbids
        {0xED, 0xA0, 0x80}, // U+D800, a surrogate encoded in UTF-8
        {0xED, 0xBF, 0xBF}, // U+DFFF
        {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
        {0xFF}, // never in UTF-8
        {0x80}, // a continuation byte alone
        {0xE6, 0xBC}, // a truncated three-byte sequence
    };

    private static Http.Reply post(String path, byte[] body) {
        Http.Call call = node.http().call("POST", path).header("Content-Type", "application/json").bytes(body);
        if (path.equals("/chatsdk/auth/tokens")) {
            call.header("X-API-Key", TEST.apiKey);
        }
        return call.send();
    }

    @Test
    void theTokenApiRefusesEveryInvalidUtf8Sequence() {
        for (int[] invalid : INVALID) {
            Http.Reply reply = post("/chatsdk/auth/tokens", bytes("{\"userId\":\"u", invalid, "\"}"));
            assertMalformed(reply, hex(invalid), 13);
        }
        // at the end of the body too, where a decoder might stop early
        assertMalformed(post("/chatsdk/auth/tokens", bytes("{\"userId\":\"u\"}", new int[] {0xE6, 0xBC})), "E6 BC", 15);
    }

    @Test
    void refreshAndLogoutRefuseInvalidUtf8Too() {
        String refresh = node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", TEST.apiKey)
                .json("{\"userId\":\"u8\"}").send().json().get("refreshToken").asText();
        for (String path : new String[] {"/chatsdk/auth/refresh", "/chatsdk/auth/logout"}) {
            for (int[] invalid : INVALID) {
                Http.Reply reply = post(path, bytes("{\"refreshToken\":\"", refresh, invalid, "\"}"));
                assertMalformed(reply, path + " " + hex(invalid), 18 + refresh.length());
            }
        }
        // the session was not touched by any of them
        assertThat(node.refresh(refresh).status()).isEqualTo(200);
    }

    @Test
    void validUtf8StillIssuesTokensForTheSameId() {
        JsonNode issued = post("/chatsdk/auth/tokens", bytes("{\"userId\":\"u\u6f22\ud83d\ude00\",\"name\":\"\u00e9\"}")).json();
        assertThat(issued.at("/user/id").asText()).isEqualTo("u\u6f22\ud83d\ude00");
        assertThat(issued.at("/user/name").asText()).isEqualTo("\u00e9");
        // a byte order mark in front is skipped, as before
        JsonNode bom = post("/chatsdk/auth/tokens", bytes(new int[] {0xEF, 0xBB, 0xBF}, "{\"userId\":\"ua\"}")).json();
        assertThat(bom.at("/user/id").asText()).isEqualTo("ua");
    }

    private static void assertMalformed(Http.Reply reply, String what, int at) {
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(400);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asText()).as(what).isEqualTo("MALFORMED_JSON");
        assertThat(error.get("message").asText()).as(what).isEqualTo("The request body is not valid UTF-8 (byte " + at
                + "): an invalid byte, an overlong form or an encoded surrogate; send JSON as UTF-8.");
    }

    private static String hex(int[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int b : bytes) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02X", b));
        }
        return s.toString();
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String) {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }
}
