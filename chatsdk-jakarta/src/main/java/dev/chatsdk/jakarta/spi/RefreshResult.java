package dev.chatsdk.jakarta.spi;

import java.util.Objects;

import dev.chatsdk.jakarta.ChatTokens;

/**
 * A refresh that succeeded, and how: the next tokens, and whether the presented token had been spent within the
 * grace window already (a client's retry, {@link Rotation.Outcome#RETRIED}) rather than rotated for the first time.
 * The module counts retries apart in its metrics and events ({@code TokenRefreshed.retry()}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.2
 */
public final class RefreshResult {
    private final ChatTokens tokens;
    private final boolean retried;

    /**
     * @param tokens  the session's next tokens
     * @param retried whether the presented token had been spent within the grace window
     */
    public RefreshResult(ChatTokens tokens, boolean retried) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.retried = retried;
    }

    /** @return the session's next tokens */
    public ChatTokens tokens() {
        return tokens;
    }

    /** @return whether the presented token had been spent within the grace window (a retry) */
    public boolean retried() {
        return retried;
    }

    @Override
    public String toString() {
        return "RefreshResult[session=" + tokens.sessionId() + ", retried=" + retried + "]";
    }
}
