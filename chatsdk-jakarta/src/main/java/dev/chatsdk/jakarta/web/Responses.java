package dev.chatsdk.jakarta.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.token.JsonText;

/** The JSON shapes of docs/http-api.md: the token response superset (#the-token-response) and the error body (#errors). */
final class Responses {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client should wait before retrying a 503 (a store or upstream outage). */
    static final int RETRY_AFTER_SECONDS = 2;

    private Responses() {
    }

    static ChatResponse tokens(ChatTokens tokens, String requestId) {
        return tokens(tokens, requestId, null);
    }

    /**
     * The token response, written directly: it goes out on every login and refresh, and is mostly three
     * tokens, each written twice for the clients that read one name or the other.
     *
     * @param setCookie a {@code Set-Cookie} value that carries the refresh token instead of the body, or {@code null}
     */
    static ChatResponse tokens(ChatTokens tokens, String requestId, String setCookie) {
        StringBuilder json = new StringBuilder(4096).append("{\"accessToken\":");
        JsonText.string(json, tokens.accessToken()).append(",\"token\":");
        JsonText.string(json, tokens.accessToken());
        if (setCookie == null) {
            JsonText.string(json.append(",\"refreshToken\":"), tokens.refreshToken());
        }
        json.append(",\"expiresAt\":").append(tokens.expiresAt().toEpochMilli())
                .append(",\"expiresIn\":").append(tokens.expiresInSeconds()).append(",\"wsToken\":");
        JsonText.string(json, tokens.wsToken()).append(",\"_internal\":{\"wsToken\":");
        JsonText.string(json, tokens.wsToken()).append("},\"serverTime\":").append(tokens.issuedAt().toEpochMilli())
                .append(",\"user\":");
        user(json, tokens.user()).append('}');
        return new ChatResponse(200, headers(requestId, setCookie == null ? Map.of() : Map.of("Set-Cookie", setCookie)),
                json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder user(StringBuilder json, ChatUser user) {
        String name = user.name().orElse(null);
        String avatar = user.avatar().orElse(null);
        JsonText.string(json.append("{\"id\":"), user.id());
        JsonText.string(json.append(",\"name\":"), name);
        JsonText.string(json.append(",\"displayName\":"), name);
        JsonText.string(json.append(",\"avatar\":"), avatar);
        JsonText.string(json.append(",\"image\":"), avatar);
        JsonText.string(json.append(",\"email\":"), user.email().orElse(null));
        String custom = "{}";
        if (!user.custom().isEmpty()) {
            try {
                // any JSON value an upstream sent (BigInteger, BigDecimal...): Jackson writes them all
                custom = JSON.writeValueAsString(user.custom());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a user's custom claims", e);
            }
        }
        return json.append(",\"custom\":").append(custom).append(",\"metadata\":").append(custom).append('}');
    }

    static ChatResponse error(ErrorCode code, String message, String requestId) {
        return error(code, message, requestId, Map.of());
    }

    static ChatResponse error(ErrorCode code, String message, String requestId, long retryAfterSeconds) {
        return error(code, message, requestId, Map.of(), retryAfterSeconds);
    }

    static ChatResponse error(ErrorCode code, String message, String requestId, Map<String, String> headers) {
        return error(code, message, requestId, headers, RETRY_AFTER_SECONDS);
    }

    static ChatResponse error(ErrorCode code, String message, String requestId, Map<String, String> headers,
            long retryAfterSeconds) {
        // written directly, as the token response is: a flood of rejected requests is answered by this
        StringBuilder json = new StringBuilder(256).append("{\"error\":{\"code\":");
        JsonText.string(json, code.name()).append(",\"message\":");
        JsonText.string(json, message).append(",\"suggestion\":");
        JsonText.string(json, code.suggestion()).append(",\"retryable\":").append(code.retryable())
                .append(",\"requestId\":");
        JsonText.string(json, requestId);
        Map<String, String> extra = headers;
        if (code.status() == 503 || code.status() == 429) {
            json.append(",\"retryAfter\":").append(retryAfterSeconds);
            extra = new LinkedHashMap<>(headers);
            extra.put("Retry-After", String.valueOf(retryAfterSeconds));
        }
        return new ChatResponse(code.status(), headers(requestId, extra),
                json.append("}}").toString().getBytes(StandardCharsets.UTF_8), code, message);
    }

    private static Map<String, String> headers(String requestId, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Request-ID", requestId);
        headers.putAll(extraHeaders);
        return headers;
    }

    /** A body-less answer (a CORS preflight). */
    static ChatResponse empty(int status, Map<String, String> extraHeaders, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Request-ID", requestId);
        headers.putAll(extraHeaders);
        return new ChatResponse(status, headers, new byte[0]);
    }

    /** @return the response with more headers */
    static ChatResponse withHeaders(ChatResponse response, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.putAll(extra);
        return new ChatResponse(response.status(), headers, response.body(), response.errorCode(),
                response.errorMessage());
    }

    /** A 200 with any other JSON body (logout, validate, revoke-tokens). */
    static ChatResponse ok(Map<String, Object> body, String requestId) {
        return ok(body, requestId, Map.of());
    }

    static ChatResponse ok(Map<String, Object> body, String requestId, Map<String, String> headers) {
        return json(200, body, requestId, headers);
    }

    /** Any JSON body with the given status (the health report: 200 or 503). */
    static ChatResponse status(int status, Map<String, Object> body, String requestId) {
        return json(status, body, requestId, Map.of());
    }

    private static ChatResponse json(int status, Map<String, Object> body, String requestId,
            Map<String, String> extraHeaders) {
        try {
            return new ChatResponse(status, headers(requestId, extraHeaders), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            // only maps, lists, strings, numbers and booleans reach here, which Jackson always writes
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
