package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the JDBC store's units of work: each holds one of the {@code maxConnections} permits, and the wait for it,
 * connecting, every statement and the socket share one deadline ({@code chatsdk.session.jdbc.timeout}); a connection
 * or serialization failure is retried twice on another connection while the deadline allows. A connection whose work
 * failed at or past the deadline is closed, never reused (its network timeout may have fired). A connection that
 * refuses a network timeout is used with statement timeouts only ({@code CHATSDK-303}, once). A caller in a JTA
 * transaction has its units run on the store's own threads ({@link StoreThreads}): never on an enlisted connection.
 * Thread-safe.
 */
final class JdbcUnitOfWork {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");
    /** Runs what a driver's {@code setNetworkTimeout} hands over on the calling thread. */
    private static final Executor CALLER = Runnable::run;

    /** What a unit of work does on its connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final JdbcSessionStore.Connections connections;
    private final Semaphore permits;
    private final Duration timeout;
    private final JdbcSchema schema;
    private final StoreThreads threads;
    private final AtomicBoolean networkTimeoutRefused = new AtomicBoolean();

    /** @param threads where a unit runs: on the caller's thread, or outside the caller's JTA transaction */
    JdbcUnitOfWork(JdbcSessionStore.Connections connections, Semaphore permits, Duration timeout, JdbcSchema schema,
            StoreThreads threads) {
        this.connections = connections;
        this.permits = permits;
        this.timeout = timeout;
        this.schema = schema;
        this.threads = threads;
    }

    /** @return the deadline ({@link System#nanoTime}) of an operation that starts now */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Runs the work in a READ COMMITTED transaction, committed after it (rolled back on any failure); set explicitly,
     * so MariaDB's REPEATABLE READ default never applies: a conditional update that waited for a concurrent rotation
     * sees its committed row (and spends nothing), and the reads after it see the token spent.
     */
    <T> T transaction(long deadline, Work<T> work) {
        return unit(deadline, false, work);
    }

    /** Runs work that is one statement, in autocommit. */
    <T> T oneStatement(long deadline, Work<T> work) {
        return unit(deadline, true, work);
    }

    /**
     * Runs a unit of work with one of the {@code maxConnections} permits (see {@link #attempts}), outside the
     * caller's JTA transaction if it has one ({@link StoreThreads}).
     */
    private <T> T unit(long deadline, boolean oneStatement, Work<T> work) {
        return threads.run(deadline, () -> permitted(deadline, oneStatement, work));
    }

    private <T> T permitted(long deadline, boolean oneStatement, Work<T> work) {
        try {
            if (!permits.tryAcquire(Math.max(0, BoundedStatements.left(deadline)), TimeUnit.MILLISECONDS)) {
                throw SqlFailures.unavailable(new SQLTransientConnectionException("no session store connection became "
                        + "free within the timeout (chatsdk.session.jdbc.timeout, " + timeout + ")", "08001"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqlFailures.unavailable(new SQLTransientConnectionException("interrupted while waiting for a connection"));
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
            long left = BoundedStatements.left(deadline);
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
            BoundedStatements.bind(deadline);
            try {
                c = connections.open(Duration.ofMillis(left));
                networkTimeout = boundNetwork(c, deadline);
                schema.ensure(c);
                T result;
                if (oneStatement) {
                    c.setAutoCommit(true);
                    result = work.run(c);
                } else {
                    c.setAutoCommit(false);
                    connections.readCommitted(c);
                    result = commit(c, work);
                }
                healthy = true;
                return result;
            } catch (SQLException e) {
                last = e;
                healthy = !SqlFailures.isConnectionFailure(e) && !(e instanceof SQLTimeoutException)
                        && BoundedStatements.left(deadline) > 0;
                if (SqlFailures.isDataException(e)) {
                    throw SqlFailures.refused(e);
                }
                if (!SqlFailures.isTransient(e) && healthy) {
                    break;
                }
            } finally {
                BoundedStatements.unbind();
                if (c != null) {
                    connections.release(c, healthy && restoreNetwork(c, networkTimeout));
                }
            }
        }
        throw SqlFailures.unavailable(last);
    }

    /**
     * Bounds every read and write on the connection's socket by the time left.
     *
     * @return the network timeout to put back after the unit of work, or {@code -1} when the connection refused
     */
    private int boundNetwork(Connection c, long deadline) {
        try {
            int previous = c.getNetworkTimeout();
            c.setNetworkTimeout(CALLER, (int) Math.min(Integer.MAX_VALUE, Math.max(1, BoundedStatements.left(deadline))));
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

    private static <T> T commit(Connection c, Work<T> work) throws SQLException {
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

    @Override
    public String toString() {
        return "JdbcUnitOfWork[timeout=" + timeout + "]";
    }
}
