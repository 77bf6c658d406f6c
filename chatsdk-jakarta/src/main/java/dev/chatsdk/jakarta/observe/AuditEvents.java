package dev.chatsdk.jakarta.observe;

import java.time.Instant;
import java.util.List;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.token.UnverifiedClaims;

/**
 * Builds the audit events from what happened, with their reasons, at a given instant; the client address and endpoint
 * are those of the request on this thread ({@link RequestContext}).
 */
final class AuditEvents {
    private AuditEvents() {
    }

    static ChatEvent issued(Instant at, ChatTokens tokens) {
        String endpoint = RequestContext.endpoint();
        String reason = endpoint == null ? "Issued by application code."
                : "token".equals(endpoint) ? "Issued at the token endpoint to the logged-in user."
                : "Issued through the token API.";
        return new TokenIssued(at, tokens.user().id(), tokens.sessionId(), RequestContext.clientIp(), reason);
    }

    static ChatEvent refreshed(Instant at, ChatTokens tokens, boolean retry) {
        return new TokenRefreshed(at, tokens.user().id(), tokens.sessionId(), RequestContext.clientIp(), retry,
                retry ? "A spent refresh token came back within the rotation grace: taken as a retry."
                        : "The refresh token was rotated.");
    }

    /** @return the reuse, then the revocation it caused; only the token's {@code user_id} and {@code sid} are read */
    static List<ChatEvent> reused(Instant at, String refreshToken) {
        String userId = UnverifiedClaims.string(refreshToken, "user_id");
        String sessionId = UnverifiedClaims.string(refreshToken, "sid");
        String clientIp = RequestContext.clientIp();
        return List.of(new RefreshReuseDetected(at, userId, sessionId, clientIp,
                "A spent refresh token came back after the rotation grace."),
                new SessionRevoked(at, userId, sessionId, clientIp, SessionRevoked.Cause.REUSE, 1,
                        "The session was revoked because a spent refresh token was replayed."));
    }

    static ChatEvent loggedOut(Instant at, String refreshToken) {
        return new SessionRevoked(at, UnverifiedClaims.string(refreshToken, "user_id"),
                UnverifiedClaims.string(refreshToken, "sid"), RequestContext.clientIp(), SessionRevoked.Cause.LOGOUT, 1,
                "Logged out with the session's refresh token.");
    }

    static ChatEvent revokedUser(Instant at, String userId, int count) {
        return new SessionRevoked(at, userId, null, RequestContext.clientIp(), SessionRevoked.Cause.USER, count,
                "Every session of the user was revoked.");
    }

    /**
     * The application's HTTP session ended (logout, or idle expiry): the sessions issued within it, or every session
     * of one user when {@code sessionId} is {@code null}. No client address: the end may come from no request.
     */
    static ChatEvent endedWithHttpSession(Instant at, String userId, String sessionId, int count, boolean expired) {
        String what = sessionId != null ? "The session" : "Every session of the user";
        return new SessionRevoked(at, userId, sessionId, null,
                expired ? SessionRevoked.Cause.APP_SESSION_EXPIRED : SessionRevoked.Cause.APP_LOGOUT, count, expired
                        ? what + " was revoked because the HTTP session it was issued in expired (chatsdk.web.expiry-ends)."
                        : what + " was revoked because the application ended the HTTP session it was issued in "
                                + "(logout; chatsdk.web.logout-ends).");
    }

    /** The client of the evicted session is not the one being served: no client address. */
    static ChatEvent evicted(Instant at, String userId, String sessionId, boolean perUser) {
        return new SessionRevoked(at, userId, sessionId, null, SessionRevoked.Cause.EVICTED, 1, perUser
                ? "The user's least recently used session was evicted: the user reached chatsdk.session.max-per-user."
                : "The least recently used session was evicted: the in-memory session store was full.");
    }
}
