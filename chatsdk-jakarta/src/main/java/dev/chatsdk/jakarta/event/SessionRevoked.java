package dev.chatsdk.jakarta.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One session, or every session of a user, ended before its time.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SessionRevoked extends ChatEvent {
    /** Why sessions were revoked. */
    public enum Cause {
        /** Logout with the session's refresh token. */
        LOGOUT,
        /** Every session of the user, by {@code revoke-tokens} or {@code ChatSdk.revokeUser}. */
        USER,
        /** A spent refresh token came back after the grace (see {@link RefreshReuseDetected}). */
        REUSE,
        /** The memory store made room for a new session: it was full, or the user had too many sessions. */
        EVICTED,
        /**
         * The application ended the HTTP session the tokens were issued in (its logout), per
         * {@code chatsdk.web.logout-ends}.
         *
         * @since 0.3
         */
        APP_LOGOUT,
        /**
         * The HTTP session the tokens were issued in expired, idle, per {@code chatsdk.web.expiry-ends}.
         *
         * @since 0.3
         */
        APP_SESSION_EXPIRED
    }

    private final Cause cause;
    private final int sessions;

    /**
     * @param time      when
     * @param userId    the user, or {@code null} when the token does not say
     * @param sessionId the session, or {@code null} when every session of the user was revoked
     * @param clientIp  the client's address, or {@code null} from application code
     * @param cause     why
     * @param sessions  how many sessions were revoked now
     * @param reason    what happened
     * @throws NullPointerException if {@code cause} is {@code null}
     */
    public SessionRevoked(Instant time, String userId, String sessionId, String clientIp, Cause cause, int sessions,
            String reason) {
        super(time, userId, sessionId, clientIp, reason);
        this.cause = Objects.requireNonNull(cause, "cause");
        this.sessions = sessions;
    }

    /** @return why */
    public Cause cause() {
        return cause;
    }

    /** @return how many sessions were revoked now */
    public int sessions() {
        return sessions;
    }

    @Override
    String details() {
        return ", cause=" + cause + ", sessions=" + sessions;
    }
}
