package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.chatsdk.jakarta.spi.ChatSession;

/**
 * The common rotation on PostgreSQL ({@link SessionSql#ROTATE_IN_ROW}) in one statement, one round trip (autocommit)
 * and one row, returning the session: no index covers the columns it changes, so PostgreSQL can update the row in
 * place on its page (HOT). Of concurrent attempts, the row lock lets exactly one spend the token; each other one
 * rechecks the updated row, finds the token no longer current and misses.
 */
final class PostgresRotation {
    private static final String SQL = SessionSql.ROTATE_IN_ROW + " RETURNING " + SessionSql.SESSION_COLUMNS;

    private PostgresRotation() {
    }

    /**
     * @return the session when the presented token was its only current one and is now spent, else {@code null}:
     *         {@link LockedRotation} then decides between rotation, retry, reuse and the rest
     */
    static ChatSession rotate(Connection c, String sessionId, String userId, String presentedHash, String nextHash,
            long at, long forgetUpTo) throws SQLException {
        try (PreparedStatement s = BoundedStatements.prepare(c, SQL)) {
            SessionSql.bindRotateInRow(s, sessionId, userId, presentedHash, nextHash, at, forgetUpTo);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? SessionSql.session(r) : null;
            }
        }
    }
}
