package dev.chatsdk.jakarta;

import java.security.Principal;
import java.util.Map;

import dev.chatsdk.jakarta.spi.ChatUserResolver;

/**
 * The test realm's users, and the {@link ChatUserResolver} (registered with ServiceLoader in the
 * test resources) that gives alice her profile. Bob authenticates but has no chat role.
 */
public final class TestUsers implements ChatUserResolver {
    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-password";
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-password";
    public static final String CHAT_ROLE = "chat-user";
    public static final String ALICE_NAME = "Alice Example";
    public static final String ALICE_AVATAR = "https://example.com/avatars/alice.png";
    public static final Map<String, Object> ALICE_CUSTOM = Map.of("role", "admin", "department", "engineering");

    @Override
    public ChatUser resolve(Principal principal) {
        if (ALICE.equals(principal.getName())) {
            return ChatUser.builder(ALICE).name(ALICE_NAME).avatar(ALICE_AVATAR).custom(ALICE_CUSTOM).build();
        }
        return null;
    }
}
