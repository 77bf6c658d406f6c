package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.chatsdk.jakarta.spi.ChatSession;

/**
 * The common case of a rotation on PostgreSQL, in one statement and one round trip (autocommit): spend the
 * current token, retire the session's other current tokens (siblings minted by retries), record the next,
 * forget spent tokens past the grace and read the session, all or nothing. Of concurrent attempts, the row
 * lock lets exactly one spend the token; the others find it spent. Two concurrent rotations of two siblings
 * each wait for the other's row: PostgreSQL aborts one (deadlock, retried), which then finds its token retired.
 */
final class PostgresRotation {
    private static final String SQL = "WITH spent AS (UPDATE chatsdk_refresh SET spent_at = ? "
            + "WHERE jti_hash = ? AND sid = ? AND spent_at IS NULL AND EXISTS (SELECT 1 FROM chatsdk_session s "
            + "WHERE s.sid = ? AND s.revoked_at IS NULL AND s.expires_at > ?) RETURNING sid), "
            + "retired AS (UPDATE chatsdk_refresh r SET spent_at = ? FROM spent WHERE r.sid = spent.sid "
            + "AND r.spent_at IS NULL AND r.jti_hash <> ?), "
            + "added AS (INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) SELECT ?, sid, NULL FROM spent), "
            + "forgotten AS (DELETE FROM chatsdk_refresh r USING spent WHERE r.sid = spent.sid "
            + "AND r.spent_at IS NOT NULL AND r.spent_at <= ? AND r.jti_hash <> ?) "
            + "SELECT " + SessionSql.SESSION_COLUMNS.replace("sid,", "s.sid,") + " FROM chatsdk_session s JOIN spent "
            + "ON s.sid = spent.sid";

    private PostgresRotation() {
    }

    /**
     * @return the session when the presented token was current and is now spent, else {@code null}: the portable
     *         transaction of {@link JdbcSessionStore#rotate} then decides between retry, reuse and the rest
     */
    static ChatSession rotate(Connection c, String sessionId, String presentedHash, String nextHash, long at,
            long forgetUpTo) throws SQLException {
        try (PreparedStatement s = BoundedStatements.prepare(c, SQL)) {
            s.setLong(1, at);
            s.setString(2, presentedHash);
            s.setString(3, sessionId);
            s.setString(4, sessionId);
            s.setLong(5, at);
            s.setLong(6, at);
            s.setString(7, presentedHash);
            s.setString(8, nextHash);
            s.setLong(9, forgetUpTo);
            s.setString(10, presentedHash);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? SessionSql.session(r) : null;
            }
        }
    }
}
