package dev.chatsdk.jakarta;

/**
 * Every error the module can answer with: a stable string code (the enum name), the HTTP status,
 * whether retrying the same request can succeed, and a default suggestion for the caller.
 *
 * <p>The codes are part of the HTTP API (docs/http-api.md#errors): clients switch on them, so a code is never renamed.
 *
 * @since 0.1
 */
public enum ErrorCode {
    /** 400: The request body is not well-formed JSON. */
    MALFORMED_JSON(400, false, "Send a JSON object with Content-Type: application/json."),
    /** 400: A field of the request is missing or has a wrong value. */
    INVALID_REQUEST(400, false, "Fix the named field and send the request again."),
    /** 400: The user id in the path or body is not a valid ChatSDK user id. */
    INVALID_USER_ID(400, false, "Use a user id of 1 to 255 characters without ':', '/', '\\', '%' or control characters, other than '.' and '..'."),
    /** 400: The request carries two different refresh tokens (header and body). */
    CONFLICTING_REFRESH_TOKENS(400, false, "Send the refresh token either in the Authorization header or in the body, not two different ones."),

    /** 401: The caller is not logged in to the application. */
    UNAUTHENTICATED(401, false, "Log in to the application first; chat tokens are issued to its authenticated users."),
    /** 401: The server-to-server call has no {@code X-API-Key} header. */
    MISSING_API_KEY(401, false, "Send the API key in the X-API-Key header."),
    /** 401: The {@code X-API-Key} header does not match the configured key. */
    INVALID_API_KEY(401, false, "Check the X-API-Key header against the configured chatsdk.web.api-keys."),
    /** 401: The refresh call carries no refresh token. */
    MISSING_REFRESH_TOKEN(401, false, "Send the refresh token as 'Authorization: Bearer <token>' or as {\"refreshToken\": \"...\"}."),
    /** 401: The refresh token is not one this module issued, or is damaged. */
    INVALID_REFRESH_TOKEN(401, false, "Ask the user to log in again to get a new session."),
    /** 401: The refresh token has expired. */
    REFRESH_TOKEN_EXPIRED(401, false, "Ask the user to log in again to get a new session."),
    /** 401: A refresh token that was already spent was presented again; its session is revoked. */
    REFRESH_TOKEN_REUSED(401, false, "The session was revoked because a spent refresh token was replayed; ask the user to log in again."),
    /** 401: The session of the refresh token was ended. */
    SESSION_REVOKED(401, false, "The session was ended; ask the user to log in again."),
    /** 401: The chat token is not valid. */
    INVALID_TOKEN(401, false, "Get a new token from the token endpoint."),
    /** 401: The chat token has expired. */
    TOKEN_EXPIRED(401, false, "Refresh the token, or get a new one from the token endpoint."),

    /** 403: The user is authenticated but may not chat (role or user check failed). */
    NO_CHAT_ACCESS(403, false, "Ask an administrator for a role listed in chatsdk.access.roles-allowed; if the message says the user object belongs to another user, log out and in again."),

    /** 404: The server-to-server token API is not enabled in this deployment. */
    TOKEN_API_DISABLED(404, false, "This endpoint is off in this deployment; configure chatsdk.web.api-keys with the local issuer to enable it."),
    /** 404: No endpoint of the module answers at this path. */
    NOT_FOUND(404, false, "Check the path against the ChatSDK Jakarta endpoint list."),

    /** 405: The endpoint does not accept this HTTP method. */
    METHOD_NOT_ALLOWED(405, false, "Use one of the methods listed in the Allow header."),
    /** 408: The request body did not arrive in time. */
    REQUEST_TIMEOUT(408, true, "Send the whole request body at once; the server waits for it at most chatsdk.web.body-timeout."),
    /** 413: The request body is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(413, false, "Send a smaller body; the limit is chatsdk.web.max-body-size."),
    /** 415: The request body is not sent as {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(415, false, "Send the body with Content-Type: application/json."),
    /** 431: The request headers are too large. */
    REQUEST_HEADERS_TOO_LARGE(431, false, "Send smaller request headers."),

    /** 429: The caller exceeded a rate limit. */
    RATE_LIMITED(429, true, "Wait for the number of seconds in Retry-After, then try again."),

    /** 502: The ChatSDK API refused this server's credentials. */
    UPSTREAM_REJECTED(502, false, "The ChatSDK API refused this server's credentials; check chatsdk.remote.api-key."),
    /** 502: The ChatSDK API answered with something unexpected. */
    UPSTREAM_BAD_RESPONSE(502, true, "The ChatSDK API answered with something unexpected; try again later."),
    /** 503: The ChatSDK API cannot be reached. */
    UPSTREAM_UNAVAILABLE(503, true, "The ChatSDK API cannot be reached; try again later."),
    /** 503: The session store cannot be reached. */
    STORE_UNAVAILABLE(503, true, "The session store cannot be reached; try again later."),
    /** 504: The ChatSDK API did not answer in time. */
    UPSTREAM_TIMEOUT(504, true, "The ChatSDK API did not answer in time; try again later."),

    /** 500: The server's ChatSDK configuration or the application's user mapping is wrong; not retryable. */
    SERVER_MISCONFIGURED(500, false, "The server's ChatSDK setup is wrong (its configuration or the application's user "
            + "mapping); the same request fails until an operator fixes it, so report it with the requestId."),
    /** 500: An unexpected failure inside the module. */
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
