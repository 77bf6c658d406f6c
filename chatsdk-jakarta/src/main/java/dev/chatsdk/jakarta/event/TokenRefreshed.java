package dev.chatsdk.jakarta.event;

import java.time.Instant;

/**
 * A refresh token was spent and the session's next tokens issued. A spent token presented again within
 * {@code chatsdk.session.rotation-grace} is a {@linkplain #retry() retry} (a lost response, a double submit).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TokenRefreshed extends ChatEvent {
    private final boolean retry;

    /**
     * @param time      when
     * @param userId    the session's user
     * @param sessionId the session
     * @param clientIp  the client's address, or {@code null} from application code
     * @param retry     whether the presented token had been spent already, within the grace
     * @param reason    what happened
     */
    public TokenRefreshed(Instant time, String userId, String sessionId, String clientIp, boolean retry, String reason) {
        super(time, userId, sessionId, clientIp, reason);
        this.retry = retry;
    }

    /** @return whether the presented token had been spent already, within the grace; always {@code false} with the remote issuer, whose API decides */
    public boolean retry() {
        return retry;
    }

    @Override
    String details() {
        return ", retry=" + retry;
    }
}
