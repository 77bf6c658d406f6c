package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ChatUserTest {
    @Test
    void acceptsIdsUpTo255Characters() {
        assertThat(ChatUser.of("x".repeat(255)).id()).hasSize(255);
        assertThat(ChatUser.of("u-123@example.com").id()).isEqualTo("u-123@example.com");
    }

    @Test
    void rejectsIdsThatBreakTheRules() {
        assertInvalid("", "The user id is empty.");
        assertInvalid(null, "The user id is empty.");
        assertInvalid("x".repeat(256), "The user id is 256 characters long; the limit is 255.");
        assertInvalid("app:u", "The user id contains ':', which separates the app id from the user id in 'sub'.");
        assertInvalid("u\n1", "The user id contains a control character at position 1.");
    }

    private static void assertInvalid(String id, String message) {
        assertThatThrownBy(() -> ChatUser.of(id))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USER_ID))
                .hasMessage(message);
    }

    @Test
    void keepsAnUnmodifiableCopyOfCustomClaims() {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("role", "admin"));
        ChatUser user = ChatUser.builder("u").custom(claims).claim("team", "x").build();
        claims.put("role", "changed");

        assertThat(user.custom()).containsExactlyInAnyOrderEntriesOf(Map.of("role", "admin", "team", "x"));
        assertThatThrownBy(() -> user.custom().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }
}
