package dev.chatsdk.quickstart;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatUserResolver;

/**
 * Gives the demo users their chat profiles, through the module's SPI. It is registered in
 * {@code META-INF/services/dev.chatsdk.jakarta.spi.ChatUserResolver}; a real application would look the
 * principal up in its own user table here.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class DemoUserResolver implements ChatUserResolver {

    /** Used by {@link java.util.ServiceLoader}. */
    public DemoUserResolver() {
    }

    @Override
    public ChatUser resolve(Principal principal) {
        switch (principal.getName()) {
            case "alice":
                Map<String, Object> custom = new LinkedHashMap<>();
                custom.put("role", "admin");
                custom.put("department", "engineering");
                return ChatUser.builder("alice")
                        .name("Alice Example")
                        .avatar("https://example.com/avatars/alice.png")
                        .custom(custom)
                        .build();
            case "bob":
                return ChatUser.builder("bob").name("Bob Example").build();
            default:
                // unknown principals keep the module's default: user id = principal name, no profile
                return null;
        }
    }
}
