package dev.chatsdk.jakarta.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Issues a new session's tokens, rotates them on refresh, and ends a session on logout; optionally also ends every
 * session of a user, validates tokens, publishes its verification keys and reports its health. The three
 * abstract methods are all an issuer must have; every other method is an optional capability whose default answers
 * "not supported" the way the endpoints need it (see the package documentation). The module reaches issuers only
 * through this interface, so an issuer of the application's own serves every endpoint the built-in ones do when it
 * implements the same capabilities.
 *
 * <p>Implementations must be thread-safe: one instance serves every request of a deployment.
 *
 * <p><b>Lifecycle.</b> An issuer the module made (with a {@link TokenIssuerFactory}, built-in or the application's)
 * is closed by {@code ChatSdk.close()}; an issuer given to {@code ChatSdk.builder().issuer(…)} belongs to the
 * application, which closes it: the module never does. The session store of {@link IssuerContext#sessionStore()} is
 * not the issuer's to close: the module closes it after the issuer.
 *
 * @since 0.1
 */
public interface TokenIssuer extends AutoCloseable {
    /**
     * @param user the user to issue tokens to; already validated
     * @return the tokens of a new session
     * @throws ChatSdkException with a code of docs/http-api.md#errors when the tokens cannot be issued
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

    /**
     * {@link #refresh(String)}, telling also whether the presented token was a retry within the grace window. The
     * module refreshes through this method; the default calls {@link #refresh(String)} and reports no retry.
     *
     * @param refreshToken the presented refresh token
     * @return the next tokens, and whether the presented token had been spent within the grace window
     * @throws ChatSdkException as {@link #refresh(String)}
     * @since 0.2
     */
    default RefreshResult refreshWithResult(String refreshToken) {
        return new RefreshResult(refresh(refreshToken), false);
    }

    /**
     * Whether {@link #revoke(String)} can end a session. When {@code false}, the logout endpoint tells the client
     * that the refresh token stays valid until it expires (an upstream API without per-session logout).
     *
     * @return {@code true} by default
     * @since 0.2
     */
    default boolean logoutEndsSession() {
        return true;
    }

    /**
     * Whether this issuer can {@linkplain #revokeSession end one session by its id}, as the application's logout does
     * ({@code chatsdk.web.logout-ends=sessions}). Override it together with {@link #revokeSession}.
     *
     * @return {@code false} by default
     * @since 0.3
     */
    default boolean revokesSessions() {
        return false;
    }

    /**
     * Ends one session by its id (the tokens' {@code sid}), without its refresh token: what the module does when the
     * application's HTTP session in which the tokens were issued ends. Unlike {@link #revoke(String)} no token proves
     * the session is the caller's: the module passes only ids it recorded itself when it issued the tokens.
     *
     * @param sessionId the session's id
     * @return whether the session was revoked now ({@code false} when it is unknown or was revoked before)
     * @throws ChatSdkException with {@link ErrorCode#TOKEN_API_DISABLED} when this issuer cannot end one session by its
     *                          id (the default), or {@code STORE_UNAVAILABLE}
     * @since 0.3
     */
    default boolean revokeSession(String sessionId) {
        throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, "This issuer cannot end one session by its id.");
    }

    /**
     * Ends every session of a user ({@code ChatSdk.revokeUser} and
     * {@code POST {api-base}/api/users/{userId}/revoke-tokens}).
     *
     * @param userId the user id, already checked
     * @return how many sessions were revoked now
     * @throws ChatSdkException with {@link ErrorCode#TOKEN_API_DISABLED} when this issuer keeps no sessions (the
     *                          default), or {@code STORE_UNAVAILABLE}
     * @since 0.2
     */
    default int revokeUser(String userId) {
        throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, "This issuer keeps no sessions to revoke.");
    }

    /**
     * {@link #revokeUser(String)}, saying why: the module calls this one when the application's logout or an HTTP
     * session's expiry ends a user's sessions ({@code chatsdk.web.logout-ends=user}), so that an issuer that asks
     * another service to revoke can tell it the cause. The default ignores the reason.
     *
     * @param userId the user id, already checked
     * @param reason why, in a few words without credentials, such as {@code app_logout} (at most 255 characters)
     * @return how many sessions were revoked now
     * @throws ChatSdkException as {@link #revokeUser(String)}
     * @since 0.3
     */
    default int revokeUser(String userId, String reason) {
        return revokeUser(userId);
    }

    /**
     * Whether this issuer {@linkplain #validate validates} tokens. The validate endpoints answer
     * {@code TOKEN_API_DISABLED} at once, before reading the token, when it does not. Override it together with
     * {@link #validate}.
     *
     * @return {@code false} by default
     * @since 0.2
     */
    default boolean validatesTokens() {
        return false;
    }

    /**
     * Verifies an access or ws token and reads its session's current state ({@code GET {api-base}/tokens/validate}
     * and {@code /tokens/validate-ws}).
     *
     * @param token    the presented token
     * @param realtime {@code true} for a ws token, {@code false} for an access token
     * @return the token with its live session
     * @throws ChatSdkException with {@code INVALID_TOKEN}, {@code TOKEN_EXPIRED} or {@code SESSION_REVOKED}, or
     *                          {@link ErrorCode#TOKEN_API_DISABLED} when this issuer cannot validate (the default)
     * @since 0.2
     */
    default ValidatedToken validate(String token, boolean realtime) {
        throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, "Validation needs an issuer that validates tokens, "
                + "such as the local issuer.");
    }

    /**
     * The public keys verifiers check this issuer's tokens with ({@code GET {api-base}/.well-known/jwks.json}),
     * active and retired, as JSON Web Keys (RFC 7517). Never a private or shared secret.
     *
     * @return the keys; empty (the default) when there are none to publish, and then the endpoint answers 404
     * @since 0.2
     */
    default List<Map<String, Object>> jwks() {
        return List.of();
    }

    /**
     * Reports whether tokens can be had, for readiness probes: for example whether an upstream API answers, or the
     * state of the signing keys. Called on a thread of its own, at most once at a time.
     *
     * @param deadline the longest the check may take; a check that takes longer is reported DOWN
     * @return the report; the default is UP with the issuer's class name under {@code issuer.class}
     * @since 0.2
     */
    default Health health(Duration deadline) {
        return Health.up(Map.of("issuer.class", getClass().getName()));
    }

    /**
     * Releases what this issuer opened itself: HTTP clients, executors, threads. Called once by
     * {@code ChatSdk.close()} for an issuer the module made; must be idempotent and must not wait long (it runs when
     * the application is undeployed). It must not close the {@linkplain IssuerContext#sessionStore() session store}:
     * the module does. The default does nothing.
     *
     * @since 0.3
     */
    @Override
    default void close() {
    }
}
