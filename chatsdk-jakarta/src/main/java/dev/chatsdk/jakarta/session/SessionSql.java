package dev.chatsdk.jakarta.session;

import static dev.chatsdk.jakarta.session.BoundedStatements.prepare;
import static dev.chatsdk.jakarta.session.BoundedStatements.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.chatsdk.jakarta.spi.ChatSession;

/**
 * The JDBC store's statements in portable SQL (the tables of {@code META-INF/chatsdk/schema/}); times are epoch
 * milliseconds. Each runs inside a unit of work, bounded by its deadline ({@link BoundedStatements}).
 *
 * <p>A session's refresh tokens live in one of two places: in its own row while it has one current token and at most
 * one spent token the grace may still ask about ({@code current_hash}, {@code previous_hash},
 * {@code previous_spent_at}; no {@code chatsdk_refresh} row), or else all of them in {@code chatsdk_refresh}, its
 * row's three columns NULL (as in every session created before version 2). Every write of a session's tokens holds
 * its row's lock, so the row's columns alone tell whether the common rotation applies ({@link #ROTATE_IN_ROW}).
 */
final class SessionSql {
    /** The columns a session is read from, in the order {@link #session(ResultSet)} reads them. */
    static final String SESSION_COLUMNS = "sid, user_id, profile, created_at, expires_at, revoked_at";

    /**
     * The common rotation, one row by its primary key: the presented token is the session's only current one, the
     * session is live, and its last spent token (if any) is past the grace, so no one will ask about it again. The
     * presented token becomes the last spent one, the next one current. {@code previous_hash} is assigned before
     * {@code current_hash}: MariaDB assigns left to right, each seeing the assignments before it; standard SQL sees
     * the old row throughout; both read the old {@code current_hash}. The token's user is matched here too on
     * PostgreSQL, whose comparison is exact (a session of another user misses, and {@link LockedRotation} answers it
     * as unknown), so that a refresh needs no read before it; a {@code NULL} user matches any, as elsewhere, where the
     * store compares the user in Java first (a collation such as MariaDB's default ignores case). Parameters: spent at, next hash, sid, user, presented hash,
     * now, forget up to.
     */
    static final String ROTATE_IN_ROW = "UPDATE chatsdk_session SET previous_hash = current_hash, "
            + "previous_spent_at = ?, current_hash = ? WHERE sid = ? AND user_id = COALESCE(?, user_id) "
            + "AND current_hash = ? AND revoked_at IS NULL AND expires_at > ? "
            + "AND (previous_hash IS NULL OR previous_spent_at <= ?)";

    private SessionSql() {
    }

    /** Inserts a session with its first refresh token current in its row. */
    static void insertSession(Connection c, ChatSession session, String firstJtiHash) throws SQLException {
        try (PreparedStatement s = prepare(c, "INSERT INTO chatsdk_session (" + SESSION_COLUMNS
                + ", current_hash) VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
            s.setString(1, session.id());
            s.setString(2, session.user().id());
            s.setString(3, Profiles.write(session.user()));
            s.setLong(4, session.createdAt().toEpochMilli());
            s.setLong(5, session.expiresAt().toEpochMilli());
            s.setString(6, firstJtiHash);
            s.executeUpdate();
        }
    }

    /** Deletes the sessions past their end (their tokens go with them). */
    static void purgeExpired(Connection c, long now) throws SQLException {
        update(c, "DELETE FROM chatsdk_session WHERE expires_at <= ?", now);
    }

    /**
     * Binds {@link #ROTATE_IN_ROW}'s parameters.
     *
     * @param forgetUpTo the latest spent time the grace no longer covers
     */
    static void bindRotateInRow(PreparedStatement s, String sessionId, String userId, String presentedHash,
            String nextHash, long at, long forgetUpTo) throws SQLException {
        s.setLong(1, at);
        s.setString(2, nextHash);
        s.setString(3, sessionId);
        if (userId == null) {
            s.setNull(4, java.sql.Types.VARCHAR);
        } else {
            s.setString(4, userId);
        }
        s.setString(5, presentedHash);
        s.setLong(6, at);
        s.setLong(7, forgetUpTo);
    }

    /** @return 1 when the common rotation ({@link #ROTATE_IN_ROW}) applied, else 0 */
    static int rotateInRow(Connection c, String sessionId, String userId, String presentedHash, String nextHash,
            long at, long forgetUpTo) throws SQLException {
        try (PreparedStatement s = prepare(c, ROTATE_IN_ROW)) {
            bindRotateInRow(s, sessionId, userId, presentedHash, nextHash, at, forgetUpTo);
            return s.executeUpdate();
        }
    }

    /**
     * A session read under its row's lock, with the tokens its row holds.
     *
     * @param currentHash     the current token kept in the row, or {@code null}
     * @param previousHash    the last spent token kept in the row, or {@code null}
     * @param previousSpentAt when it was spent
     */
    record Locked(ChatSession session, String currentHash, String previousHash, long previousSpentAt) {
    }

    /** @return the session, its row locked until the transaction ends, or {@code null} when there is none */
    static Locked lock(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT " + SESSION_COLUMNS + ", current_hash, previous_hash, "
                + "previous_spent_at FROM chatsdk_session WHERE sid = ? FOR UPDATE")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Locked(session(r), r.getString(7), r.getString(8), r.getLong(9)) : null;
            }
        }
    }

    /** @return the session's tokens in {@code chatsdk_refresh}: hash to spent time, {@code null} while current */
    static Map<String, Long> tableTokens(Connection c, String sessionId) throws SQLException {
        Map<String, Long> tokens = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, "SELECT jti_hash, spent_at FROM chatsdk_refresh WHERE sid = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String hash = r.getString(1);
                    long spentAt = r.getLong(2);
                    tokens.put(hash, r.wasNull() ? null : spentAt);
                }
            }
        }
        return tokens;
    }

    /** Writes the tokens a session's row holds: all {@code null} when they are in {@code chatsdk_refresh}. */
    static void writeRowTokens(Connection c, String sessionId, String currentHash, String previousHash,
            Long previousSpentAt) throws SQLException {
        try (PreparedStatement s = prepare(c, "UPDATE chatsdk_session SET current_hash = ?, previous_hash = ?, "
                + "previous_spent_at = ? WHERE sid = ?")) {
            s.setString(1, currentHash);
            s.setString(2, previousHash);
            if (previousSpentAt == null) {
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(3, previousSpentAt);
            }
            s.setString(4, sessionId);
            s.executeUpdate();
        }
    }

    /**
     * Makes the session's rows in {@code chatsdk_refresh} what {@code after} holds, from what they were: deletes,
     * inserts and updates only the rows that differ, each kind in one batch.
     */
    static void writeTableTokens(Connection c, String sessionId, Map<String, Long> before, Map<String, Long> after)
            throws SQLException {
        List<Object[]> deleted = new ArrayList<>();
        List<Object[]> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        before.keySet().stream().filter(h -> !after.containsKey(h))
                .forEach(h -> deleted.add(new Object[] {h, sessionId}));
        after.forEach((h, spentAt) -> {
            if (!before.containsKey(h)) {
                inserted.add(new Object[] {h, sessionId, spentAt});
            } else if (!Objects.equals(before.get(h), spentAt)) {
                updated.add(new Object[] {spentAt, h, sessionId});
            }
        });
        batch(c, "DELETE FROM chatsdk_refresh WHERE jti_hash = ? AND sid = ?", deleted);
        batch(c, "INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) VALUES (?, ?, ?)", inserted);
        batch(c, "UPDATE chatsdk_refresh SET spent_at = ? WHERE jti_hash = ? AND sid = ?", updated);
    }

    private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = prepare(c, sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        s.setNull(i + 1, Types.BIGINT);
                    } else {
                        s.setObject(i + 1, row[i]);
                    }
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** @return how many sessions this revoked, with the reason {@code logout}, {@code reuse} or {@code user} */
    static int revokeSession(Connection c, String sessionId, long at, String reason) throws SQLException {
        return update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = ? WHERE sid = ? "
                + "AND revoked_at IS NULL", at, reason, sessionId);
    }

    /**
     * Revokes the live sessions of exactly this user id: the database finds the candidates, Java compares the ids,
     * since a collation may call other ids equal (MariaDB's default ignores case, accents and trailing spaces, so
     * {@code WHERE user_id = 'Alice'} also finds alice's sessions); then one batch revokes them by id.
     */
    static int revokeUser(Connection c, String userId, long at) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement s = prepare(c, "SELECT sid, user_id FROM chatsdk_session WHERE user_id = ? "
                + "AND revoked_at IS NULL")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (userId.equals(r.getString(2))) {
                        sessions.add(r.getString(1));
                    }
                }
            }
        }
        if (sessions.isEmpty()) {
            return 0;
        }
        int revoked = 0;
        try (PreparedStatement s = prepare(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = 'user' "
                + "WHERE sid = ? AND revoked_at IS NULL")) {
            for (String sid : sessions) {
                s.setLong(1, at);
                s.setString(2, sid);
                s.addBatch();
            }
            for (int count : s.executeBatch()) {
                // a driver that cannot tell answers SUCCESS_NO_INFO (-2): the session was live a moment ago
                revoked += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
            }
        }
        return revoked;
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
