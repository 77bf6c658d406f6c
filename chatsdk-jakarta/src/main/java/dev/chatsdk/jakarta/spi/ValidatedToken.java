package dev.chatsdk.jakarta.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An access or ws token a {@link TokenIssuer} verified, with its session as it is now: what
 * {@code GET {api-base}/tokens/validate} and {@code /tokens/validate-ws} answer with.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.2
 */
public final class ValidatedToken {
    private final String userId;
    private final String appId;
    private final String subject;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final ChatSession session;

    /**
     * @param userId    the token's {@code user_id}
     * @param appId     the token's {@code app_id}
     * @param subject   the token's {@code sub} ({@code appId:userId})
     * @param issuedAt  the token's {@code iat}
     * @param expiresAt the token's {@code exp}
     * @param session   the token's session as it is now
     * @throws NullPointerException if {@code session} is {@code null}
     */
    public ValidatedToken(String userId, String appId, String subject, Instant issuedAt, Instant expiresAt,
            ChatSession session) {
        this.userId = userId;
        this.appId = appId;
        this.subject = subject;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.session = Objects.requireNonNull(session, "session");
    }

    /** @return the {@code user_id} claim */
    public String userId() {
        return userId;
    }

    /** @return the {@code app_id} claim */
    public String appId() {
        return appId;
    }

    /** @return the {@code sub} claim ({@code appId:userId}) */
    public String subject() {
        return subject;
    }

    /** @return the {@code iat} claim */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return the {@code exp} claim */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return the session as it is now */
    public ChatSession session() {
        return session;
    }

    @Override
    public String toString() {
        return "ValidatedToken[user=" + userId + ", session=" + session.id() + ", expiresAt=" + expiresAt + "]";
    }
}
