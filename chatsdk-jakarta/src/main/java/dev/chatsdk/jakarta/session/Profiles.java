package dev.chatsdk.jakarta.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatUser;

/** A user's profile as the JSON text a database column holds: {@code {name, avatar, email, custom}}. */
final class Profiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Profiles() {
    }

    static String write(ChatUser user) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", user.name().orElse(null));
        profile.put("avatar", user.avatar().orElse(null));
        profile.put("email", user.email().orElse(null));
        profile.put("custom", user.custom());
        try {
            return JSON.writeValueAsString(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static ChatUser read(String userId, String json) {
        try {
            Map<String, Object> profile = JSON.readValue(json, MAP);
            return ChatUser.builder(userId).name((String) profile.get("name")).avatar((String) profile.get("avatar"))
                    .email((String) profile.get("email")).custom((Map<String, Object>) profile.get("custom")).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
