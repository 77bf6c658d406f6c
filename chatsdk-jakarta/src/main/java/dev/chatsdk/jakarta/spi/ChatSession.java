package dev.chatsdk.jakarta.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.chatsdk.jakarta.ChatUser;

/**
 * One session: what an issue starts and every refresh rotation continues, until it is revoked or
 * reaches its end ({@code chatsdk.session.max-lifetime} after it began).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChatSession {
    private final String id;
    private final ChatUser user;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Instant revokedAt;

    /**
     * @param id        the session id, the tokens' {@code sid}
     * @param user      the user with the profile the session's tokens carry
     * @param createdAt when the session began
     * @param expiresAt when it ends, whatever its rotations
     * @param revokedAt when it was revoked, or {@code null}
     * @throws NullPointerException if an argument other than {@code revokedAt} is {@code null}
     */
    public ChatSession(String id, ChatUser user, Instant createdAt, Instant expiresAt, Instant revokedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.user = Objects.requireNonNull(user, "user");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.revokedAt = revokedAt;
    }

    /** @return the session id ({@code sid}) */
    public String id() {
        return id;
    }

    /** @return the user and profile */
    public ChatUser user() {
        return user;
    }

    /** @return when the session began */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the session ends */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return when the session was revoked, if it was */
    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    /**
     * @param now the instant to judge at
     * @return whether the session is neither revoked nor past its end at {@code now}
     */
    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "ChatSession[id=" + id + ", user=" + user.id() + ", expiresAt=" + expiresAt
                + (revokedAt == null ? "" : ", revokedAt=" + revokedAt) + "]";
    }
}
