package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;

/**
 * A rotation the session's row alone cannot take ({@link SessionSql#ROTATE_IN_ROW} missed): a retry within the grace,
 * siblings, a session of another user than the token's, a spent token the grace still covers, reuse, a revoked, ended or unknown session, or a session whose
 * tokens are in {@code chatsdk_refresh} (created before version 2, or holding more than its row can). Runs in a
 * transaction: locks the session's row, so every other rotation of the session, on any node, waits for this one;
 * gathers its tokens from the row and the table; applies {@link RotationRule}; and writes them back in the one place
 * they fit, the row when it can hold them all, else the table.
 */
final class LockedRotation {
    private LockedRotation() {
    }

    /**
     * @param userId     the token's user, or {@code null}: a session of another user is unknown, and nothing
     *                   changes
     * @param forgetUpTo spent tokens spent at or before this (epoch milliseconds) are forgotten when the presented
     *                   token rotates: the grace no longer covers them, and forgotten they are reuse all the same
     */
    static Rotation rotate(Connection c, String sessionId, String userId, String presentedHash, String nextHash,
            Instant now, Duration grace, long forgetUpTo) throws SQLException {
        SessionSql.Locked row = SessionSql.lock(c, sessionId);
        if (row == null || userId != null && !row.session().user().id().equals(userId)) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        Map<String, Long> table = SessionSql.tableTokens(c, sessionId);
        Map<String, Long> tokens = new LinkedHashMap<>(table);
        if (row.previousHash() != null) {
            tokens.put(row.previousHash(), row.previousSpentAt());
        }
        if (row.currentHash() != null) {
            tokens.put(row.currentHash(), null);
        }
        boolean known = tokens.containsKey(presentedHash);
        Long spentAt = tokens.get(presentedHash);
        ChatSession session = row.session();
        Rotation.Outcome outcome = RotationRule.decide(session, known,
                spentAt == null ? null : Instant.ofEpochMilli(spentAt), now, grace);
        long at = now.toEpochMilli();
        switch (outcome) {
            case ROTATED:
                tokens.values().removeIf(spent -> spent != null && spent <= forgetUpTo);
                // one branch goes on: the siblings retries minted are spent now, so after the grace they are reuse
                tokens.replaceAll((hash, spent) -> spent == null ? Long.valueOf(at) : spent);
                tokens.put(nextHash, null);
                write(c, row, table, tokens);
                break;
            case RETRIED:
                tokens.put(nextHash, null);
                write(c, row, table, tokens);
                break;
            case REUSED:
                SessionSql.revokeSession(c, sessionId, at, "reuse");
                session = new ChatSession(session.id(), session.user(), session.createdAt(), session.expiresAt(),
                        Instant.ofEpochMilli(at));
                break;
            default:
                break;
        }
        return new Rotation(outcome, session);
    }

    /**
     * Writes the session's tokens where they fit: its row when they are one current token and at most one spent one
     * (then the common rotation applies next time), else all of them in {@code chatsdk_refresh}.
     *
     * @param table the session's tokens in {@code chatsdk_refresh} before
     */
    private static void write(Connection c, SessionSql.Locked row, Map<String, Long> table, Map<String, Long> tokens)
            throws SQLException {
        String current = null;
        String previous = null;
        Long previousSpentAt = null;
        int currents = 0;
        int spent = 0;
        for (Map.Entry<String, Long> token : tokens.entrySet()) {
            if (token.getValue() == null) {
                currents++;
                current = token.getKey();
            } else {
                spent++;
                previous = token.getKey();
                previousSpentAt = token.getValue();
            }
        }
        boolean inRow = currents == 1 && spent <= 1;
        String sessionId = row.session().id();
        if (inRow) {
            SessionSql.writeRowTokens(c, sessionId, current, previous, previousSpentAt);
        } else if (row.currentHash() != null || row.previousHash() != null) {
            SessionSql.writeRowTokens(c, sessionId, null, null, null);
        }
        SessionSql.writeTableTokens(c, sessionId, table, inRow ? Map.of() : tokens);
    }
}
