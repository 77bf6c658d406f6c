package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation.Outcome;

/**
 * The one rule every store applies to a presented refresh token (docs/http-api.md#refresh, RFC 9700 §4.14):
 * the current token rotates; a spent one within the grace window is a retry (lost response, double
 * submit, several tabs) and gets a sibling; a spent one after it, or one the live session does not
 * know, is reuse and revokes the session.
 *
 * <p>A rotation also retires every other current token of the session (the siblings retries minted): they
 * are spent at that instant. So a retry forks a session for the grace at most: after one branch rotates,
 * any other branch is a retry within the grace and reuse after it.
 */
final class RotationRule {
    private RotationRule() {
    }

    /**
     * @param session the session, or {@code null} when unknown
     * @param known   whether the session knows the presented token
     * @param spentAt when the presented token was spent, or {@code null} when it is current
     */
    static Outcome decide(ChatSession session, boolean known, Instant spentAt, Instant now, Duration grace) {
        if (session == null) {
            return Outcome.UNKNOWN;
        }
        if (session.revokedAt().isPresent()) {
            return Outcome.REVOKED;
        }
        if (!now.isBefore(session.expiresAt())) {
            return Outcome.EXPIRED;
        }
        if (known && spentAt == null) {
            return Outcome.ROTATED;
        }
        if (known && withinGrace(spentAt, now, grace)) {
            return Outcome.RETRIED;
        }
        return Outcome.REUSED;
    }

    /** A spent token is a retry while less than {@code grace} has passed since it was spent (never when zero). */
    static boolean withinGrace(Instant spentAt, Instant now, Duration grace) {
        return !grace.isZero() && Duration.between(spentAt, now).compareTo(grace) < 0;
    }
}
