package dev.chatsdk.jakarta.event;

import java.time.Instant;

/**
 * A new session's tokens were issued: at the token endpoint, through the token API, or by application code.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TokenIssued extends ChatEvent {
    /**
     * @param time      when
     * @param userId    the user the tokens were issued to
     * @param sessionId the new session, or {@code null} when the issuer did not say
     * @param clientIp  the client's address, or {@code null} from application code
     * @param reason    where the tokens were issued
     */
    public TokenIssued(Instant time, String userId, String sessionId, String clientIp, String reason) {
        super(time, userId, sessionId, clientIp, reason);
    }
}
