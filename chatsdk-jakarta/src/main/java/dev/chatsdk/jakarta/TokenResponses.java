package dev.chatsdk.jakarta;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses token responses for {@link ChatTokens#fromJson(String)}. */
final class TokenResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenResponses() {
    }

    static ChatTokens read(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the token response is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the token response is not a JSON object");
        }
        String access = text(json, "accessToken", "token");
        if (access == null) {
            throw new IllegalArgumentException("the token response has no access token");
        }
        Instant serverTime = json.path("serverTime").canConvertToLong() ? Instant.ofEpochMilli(json.get("serverTime").asLong())
                : Instant.now();
        long expiresIn;
        if (json.path("expiresIn").canConvertToLong() && json.get("expiresIn").asLong() > 0) {
            expiresIn = json.get("expiresIn").asLong();
        } else if (json.path("expiresAt").canConvertToLong()) {
            expiresIn = Math.max(0, (json.get("expiresAt").asLong() - serverTime.toEpochMilli()) / 1000);
        } else {
            throw new IllegalArgumentException("the token response has no expiresIn or expiresAt");
        }
        String ws = text(json, "wsToken");
        if (ws == null) {
            ws = text(json.path("_internal"), "wsToken");
        }
        JsonNode user = json.path("user");
        String id = text(user, "id");
        ChatUser chatUser = ChatUser.builder(id == null ? "unknown" : id).name(text(user, "name", "displayName"))
                .avatar(text(user, "avatar", "image")).email(text(user, "email")).custom(custom(user)).build();
        return new ChatTokens(access, text(json, "refreshToken"), ws, null, serverTime, expiresIn, chatUser);
    }

    private static Map<String, Object> custom(JsonNode user) {
        JsonNode custom = user.path("custom").isObject() ? user.get("custom") : user.path("metadata");
        Map<String, Object> values = new LinkedHashMap<>();
        if (custom.isObject()) {
            custom.fields().forEachRemaining(e -> values.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        }
        return values;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
                return value.textValue();
            }
        }
        return null;
    }
}
