package dev.chatsdk.jakarta.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ErrorCode;

/**
 * Turns what the token server answered (or how the call failed) into a {@link TokenRefreshException}: the server's
 * JSON error ({@code {"error":{"code":"REFRESH_TOKEN_REUSED",...}}}) decides the code of a credential failure. Never
 * quotes the body, which may echo the refresh token.
 */
final class RefreshErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshErrors() {
    }

    /**
     * @return whether an answer with this status is worth another try: 429 and every 5xx (anything else that is no
     *         200 is the server refusing the credentials)
     */
    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * A 4xx other than 429: the credentials are spent, revoked or expired.
     *
     * @param body the answer's body; its {@code error.code} is used when it names an {@link ErrorCode}
     */
    static TokenRefreshException refused(int status, String body) {
        ErrorCode code = errorCode(body);
        return new TokenRefreshException(code, "The token server refused the refresh token (status " + status + ", "
                + code + "); log in again.", true, null);
    }

    /** @return the {@link ErrorCode} an error body names, else {@link ErrorCode#INVALID_REFRESH_TOKEN} */
    static ErrorCode errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body).path("error").path("code");
            if (error.isTextual()) {
                return ErrorCode.valueOf(error.textValue());
            }
        } catch (IOException | IllegalArgumentException e) {
            // not ours, or not JSON: the generic code stands
        }
        return ErrorCode.INVALID_REFRESH_TOKEN;
    }

    /** A 429 or 5xx: the server cannot refresh now. */
    static TokenRefreshException unavailable(int status) {
        return new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE, "The token server answered " + status + ".",
                false, null);
    }

    /** The server could not be reached; the exception's message (which may quote a URL) is not used. */
    static TokenRefreshException unreachable(IOException e) {
        return new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE,
                "The token server cannot be reached (" + e.getClass().getSimpleName() + ").", false, e);
    }

    static TokenRefreshException interrupted(InterruptedException e) {
        return new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE, "Interrupted.", false, e);
    }
}
