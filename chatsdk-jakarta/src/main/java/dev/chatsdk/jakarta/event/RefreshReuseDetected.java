package dev.chatsdk.jakarta.event;

import java.time.Instant;

/**
 * A spent refresh token came back after the rotation grace, which only a stolen copy explains (RFC 9700 §4.14):
 * the session is revoked (a {@link SessionRevoked} with {@link SessionRevoked.Cause#REUSE} follows).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RefreshReuseDetected extends ChatEvent {
    /**
     * @param time      when
     * @param userId    the session's user, or {@code null} when the token does not say
     * @param sessionId the session, or {@code null} when the token does not say
     * @param clientIp  the address the spent token came from, or {@code null} from application code
     * @param reason    what happened
     */
    public RefreshReuseDetected(Instant time, String userId, String sessionId, String clientIp, String reason) {
        super(time, userId, sessionId, clientIp, reason);
    }
}
