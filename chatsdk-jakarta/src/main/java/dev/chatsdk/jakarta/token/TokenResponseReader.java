package dev.chatsdk.jakarta.token;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Reads any known token response — this module's superset, the ChatSDK API's 2.0 and legacy answers, the
 * guide's — into {@link ChatTokens}: {@code token|accessToken}, {@code expiresIn} (seconds) or
 * {@code expiresAt} (ms), {@code wsToken|_internal.wsToken}, {@code refreshToken}, and the user in either
 * naming ({@code name|displayName}, {@code avatar|image}, {@code custom|metadata}). Used by the remote issuer
 * for upstream answers and by {@link ChatTokens#fromJson(String)}; each says how a problem is reported.
 */
public final class TokenResponseReader {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.token");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenResponseReader() {
    }

    /**
     * @param answer         a JSON object
     * @param issuedAt       the clock reading the tokens count from ({@code expiresAt} is relative to it)
     * @param fallbackUserId the user id when neither the answer nor the access token names one, or {@code null}
     * @param failure        makes the exception for a reason such as {@code "has no access token"}
     * @return the tokens
     */
    public static ChatTokens read(JsonNode answer, Instant issuedAt, String fallbackUserId,
            Function<String, RuntimeException> failure) {
        String access = text(answer, "token", "accessToken");
        if (access == null) {
            throw failure.apply("has no access token");
        }
        long expiresIn = expiresIn(answer, issuedAt, failure);
        String ws = text(answer, "wsToken");
        if (ws == null) {
            ws = text(answer.path("_internal"), "wsToken");
        }
        String sid = UnverifiedClaims.string(access, "sid");
        ChatUser user = user(answer.get("user"), access, fallbackUserId, failure);
        return new ChatTokens(access, text(answer, "refreshToken"), ws, sid, issuedAt, expiresIn, user);
    }

    private static long expiresIn(JsonNode answer, Instant issuedAt, Function<String, RuntimeException> failure) {
        JsonNode seconds = answer.get("expiresIn");
        if (seconds != null && seconds.canConvertToLong() && seconds.asLong() > 0) {
            return seconds.asLong();
        }
        JsonNode at = answer.get("expiresAt");
        if (at != null && at.canConvertToLong()) {
            long left = Duration.between(issuedAt, Instant.ofEpochMilli(at.asLong())).getSeconds();
            if (left > 0) {
                return left;
            }
        }
        throw failure.apply("has no usable expiry (expiresIn or expiresAt)");
    }

    private static ChatUser user(JsonNode user, String access, String fallbackUserId,
            Function<String, RuntimeException> failure) {
        String id = user == null ? null : text(user, "id", "userId");
        if (id == null) {
            id = UnverifiedClaims.string(access, "user_id");
            id = id != null ? id : fallbackUserId;
            if (id == null) {
                throw failure.apply("names no user");
            }
            try {
                return ChatUser.of(id);
            } catch (ChatSdkException e) {
                throw failure.apply("names a user id this module cannot sign");
            }
        }
        try {
            ChatUser.of(id);
        } catch (ChatSdkException e) {
            throw failure.apply("names a user id this module cannot sign");
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
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-405: the token response's user profile is out of bounds ("
                    + e.getMessage() + "); keeping the user id only");
            return ChatUser.of(id);
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
}
