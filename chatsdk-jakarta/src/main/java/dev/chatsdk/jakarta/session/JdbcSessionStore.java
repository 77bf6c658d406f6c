package dev.chatsdk.jakarta.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Sessions in the application's database, shared by every node that uses it and kept across
 * restarts. A rotation is one transaction around one conditional update: of concurrent attempts to
 * spend the same token, on any node, exactly one updates the row, and the same transaction retires the
 * session's other current tokens (siblings minted by retries). A failure rolls everything back
 * and answers {@code STORE_UNAVAILABLE}, except a value the database refuses (SQLState class 22, a data exception
 * such as a value longer than its column or text it cannot hold): that is about this request's data, no retry can
 * change the answer, so it is {@code INVALID_REQUEST} (400), logged as {@code CHATSDK-302} with the SQLState only
 * (the database's message may quote the value). The bounds of {@code ChatUser} keep every value of a user within
 * the shipped schema; a column narrower than {@code schema.sql} declares is what still meets this.
 * Creates its tables on first use when they are missing ({@code META-INF/chatsdk/schema.sql}).
 *
 * <p>Every operation ends within its timeout ({@code chatsdk.session.jdbc.timeout}) when the database goes silent:
 * the wait for a connection permit, connecting, each statement ({@link Statement#setQueryTimeout}) and the socket
 * ({@link Connection#setNetworkTimeout}) share one deadline, after which the operation answers
 * {@code STORE_UNAVAILABLE}. A connection whose unit of work failed at or past the deadline is closed, never reused
 * (its network timeout may have fired). A connection that refuses a network timeout (a container's pool wrapper) is
 * used with statement timeouts only ({@code CHATSDK-303}, once).
 */
public final class JdbcSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final String SESSION_COLUMNS = "sid, user_id, profile, created_at, expires_at, revoked_at";
    /** The default of {@code chatsdk.session.jdbc.timeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Runs what a driver's {@code setNetworkTimeout} hands over on the calling thread. */
    private static final Executor CALLER = Runnable::run;
    /** The deadline ({@link System#nanoTime}) of the unit of work on this thread, for its statements' timeouts. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final Connections connections;
    private final Semaphore permits;
    private final Duration timeout;
    private final AtomicBoolean networkTimeoutRefused = new AtomicBoolean();
    private volatile boolean schemaReady;
    /** Whether the database is PostgreSQL, where a rotation takes one statement (known after the first unit of work). */
    private volatile boolean postgres;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    /** Where a unit of work gets its connection, and where the connection goes after it. */
    public interface Connections {
        /** @return a connection for one unit of work */
        Connection open() throws SQLException;

        /**
         * @param within the longest the caller may wait; this default cannot bound the wait (a DataSource's own pool
         *               settings bound it)
         * @return a connection for one unit of work
         */
        default Connection open(Duration within) throws SQLException {
            return open();
        }

        /**
         * Takes a connection back after a unit of work.
         *
         * @param healthy {@code false} after a connection-level failure: the connection must not be used again
         */
        void release(Connection connection, boolean healthy);

        /** Connections of a DataSource: every unit of work borrows from the server's pool and gives back. */
        static Connections of(javax.sql.DataSource dataSource) {
            return new Connections() {
                @Override
                public Connection open() throws SQLException {
                    return dataSource.getConnection();
                }

                @Override
                public void release(Connection connection, boolean healthy) {
                    closeQuietly(connection);
                }
            };
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * @param connections    where connections come from (a DataSource, or a JDBC URL)
     * @param maxConnections most connections open at once; an operation waits up to five seconds in all
     */
    public JdbcSessionStore(Connections connections, int maxConnections) {
        this(connections, maxConnections, DEFAULT_TIMEOUT);
    }

    /**
     * @param connections    where connections come from (a DataSource, or a JDBC URL)
     * @param maxConnections most connections open at once
     * @param timeout        longest an operation waits for the database in all: for a connection permit, to connect,
     *                       for its statements and on the socket; then {@code STORE_UNAVAILABLE}
     */
    public JdbcSessionStore(Connections connections, int maxConnections, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.connections = connections;
        this.permits = new Semaphore(maxConnections, true);
        this.timeout = timeout;
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        Instant now = session.createdAt();
        Instant due = nextPurge.get();
        boolean purge = !now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL));
        transaction(deadline(), c -> {
            try (PreparedStatement s = prepare(c, "INSERT INTO chatsdk_session (" + SESSION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, NULL)")) {
                s.setString(1, session.id());
                s.setString(2, session.user().id());
                s.setString(3, Profiles.write(session.user()));
                s.setLong(4, session.createdAt().toEpochMilli());
                s.setLong(5, session.expiresAt().toEpochMilli());
                s.executeUpdate();
            }
            insertToken(c, firstJtiHash, session.id());
            if (purge) {
                update(c, "DELETE FROM chatsdk_session WHERE expires_at <= ?", now.toEpochMilli());
            }
            return null;
        });
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        long at = now.toEpochMilli();
        long forgetUpTo = grace.isZero() ? at - 1 : at - grace.toMillis();
        long deadline = deadline();
        if (postgres) {
            ChatSession rotated = unit(deadline, true, c -> rotateInOneStatement(c, sessionId, presentedHash, nextHash,
                    at, forgetUpTo));
            if (rotated != null) {
                return new Rotation(Rotation.Outcome.ROTATED, rotated);
            }
        }
        return transaction(deadline, c -> {
            int spent = update(c, "UPDATE chatsdk_refresh SET spent_at = ? WHERE jti_hash = ? AND sid = ? "
                    + "AND spent_at IS NULL AND EXISTS (SELECT 1 FROM chatsdk_session s WHERE s.sid = ? "
                    + "AND s.revoked_at IS NULL AND s.expires_at > ?)", at, presentedHash, sessionId, sessionId, at);
            if (spent == 1) {
                // one branch goes on: the siblings retries minted are spent now, so after the grace they are reuse
                update(c, "UPDATE chatsdk_refresh SET spent_at = ? WHERE sid = ? AND spent_at IS NULL", at, sessionId);
                insertToken(c, nextHash, sessionId);
                update(c, "DELETE FROM chatsdk_refresh WHERE sid = ? AND spent_at IS NOT NULL AND spent_at <= ? "
                        + "AND jti_hash <> ?", sessionId, forgetUpTo, presentedHash);
                return new Rotation(Rotation.Outcome.ROTATED, session(c, sessionId));
            }
            ChatSession session = session(c, sessionId);
            Long spentAt = null;
            boolean known = false;
            try (PreparedStatement s = prepare(c,
                    "SELECT spent_at FROM chatsdk_refresh WHERE jti_hash = ? AND sid = ?")) {
                s.setString(1, presentedHash);
                s.setString(2, sessionId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        known = true;
                        spentAt = r.getLong(1);
                    }
                }
            }
            Rotation.Outcome outcome = RotationRule.decide(session, known,
                    spentAt == null ? null : Instant.ofEpochMilli(spentAt), now, grace);
            switch (outcome) {
                case RETRIED:
                    insertToken(c, nextHash, sessionId);
                    break;
                case REUSED:
                    update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = 'reuse' WHERE sid = ? "
                            + "AND revoked_at IS NULL", at, sessionId);
                    session = session(c, sessionId);
                    break;
                case ROTATED:
                    throw new SQLException("a current refresh token could not be spent; retry the transaction", "40001");
                default:
                    break;
            }
            return new Rotation(outcome, session);
        });
    }

    /**
     * The common case of a rotation on PostgreSQL, in one statement and one round trip (autocommit): spend the
     * current token, retire the session's other current tokens (siblings minted by retries), record the next,
     * forget spent tokens past the grace and read the session, all or nothing. Of concurrent attempts, the row
     * lock lets exactly one spend the token; the others find it spent. Two concurrent rotations of two siblings
     * each wait for the other's row: PostgreSQL aborts one (deadlock, retried), which then finds its token retired.
     *
     * @return the session when the presented token was current and is now spent, else {@code null}: the
     *         transaction of {@link #rotate} then decides between retry, reuse and the rest
     */
    private static ChatSession rotateInOneStatement(Connection c, String sessionId, String presentedHash, String nextHash,
            long at, long forgetUpTo) throws SQLException {
        try (PreparedStatement s = prepare(c, "WITH spent AS (UPDATE chatsdk_refresh SET spent_at = ? "
                + "WHERE jti_hash = ? AND sid = ? AND spent_at IS NULL AND EXISTS (SELECT 1 FROM chatsdk_session s "
                + "WHERE s.sid = ? AND s.revoked_at IS NULL AND s.expires_at > ?) RETURNING sid), "
                + "retired AS (UPDATE chatsdk_refresh r SET spent_at = ? FROM spent WHERE r.sid = spent.sid "
                + "AND r.spent_at IS NULL AND r.jti_hash <> ?), "
                + "added AS (INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) SELECT ?, sid, NULL FROM spent), "
                + "forgotten AS (DELETE FROM chatsdk_refresh r USING spent WHERE r.sid = spent.sid "
                + "AND r.spent_at IS NOT NULL AND r.spent_at <= ? AND r.jti_hash <> ?) "
                + "SELECT " + SESSION_COLUMNS.replace("sid,", "s.sid,") + " FROM chatsdk_session s JOIN spent "
                + "ON s.sid = spent.sid")) {
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
                return r.next() ? session(r) : null;
            }
        }
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        return revoke(Objects.requireNonNull(sessionId, "sessionId"), null, now) > 0;
    }

    @Override
    public int revokeUser(String userId, Instant now) {
        return revoke(null, Objects.requireNonNull(userId, "userId"), now);
    }

    /** {@link #ping}: whether the database answers, no table touched. */
    @Override
    public Health health(Duration timeout) {
        Optional<String> problem = ping(timeout);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionStore", "jdbc");
        data.put("sessionStore.reachable", problem.isEmpty());
        problem.ifPresent(p -> data.put("sessionStore.problem", p));
        return problem.isEmpty() ? Health.up(data) : Health.down(data);
    }

    private int revoke(String sessionId, String userId, Instant now) {
        return transaction(deadline(), c -> sessionId != null
                ? update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = 'logout' WHERE sid = ? "
                        + "AND revoked_at IS NULL", now.toEpochMilli(), sessionId)
                : update(c, "UPDATE chatsdk_session SET revoked_at = ?, revoke_reason = 'user' WHERE user_id = ? "
                        + "AND revoked_at IS NULL", now.toEpochMilli(), userId));
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        return Optional.ofNullable(transaction(deadline(), c -> session(c, sessionId)));
    }

    private static ChatSession session(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT " + SESSION_COLUMNS
                + " FROM chatsdk_session WHERE sid = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? session(r) : null;
            }
        }
    }

    /** @return the session in the current row of a result with {@link #SESSION_COLUMNS} */
    private static ChatSession session(ResultSet r) throws SQLException {
        long revokedAt = r.getLong(6);
        Instant revoked = r.wasNull() ? null : Instant.ofEpochMilli(revokedAt);
        return new ChatSession(r.getString(1), Profiles.read(r.getString(2), r.getString(3)),
                Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(r.getLong(5)), revoked);
    }

    private static void insertToken(Connection c, String jtiHash, String sessionId) throws SQLException {
        update(c, "INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) VALUES (?, ?, NULL)", jtiHash, sessionId);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /**
     * Checks that the database answers, for health reports: one connection's {@link Connection#isValid}, without
     * touching the tables (no schema creation, no writes).
     *
     * @param timeout longest wait for a free connection, and then for the database's answer
     * @return empty when the database answers, else what is wrong
     */
    public Optional<String> ping(Duration timeout) {
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("every session store connection is busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        try {
            // a kept connection may have died while idle: that alone says nothing, so a second try opens a new one
            Optional<String> problem = pingOnce(timeout);
            return problem.isPresent() ? pingOnce(timeout) : problem;
        } finally {
            permits.release();
        }
    }

    private Optional<String> pingOnce(Duration timeout) {
        Connection c = null;
        boolean healthy = false;
        try {
            c = connections.open(timeout);
            healthy = c.isValid((int) Math.max(1, timeout.toSeconds()));
            return healthy ? Optional.empty() : Optional.of("the database did not answer on an open connection");
        } catch (SQLException e) {
            return Optional.of("cannot reach the database (SQLState " + e.getSQLState() + ")");
        } finally {
            if (c != null) {
                connections.release(c, healthy);
            }
        }
    }

    /** @return the deadline ({@link System#nanoTime}) of an operation that starts now */
    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** @return milliseconds left until the deadline; zero or less once it passed */
    private static long left(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private <T> T transaction(long deadline, Work<T> work) {
        return unit(deadline, false, work);
    }

    /** Runs a unit of work with one of the {@code maxConnections} permits (see {@link #attempts}). */
    private <T> T unit(long deadline, boolean oneStatement, Work<T> work) {
        try {
            if (!permits.tryAcquire(Math.max(0, left(deadline)), TimeUnit.MILLISECONDS)) {
                throw unavailable(new SQLTransientConnectionException("no session store connection became free "
                        + "within the timeout (chatsdk.session.jdbc.timeout, " + timeout + ")", "08001"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(new SQLTransientConnectionException("interrupted while waiting for a connection"));
        }
        try {
            return attempts(deadline, oneStatement, work);
        } finally {
            permits.release();
        }
    }

    /**
     * Runs a unit of work on a connection, retrying twice on another connection after a connection failure or
     * a serialization failure, while the deadline allows. The connection's network timeout is the time left (put back
     * as it was afterwards), and each statement's query timeout too; a connection whose work failed at or past the
     * deadline is closed, not kept, since its network timeout may have fired (the driver may not have closed it).
     *
     * @param oneStatement {@code true}: the work is one statement, run in autocommit; {@code false}: a
     *                     READ COMMITTED transaction, committed after the work (rolled back on any failure)
     */
    private <T> T attempts(long deadline, boolean oneStatement, Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long left = left(deadline);
            if (left <= 0) {
                SQLException late = new SQLTimeoutException("the database did not answer within the timeout "
                        + "(chatsdk.session.jdbc.timeout, " + timeout + ")" + (last == null ? ""
                        : "; the last attempt failed with SQLState " + last.getSQLState()), "08001", last);
                last = late;
                break;
            }
            Connection c = null;
            boolean healthy = false;
            int networkTimeout = -1;
            DEADLINE.set(deadline);
            try {
                c = connections.open(Duration.ofMillis(left));
                networkTimeout = boundNetwork(c, deadline);
                ensureSchema(c);
                T result;
                if (oneStatement) {
                    c.setAutoCommit(true);
                    result = work.run(c);
                } else {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    result = run(c, work);
                }
                healthy = true;
                return result;
            } catch (SQLException e) {
                last = e;
                healthy = !isConnectionFailure(e) && !(e instanceof SQLTimeoutException) && left(deadline) > 0;
                if (isDataException(e)) {
                    throw refused(e);
                }
                if (!isTransient(e) && healthy) {
                    break;
                }
            } finally {
                DEADLINE.remove();
                if (c != null) {
                    connections.release(c, healthy && restoreNetwork(c, networkTimeout));
                }
            }
        }
        throw unavailable(last);
    }

    /**
     * Bounds every read and write on the connection's socket by the time left.
     *
     * @return the network timeout to put back after the unit of work, or {@code -1} when the connection refused
     */
    private int boundNetwork(Connection c, long deadline) {
        try {
            int previous = c.getNetworkTimeout();
            c.setNetworkTimeout(CALLER, (int) Math.min(Integer.MAX_VALUE, Math.max(1, left(deadline))));
            return previous;
        } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
            if (networkTimeoutRefused.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-303: the session store's connections refuse "
                        + "a network timeout (%s%s); each statement still has its query timeout "
                        + "(chatsdk.session.jdbc.timeout), and the DataSource's own pool settings bound connecting "
                        + "and a silent socket", e.getClass().getSimpleName(),
                        e instanceof SQLException ? ", SQLState " + ((SQLException) e).getSQLState() : ""));
            }
            return -1;
        }
    }

    /** @return whether the connection took its previous network timeout back (nothing to put back: {@code true}) */
    private static boolean restoreNetwork(Connection c, int previous) {
        if (previous < 0) {
            return true;
        }
        try {
            c.setNetworkTimeout(CALLER, previous);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** @return a statement that the database must answer before the deadline of this thread's unit of work */
    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        int seconds = queryTimeout();
        PreparedStatement s = c.prepareStatement(sql);
        return bounded(s, seconds);
    }

    private static Statement statement(Connection c) throws SQLException {
        int seconds = queryTimeout();
        return bounded(c.createStatement(), seconds);
    }

    private static <S extends Statement> S bounded(S statement, int seconds) throws SQLException {
        try {
            statement.setQueryTimeout(seconds);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** @return whole seconds left (at least one) for a statement; none left: a statement is not even started */
    private static int queryTimeout() throws SQLException {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            throw new IllegalStateException("a statement outside a unit of work");
        }
        long left = left(deadline);
        if (left <= 0) {
            throw new SQLTimeoutException("no time left for a statement of the session store", "57014");
        }
        return (int) Math.min(Integer.MAX_VALUE, (left + 999) / 1000);
    }

    private static <T> T run(Connection c, Work<T> work) throws SQLException {
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    /** SQLState class 08: the connection itself failed; another connection may work. */
    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    private static ChatSdkException unavailable(SQLException cause) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-300: the session store failed (SQLState %s, "
                + "vendor code %d): %s", cause.getSQLState(), cause.getErrorCode(), reachability(cause)));
        return new ChatSdkException(ErrorCode.STORE_UNAVAILABLE, "The session store cannot be reached right now.", cause);
    }

    /**
     * The database's message where it says why the database cannot be reached (connection, resources, operator:
     * SQLState classes 08, 53, 57, or none), which operators need; otherwise withheld, as a constraint or data
     * message may quote a stored value.
     */
    static String reachability(SQLException cause) {
        String state = cause.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                ? String.valueOf(cause.getMessage())
                : "the database's message is withheld (it may quote a stored value)";
    }

    /** SQLState class 22: the database refuses a value (too long, out of range); the same request fails every time. */
    private static boolean isDataException(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    private static ChatSdkException refused(SQLException cause) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-302: the session store refused a value of a request "
                + "(SQLState %s, vendor code %d; the database's message is withheld: it may quote the value), answered "
                + "400 INVALID_REQUEST; if this recurs for values within the documented limits, the chatsdk_session/"
                + "chatsdk_refresh columns are narrower than META-INF/chatsdk/schema.sql declares them",
                cause.getSQLState(), cause.getErrorCode()));
        return new ChatSdkException(ErrorCode.INVALID_REQUEST, String.format("The session store refused a value of "
                + "this request as too long or malformed for its column (SQLState %s); shorten the user's profile "
                + "fields.", cause.getSQLState()));
    }

    /** Serialization failures and deadlocks (SQLState class 40) are worth one more try; the rest is not. */
    private static boolean isTransient(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    private void ensureSchema(Connection c) throws SQLException {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (!schemaReady) {
                if (!tablesExist(c)) {
                    createTables(c);
                }
                postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
                schemaReady = true;
            }
        }
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = statement(c)) {
            s.executeQuery("SELECT 1 FROM chatsdk_session WHERE 1 = 0").close();
            s.executeQuery("SELECT 1 FROM chatsdk_refresh WHERE 1 = 0").close();
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void createTables(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = statement(c)) {
            for (String ddl : schema().split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            c.commit();
            LOG.log(System.Logger.Level.INFO, "CHATSDK-301: created the session tables chatsdk_session and chatsdk_refresh");
        } catch (SQLException e) {
            c.rollback();
            if (!tablesExist(c)) {
                throw e;
            }
        }
    }

    /** @return the DDL shipped as {@code META-INF/chatsdk/schema.sql}, without comments */
    static String schema() {
        try (InputStream in = JdbcSessionStore.class.getResourceAsStream("/META-INF/chatsdk/schema.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException("the module jar lacks META-INF/chatsdk/schema.sql", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[schemaReady=" + schemaReady + "]";
    }
}
