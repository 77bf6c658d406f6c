package dev.chatsdk.jakarta.spi;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Issues a new token set (a new session) for a user.
 *
 * <p>Implementations must be thread-safe: one instance serves every request of a deployment.
 *
 * @since 0.1
 */
public interface TokenIssuer {
    /**
     * @param user the user to issue tokens to; already validated
     * @return the new tokens
     * @throws ChatSdkException with a code from the contract when the tokens cannot be issued
     */
    ChatTokens issue(ChatUser user);
}
