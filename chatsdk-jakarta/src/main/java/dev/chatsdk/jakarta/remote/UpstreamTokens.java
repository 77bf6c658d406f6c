package dev.chatsdk.jakarta.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Reads any known ChatSDK API token answer: the 2.0 {@code /api/auth/connect} and refresh answers
 * ({@code token}, {@code expiresIn} seconds, {@code _internal.wsToken}, {@code user.displayName}...),
 * the legacy {@code /tokens} one ({@code wsToken}, {@code user.name}, {@code user.image}), and the
 * guide's ({@code accessToken}, {@code expiresAt} in ms). Without an access token or an expiry it is
 * {@code UPSTREAM_BAD_RESPONSE}.
 */
final class UpstreamTokens {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamTokens() {
    }

    /**
     * @param answer   the upstream body
     * @param fallback the user to report when the answer names none (refresh), or {@code null} to read the
     *                 access token's claims
     * @param now      the clock reading of the answer
     */
    static ChatTokens read(JsonNode answer, ChatUser fallback, Instant now) {
        if (answer == null || !answer.isObject()) {
            throw bad("The ChatSDK API did not answer with a JSON object.");
        }
        String access = text(answer, "token", "accessToken");
        if (access == null) {
            throw bad("The ChatSDK API's answer has no access token.");
        }
        long expiresIn = expiresIn(answer, now);
        String ws = text(answer, "wsToken");
        if (ws == null) {
            ws = text(answer.path("_internal"), "wsToken");
        }
        DecodedJWT claims = decode(access);
        String sid = claims == null ? null : claims.getClaim("sid").asString();
        ChatUser user = user(answer.get("user"), fallback, claims);
        return new ChatTokens(access, text(answer, "refreshToken"), ws, sid, now, expiresIn, user);
    }

    private static long expiresIn(JsonNode answer, Instant now) {
        JsonNode seconds = answer.get("expiresIn");
        if (seconds != null && seconds.canConvertToLong() && seconds.asLong() > 0) {
            return seconds.asLong();
        }
        JsonNode at = answer.get("expiresAt");
        if (at != null && at.canConvertToLong()) {
            long left = Duration.between(now, Instant.ofEpochMilli(at.asLong())).getSeconds();
            if (left > 0) {
                return left;
            }
        }
        throw bad("The ChatSDK API's answer has no usable expiry (expiresIn or expiresAt).");
    }

    private static ChatUser user(JsonNode user, ChatUser fallback, DecodedJWT claims) {
        String id = user == null ? null : text(user, "id", "userId");
        if (id == null) {
            if (fallback != null) {
                return fallback;
            }
            id = claims == null ? null : claims.getClaim("user_id").asString();
            if (id == null) {
                throw bad("The ChatSDK API's answer names no user.");
            }
            return ChatUser.of(id);
        }
        ChatUser.Builder builder = ChatUser.builder(id).name(text(user, "name", "displayName"))
                .avatar(text(user, "avatar", "image")).email(text(user, "email"));
        JsonNode custom = user.get("custom") != null && user.get("custom").isObject() ? user.get("custom")
                : user.get("metadata");
        if (custom != null && custom.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            custom.fields().forEachRemaining(e -> values.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
            builder.custom(values);
        }
        try {
            return builder.build();
        } catch (ChatSdkException e) {
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-405: the ChatSDK API's user profile is out of bounds ("
                    + e.getMessage() + "); answering with the user id only");
            return ChatUser.of(id);
        }
    }

    private static DecodedJWT decode(String token) {
        try {
            return JWT.decode(token);
        } catch (JWTDecodeException e) {
            return null;
        }
    }

    /** The first present, non-blank text field among the names. */
    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
        }
        return null;
    }

    private static ChatSdkException bad(String message) {
        return new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, message);
    }
}
