package dev.chatsdk.jakarta.session;

import static dev.chatsdk.jakarta.session.BoundedStatements.prepare;
import static dev.chatsdk.jakarta.session.BoundedStatements.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import dev.chatsdk.jakarta.spi.ChatSession;

/**
 * The JDBC store's statements in portable SQL (the tables of {@code META-INF/chatsdk/schema.sql}); times are epoch
 * milliseconds. Each runs inside a unit of work, bounded by its deadline ({@link BoundedStatements}).
 */
final class SessionSql {
    /** The columns a session is read from, in the order {@link #session(ResultSet)} reads them. */
    static final String SESSION_COLUMNS = "sid, user_id, profile, created_at, expires_at, revoked_at";

    private SessionSql() {
    }

    static void insertSession(Connection c, ChatSession session) throws SQLException {
        try (PreparedStatement s = prepare(c, "INSERT INTO chatsdk_session (" + SESSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, NULL)")) {
            s.setString(1, session.id());
            s.setString(2, session.user().id());
            s.setString(3, Profiles.write(session.user()));
            s.setLong(4, session.createdAt().toEpochMilli());
            s.setLong(5, session.expiresAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    static void insertToken(Connection c, String jtiHash, String sessionId) throws SQLException {
        update(c, "INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) VALUES (?, ?, NULL)", jtiHash, sessionId);
    }

    /** Deletes the sessions past their end (their tokens go with them). */
    static void purgeExpired(Connection c, long now) throws SQLException {
        update(c, "DELETE FROM chatsdk_session WHERE expires_at <= ?", now);
    }

    /** @return 1 when the presented token was current in a live session and is now spent, else 0 */
    static int spendCurrent(Connection c, String sessionId, String presentedHash, long at) throws SQLException {
        return update(c, "UPDATE chatsdk_refresh SET spent_at = ? WHERE jti_hash = ? AND sid = ? "
                + "AND spent_at IS NULL AND EXISTS (SELECT 1 FROM chatsdk_session s WHERE s.sid = ? "
                + "AND s.revoked_at IS NULL AND s.expires_at > ?)", at, presentedHash, sessionId, sessionId, at);
    }

    /** Spends the session's other current tokens (siblings minted by retries). */
    static void retireSiblings(Connection c, String sessionId, long at) throws SQLException {
        update(c, "UPDATE chatsdk_refresh SET spent_at = ? WHERE sid = ? AND spent_at IS NULL", at, sessionId);
    }

    /** Forgets the session's tokens spent at or before {@code upTo}, but the one just presented. */
    static void forgetSpent(Connection c, String sessionId, long upTo, String presentedHash) throws SQLException {
        update(c, "DELETE FROM chatsdk_refresh WHERE sid = ? AND spent_at IS NOT NULL AND spent_at <= ? "
                + "AND jti_hash <> ?", sessionId, upTo, presentedHash);
    }

    /** A refresh token the session knows: {@code spentAt} is {@code null} while the token is current. */
    record Token(Instant spentAt) {
    }

    /**
     * @return {@code null} when the session never issued the token (or forgot it), else the token, whose
     *         {@code spentAt} is {@code null} while it is current (a NULL column, not epoch 0)
     */
    static Token token(Connection c, String sessionId, String jtiHash) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT spent_at FROM chatsdk_refresh WHERE jti_hash = ? AND sid = ?")) {
            s.setString(1, jtiHash);
            s.setString(2, sessionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                long spentAt = r.getLong(1);
                return new Token(r.wasNull() ? null : Instant.ofEpochMilli(spentAt));
            }
        }
    }

    /** @return how many sessions this revoked, with the reason {@code logout}, {@code reuse} or {@code user} */
    static int revokeSession(Connection c, String sessionId, long at, String reason) throws SQLException {
        return update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = ? WHERE sid = ? "
                + "AND revoked_at IS NULL", at, reason, sessionId);
    }

    static int revokeUser(Connection c, String userId, long at) throws SQLException {
        return update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = 'user' WHERE user_id = ? "
                + "AND revoked_at IS NULL", at, userId);
    }

    /** @return the session, or {@code null} when there is none of that id */
    static ChatSession session(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT " + SESSION_COLUMNS + " FROM chatsdk_session WHERE sid = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? session(r) : null;
            }
        }
    }

    /** @return the session in the current row of a result with {@link #SESSION_COLUMNS} */
    static ChatSession session(ResultSet r) throws SQLException {
        long revokedAt = r.getLong(6);
        Instant revoked = r.wasNull() ? null : Instant.ofEpochMilli(revokedAt);
        return new ChatSession(r.getString(1), Profiles.read(r.getString(2), r.getString(3)),
                Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(r.getLong(5)), revoked);
    }
}
