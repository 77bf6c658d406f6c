package dev.chatsdk.jakarta.client;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * A refresh that failed: because of the network or the server ({@link #isNetworkFailure()}: show an offline
 * banner and try later; the tokens are kept), or because the credentials are spent, revoked or expired
 * ({@link #isCredentialFailure()}: send the user to log in; the tokens are cleared).
 *
 * @since 0.1
 */
public final class TokenRefreshException extends ChatSdkException {
    private static final long serialVersionUID = 1L;

    /** Whether the refresh failed because the stored credentials are no longer accepted. */
    private final boolean credentials;

    TokenRefreshException(ErrorCode code, String message, boolean credentials, Throwable cause) {
        super(code, message, cause);
        this.credentials = credentials;
    }

    /** @return whether retrying later may succeed (network down, server failing) */
    public boolean isNetworkFailure() {
        return !credentials;
    }

    /** @return whether the user must log in again */
    public boolean isCredentialFailure() {
        return credentials;
    }
}
