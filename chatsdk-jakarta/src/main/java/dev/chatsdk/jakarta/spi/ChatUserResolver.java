package dev.chatsdk.jakarta.spi;

import java.security.Principal;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Maps the container's authenticated principal to a ChatSDK user with its profile (name, avatar,
 * custom claims). Provide one with {@link java.util.ServiceLoader} ({@code META-INF/services}) or
 * in code through {@code ChatSdk.builder().userResolver(...)}. Without one, the user id is the
 * principal name and the profile is empty.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface ChatUserResolver {
    /**
     * @param principal the authenticated principal; never {@code null}
     * @return the user, or {@code null} to fall back to the principal name
     * @throws ChatSdkException to refuse the request with that code
     */
    ChatUser resolve(Principal principal);
}
