package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * Sessions in the application's database, shared by every node that uses it and kept across
 * restarts. A session is one row, holding its current refresh token and its last spent one; a new session is one
 * insert, and the common rotation one conditional update of that row (on PostgreSQL one statement, one round trip):
 * of concurrent attempts to spend the same token, on any node, exactly one updates the row. Everything else (a retry
 * within the grace, siblings, reuse, sessions from before version 2 of the schema) is decided under the row's lock
 * ({@link LockedRotation}), which also retires the session's other current tokens when one rotates. A failure rolls
 * everything back and answers {@code STORE_UNAVAILABLE}, except a value the database refuses (SQLState class 22, a
 * data exception such as a value longer than its column or text it cannot hold): that is about this request's data,
 * no retry can change the answer, so it is {@code INVALID_REQUEST} (400), logged as {@code CHATSDK-302} with the
 * SQLState only (the database's message may quote the value). The bounds of {@code ChatUser} keep every value of a
 * user within the shipped schema; a column narrower than the schema declares is what still meets this.
 * Creates or upgrades its tables on first use when they are missing or older ({@link JdbcSchema}).
 *
 * <p>Every operation ends within its timeout ({@code chatsdk.session.jdbc.timeout}) when the database goes silent:
 * the wait for a connection permit, connecting, each statement ({@link Statement#setQueryTimeout}) and the socket
 * ({@link Connection#setNetworkTimeout}) share one deadline, after which the operation answers
 * {@code STORE_UNAVAILABLE} (on PostgreSQL up to a second later: pgjdbc returns from a statement whose query timeout
 * fired once its cancel is through, see {@link UrlConnections}). A connection whose unit of work failed at or past
 * the deadline is closed, never reused
 * (its network timeout may have fired). A connection that refuses a network timeout (a container's pool wrapper) is
 * used with statement timeouts only ({@code CHATSDK-303}, once).
 *
 * <p>A caller inside a JTA transaction (a container DataSource, a {@code @Transactional} bean calling the module's
 * API) never has the store's work done on its enlisted connection: the work runs on the store's own threads, outside
 * the transaction, and commits on its own ({@link StoreThreads}, {@link JtaGuard}).
 *
 * <p>This class is the coordinator: {@link SessionSql} holds the portable statements, {@link PostgresRotation} the
 * PostgreSQL rotation in one statement, {@link LockedRotation} the rotations a row alone cannot take,
 * {@link JdbcUnitOfWork} the permits, deadline and retries (with {@link BoundedStatements} and {@link SqlFailures}),
 * {@link JdbcSchema} the tables, their version and the dialect, {@link JdbcHealth} the ping.
 */
final class JdbcSessionStore implements SessionStore {
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    /** The default of {@code chatsdk.session.jdbc.timeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final JdbcSchema schema;
    private final JdbcUnitOfWork units;
    private final JdbcHealth health;
    private final Connections connections;
    private final StoreThreads threads;
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

        /**
         * Puts a connection in READ COMMITTED for a unit's transaction. This default asks every time (a round trip on
         * some drivers): a DataSource's pool may hand out a connection in whatever state it keeps or resets. A source
         * that keeps its own connections sets it once, when it opens one.
         */
        default void readCommitted(Connection connection) throws SQLException {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        /** Closes the connections this source opened itself; idempotent. A DataSource's are the container's: no-op. */
        default void close() {
        }

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
        this(connections, maxConnections, timeout, true);
    }

    /**
     * @param createSchema whether the store creates its tables when they are missing
     *                     ({@code chatsdk.session.jdbc.create-schema}); with {@code false} it never runs DDL
     */
    JdbcSessionStore(Connections connections, int maxConnections, Duration timeout, boolean createSchema) {
        this(connections, maxConnections, timeout, createSchema, StoreThreads.callerOnly());
    }

    /**
     * @param threads where the units of work run: a container DataSource's store keeps them out of a caller's JTA
     *                transaction ({@link JtaGuard})
     */
    JdbcSessionStore(Connections connections, int maxConnections, Duration timeout, boolean createSchema,
            StoreThreads threads) {
        this.schema = new JdbcSchema(createSchema);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        Semaphore permits = new Semaphore(maxConnections, true);
        this.connections = connections;
        this.threads = threads;
        this.units = new JdbcUnitOfWork(connections, permits, timeout, schema, threads);
        this.health = new JdbcHealth(connections, permits);
    }

    /**
     * Checks at start-up that the tables exist (for {@code chatsdk.session.jdbc.create-schema=false}); a database
     * that cannot be reached now is left to the requests, which answer {@code STORE_UNAVAILABLE} meanwhile.
     *
     * @throws dev.chatsdk.jakarta.ChatSdkConfigException {@code CHATSDK-304} if the tables, or the columns of
     *                                                     version 2, are missing
     */
    void requireTables() {
        try {
            units.transaction(units.deadline(), c -> null);
        } catch (dev.chatsdk.jakarta.ChatSdkException e) {
            if (e.getCause() instanceof JdbcSchema.MissingTables) {
                throw new dev.chatsdk.jakarta.ChatSdkConfigException(java.util.List.of(e.getCause().getMessage()));
            }
        }
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        Instant now = session.createdAt();
        Instant due = nextPurge.get();
        boolean purge = !now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL));
        units.transaction(units.deadline(), c -> {
            SessionSql.insertSession(c, session, firstJtiHash);
            if (purge) {
                SessionSql.purgeExpired(c, now.toEpochMilli());
            }
            return null;
        });
    }

    /** The rotation below, of whichever user the session has. */
    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        return rotate(sessionId, null, presentedHash, nextHash, now, grace);
    }

    /**
     * The common rotation first, on the session's row alone ({@link SessionSql#ROTATE_IN_ROW}): on PostgreSQL one
     * statement in autocommit that returns the session ({@link PostgresRotation}); elsewhere a read of the session and
     * the update in one transaction. When it misses, {@link LockedRotation} decides under the row's lock (in the
     * same transaction where there is one). On PostgreSQL the statement matches the token's user itself (an exact
     * comparison there), so a refresh reads nothing before it and is one round trip; elsewhere the transaction reads
     * the session first and compares its user in Java, since a collation may call two different ids equal.
     */
    @Override
    public Rotation rotate(String sessionId, String userId, String presentedHash, String nextHash, Instant now,
            Duration grace) {
        long at = now.toEpochMilli();
        long forgetUpTo = grace.isZero() ? at - 1 : at - grace.toMillis();
        long deadline = units.deadline();
        if (schema.postgres()) {
            ChatSession rotated = units.oneStatement(deadline, c -> PostgresRotation.rotate(c, sessionId, userId,
                    presentedHash, nextHash, at, forgetUpTo));
            if (rotated != null) {
                return new Rotation(Rotation.Outcome.ROTATED, rotated);
            }
            return units.transaction(deadline, c -> LockedRotation.rotate(c, sessionId, userId, presentedHash,
                    nextHash, now, grace, forgetUpTo));
        }
        return units.transaction(deadline, c -> {
            // the session first, its user compared here: a database's collation may call two different ids equal
            // (MariaDB's default ignores case and trailing spaces); a session's user never changes
            ChatSession session = SessionSql.session(c, sessionId);
            if (session != null && userId != null && !session.user().id().equals(userId)) {
                return new Rotation(Rotation.Outcome.UNKNOWN, null);
            }
            if (session != null && SessionSql.rotateInRow(c, sessionId, null, presentedHash, nextHash, at,
                    forgetUpTo) == 1) {
                return new Rotation(Rotation.Outcome.ROTATED, session);
            }
            return LockedRotation.rotate(c, sessionId, userId, presentedHash, nextHash, now, grace, forgetUpTo);
        });
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        Objects.requireNonNull(sessionId, "sessionId");
        return units.transaction(units.deadline(),
                c -> SessionSql.revokeSession(c, sessionId, now.toEpochMilli(), "logout")) > 0;
    }

    @Override
    public int revokeUser(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        return units.transaction(units.deadline(), c -> SessionSql.revokeUser(c, userId, now.toEpochMilli()));
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

    @Override
    public Optional<ChatSession> find(String sessionId) {
        return Optional.ofNullable(units.transaction(units.deadline(), c -> SessionSql.session(c, sessionId)));
    }

    /**
     * Checks that the database answers, for health reports: one connection's {@link Connection#isValid}, without
     * touching the tables (no schema creation, no writes).
     *
     * @param timeout longest wait for a free connection, and then for the database's answer
     * @return empty when the database answers, else what is wrong
     */
    public Optional<String> ping(Duration timeout) {
        return health.ping(timeout);
    }

    /**
     * Stops the store's own threads and closes the connections it opened from a JDBC URL; a DataSource's pool is left
     * to its owner.
     */
    @Override
    public void close() {
        threads.close();
        connections.close();
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    /** @see SqlFailures#reachability */
    static String reachability(SQLException cause) {
        return SqlFailures.reachability(cause);
    }

    /** @return the DDL of a fresh database: the migrations shipped in {@code META-INF/chatsdk/schema/}, in order */
    static String schema() {
        return JdbcSchema.ddl();
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[schemaReady=" + schema.ready() + "]";
    }
}
