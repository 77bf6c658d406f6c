package dev.chatsdk.jakarta.spi;

import java.util.Objects;

/**
 * What a {@link SessionStore} did with a presented refresh token.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Rotation {
    /** The outcomes of a rotation attempt. */
    public enum Outcome {
        /**
         * The token was current: it is now spent and the next one recorded; every other current token of the
         * session (siblings minted by retries) is spent at the same instant, so that one branch goes on.
         */
        ROTATED,
        /** The token was spent within the grace window: the next one is recorded as a sibling. */
        RETRIED,
        /** The token was spent before the grace window, or is unknown to a live session: the session is now revoked. */
        REUSED,
        /** The session had been revoked before. */
        REVOKED,
        /** The session has reached its end. */
        EXPIRED,
        /** No such session, or (asked with a user) a session of another user. */
        UNKNOWN
    }

    private final Outcome outcome;
    private final ChatSession session;

    /**
     * @param outcome what happened
     * @param session the session as it is after the attempt; {@code null} only for {@link Outcome#UNKNOWN}
     */
    public Rotation(Outcome outcome, ChatSession session) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.session = session;
    }

    /** @return what happened */
    public Outcome outcome() {
        return outcome;
    }

    /** @return the session, or {@code null} when {@link Outcome#UNKNOWN} */
    public ChatSession session() {
        return session;
    }

    @Override
    public String toString() {
        return "Rotation[" + outcome + ", " + session + "]";
    }
}
