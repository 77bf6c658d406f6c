package dev.chatsdk.jakarta.remote;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Decodes an upstream's answer into a {@link UpstreamClient.Reply}, strictly, and says what of it may be logged. */
final class Replies {
    /**
     * Reads the API's answers as strictly as the module reads its own requests: a duplicate name
     * ({@code {"revoked":false,"revoked":true}}) or anything after the object makes an answer unreadable, never one
     * of its readings.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Replies() {
    }

    /**
     * @param body       the whole body (empty: none)
     * @param retryAfter the answer's {@code Retry-After}, or {@code null}
     * @return the reply: its JSON, or {@code null} with {@code unreadable} set when the body is not one strict JSON value
     */
    static UpstreamClient.Reply decode(int status, byte[] body, Duration retryAfter) {
        JsonNode json;
        boolean unreadable = false;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            json = null;
            unreadable = true;
        }
        return new UpstreamClient.Reply(status, json, unreadable, retryAfter);
    }

    /**
     * What of an error answer may be logged: its {@code error.code} when that is a plain identifier. Never the
     * body or its message, which may echo what was sent (a refresh token) or a proxy's view of the headers.
     */
    static String describe(UpstreamClient.Reply reply) {
        JsonNode code = reply.json == null || !reply.json.isObject() ? null : reply.json.path("error").get("code");
        if (code == null || !(code.isTextual() || code.isIntegralNumber())) {
            return " (body not logged)";
        }
        String text = code.asText();
        return text.matches("[A-Za-z0-9_.-]{1,64}") ? " and error code " + text + " (body not logged)"
                : " (body not logged)";
    }
}
