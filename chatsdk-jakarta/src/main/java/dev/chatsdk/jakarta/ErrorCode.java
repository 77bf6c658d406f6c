package dev.chatsdk.jakarta;

/**
 * Every error the module can answer with: a stable string code (the enum name), the HTTP status,
 * whether retrying the same request can succeed, and a default suggestion for the caller.
 *
 * <p>The codes are part of the HTTP contract: clients switch on them, so a code is never renamed.
 *
 * @since 0.1
 */
public enum ErrorCode {
    MALFORMED_JSON(400, false, "Send a JSON object with Content-Type: application/json."),
    INVALID_REQUEST(400, false, "Fix the named field and send the request again."),
    INVALID_USER_ID(400, false, "Use a user id of 1 to 255 characters without ':', '/', '\\', '%' or control characters, other than '.' and '..'."),
    CONFLICTING_REFRESH_TOKENS(400, false, "Send the refresh token either in the Authorization header or in the body, not two different ones."),

    UNAUTHENTICATED(401, false, "Log in to the application first; chat tokens are issued to its authenticated users."),
    MISSING_API_KEY(401, false, "Send the API key in the X-API-Key header."),
    INVALID_API_KEY(401, false, "Check the X-API-Key header against the configured chatsdk.web.api-keys."),
    MISSING_REFRESH_TOKEN(401, false, "Send the refresh token as 'Authorization: Bearer <token>' or as {\"refreshToken\": \"...\"}."),
    INVALID_REFRESH_TOKEN(401, false, "Ask the user to log in again to get a new session."),
    REFRESH_TOKEN_EXPIRED(401, false, "Ask the user to log in again to get a new session."),
    REFRESH_TOKEN_REUSED(401, false, "The session was revoked because a spent refresh token was replayed; ask the user to log in again."),
    SESSION_REVOKED(401, false, "The session was ended; ask the user to log in again."),
    INVALID_TOKEN(401, false, "Get a new token from the token endpoint."),
    TOKEN_EXPIRED(401, false, "Refresh the token, or get a new one from the token endpoint."),

    NO_CHAT_ACCESS(403, false, "Ask an administrator for a role listed in chatsdk.access.roles-allowed; if the message says the user object belongs to another user, log out and in again."),

    TOKEN_API_DISABLED(404, false, "This endpoint is off in this deployment; configure chatsdk.web.api-keys with the local issuer to enable it."),
    NOT_FOUND(404, false, "Check the path against the ChatSDK Jakarta endpoint list."),

    METHOD_NOT_ALLOWED(405, false, "Use one of the methods listed in the Allow header."),
    REQUEST_TIMEOUT(408, true, "Send the whole request body at once; the server waits for it at most chatsdk.web.body-timeout."),
    PAYLOAD_TOO_LARGE(413, false, "Send a smaller body; the limit is chatsdk.web.max-body-size."),
    UNSUPPORTED_MEDIA_TYPE(415, false, "Send the body with Content-Type: application/json."),
    REQUEST_HEADERS_TOO_LARGE(431, false, "Send smaller request headers."),

    RATE_LIMITED(429, true, "Wait for the number of seconds in Retry-After, then try again."),

    UPSTREAM_REJECTED(502, false, "The ChatSDK API refused this server's credentials; check chatsdk.remote.api-key."),
    UPSTREAM_BAD_RESPONSE(502, true, "The ChatSDK API answered with something unexpected; try again later."),
    UPSTREAM_UNAVAILABLE(503, true, "The ChatSDK API cannot be reached; try again later."),
    STORE_UNAVAILABLE(503, true, "The session store cannot be reached; try again later."),
    UPSTREAM_TIMEOUT(504, true, "The ChatSDK API did not answer in time; try again later."),

    SERVER_MISCONFIGURED(500, false, "The server's ChatSDK setup is wrong (its configuration or the application's user mapping); the same request fails until an operator fixes it, so report it with the requestId."),
    INTERNAL_ERROR(500, true, "This is a bug in ChatSDK Jakarta; report it with the requestId.");

    private final int status;
    private final boolean retryable;
    private final String suggestion;

    ErrorCode(int status, boolean retryable, String suggestion) {
        this.status = status;
        this.retryable = retryable;
        this.suggestion = suggestion;
    }

    /** @return the HTTP status this code is answered with */
    public int status() {
        return status;
    }

    /** @return {@code true} when sending the same request again later can succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return what the caller should do about it, as one sentence */
    public String suggestion() {
        return suggestion;
    }
}
