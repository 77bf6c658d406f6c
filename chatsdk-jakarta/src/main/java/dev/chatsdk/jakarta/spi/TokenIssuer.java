package dev.chatsdk.jakarta.spi;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Issues a new session's tokens, rotates them on refresh, and ends a session on logout.
 *
 * <p>Implementations must be thread-safe: one instance serves every request of a deployment.
 *
 * @since 0.1
 */
public interface TokenIssuer {
    /**
     * @param user the user to issue tokens to; already validated
     * @return the tokens of a new session
     * @throws ChatSdkException with a code from the contract when the tokens cannot be issued
     */
    ChatTokens issue(ChatUser user);

    /**
     * Spends a refresh token and returns the session's next tokens.
     *
     * @param refreshToken the presented refresh token
     * @return the next tokens of the same session
     * @throws ChatSdkException with {@code INVALID_REFRESH_TOKEN}, {@code REFRESH_TOKEN_EXPIRED},
     *                          {@code REFRESH_TOKEN_REUSED}, {@code SESSION_REVOKED} or {@code STORE_UNAVAILABLE}
     */
    ChatTokens refresh(String refreshToken);

    /**
     * Ends the session a refresh token belongs to (RFC 7009: an invalid or expired token is no error).
     *
     * @param refreshToken the presented refresh token
     * @return whether a session was revoked now
     * @throws ChatSdkException with {@code STORE_UNAVAILABLE} when the session store cannot be reached
     */
    boolean revoke(String refreshToken);
}
