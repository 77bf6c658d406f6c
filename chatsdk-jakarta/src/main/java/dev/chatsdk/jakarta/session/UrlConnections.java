package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connections from a JDBC URL, kept open between units of work while they work: a connection that
 * failed at the connection level is closed, the others wait in a bounded queue for the next unit. Each is put in
 * READ COMMITTED once, when it is opened, rather than at every transaction.
 * (On an application server, prefer its pooled DataSource.) Thread-safe.
 *
 * <p>Connecting happens on a connecting thread, so that a caller waits no longer than it may even when a driver
 * has no login timeout of its own: a connection that arrives after its caller gave up is closed. At most
 * {@code max} attempts are under way at once, abandoned ones included; a caller waits for one to end within its
 * time. For PostgreSQL the socket timeout ({@code socketTimeout}, unless the URL sets one) also ends an abandoned
 * attempt on a silent server, and the cancel of a timed-out statement waits one second at most
 * ({@code cancelSignalTimeout}; pgjdbc's 10 s would hold the statement's caller that long past its timeout).
 */
final class UrlConnections implements JdbcSessionStore.Connections {
    /** Connecting threads of this instance (they end when idle, and on {@link #close()}). */
    private final ExecutorService connectingThreads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "chatsdk-jdbc-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private final String url;
    private final Properties properties;
    private final BlockingQueue<Connection> idle;
    private final Semaphore connecting;
    private final Duration timeout;

    UrlConnections(String url, Properties credentials, int max) {
        this(url, credentials, max, JdbcSessionStore.DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the longest wait for a new connection when a caller names none
     */
    UrlConnections(String url, Properties credentials, int max, Duration timeout) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(credentials);
        if (url.startsWith("jdbc:postgresql:")) {
            // defaults: a parameter of the URL wins over these properties
            this.properties.putIfAbsent("socketTimeout", String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000)));
            // pgjdbc returns from a statement whose query timeout fired only once its cancel request is through, and
            // sends that on a connection of its own, which waits up to 10 s for a silent server: one second at most
            this.properties.putIfAbsent("cancelSignalTimeout", "1");
        }
        this.idle = new ArrayBlockingQueue<>(max);
        this.connecting = new Semaphore(max);
        this.timeout = timeout;
    }

    @Override
    public Connection open() throws SQLException {
        return open(timeout);
    }

    @Override
    public Connection open(Duration within) throws SQLException {
        if (closed) {
            throw closedStore();
        }
        Connection reused = idle.poll();
        return reused != null ? reused : connect(within);
    }

    private Connection connect(Duration within) throws SQLException {
        long started = System.nanoTime();
        try {
            if (!connecting.tryAcquire(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("every connection attempt to the session store still "
                        + "waits for the database", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting to connect", "08001", e);
        }
        within = within.minusNanos(System.nanoTime() - started);
        CompletableFuture<Connection> result = new CompletableFuture<>();
        try {
            connectingThreads.execute(() -> {
                try {
                    Connection c = DriverManager.getConnection(url, properties);
                    try {
                        // once: only this store's units use its connections, and none changes the level
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    } catch (SQLException | RuntimeException e) {
                        JdbcSessionStore.closeQuietly(c);
                        throw e;
                    }
                    if (closed) {
                        result.completeExceptionally(closedStore());
                    }
                    if (!result.complete(c)) {
                        JdbcSessionStore.closeQuietly(c); // its caller gave up, or the store was closed
                    }
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    connecting.release();
                }
            });
        } catch (RejectedExecutionException e) {
            connecting.release();
            throw new SQLTransientConnectionException("cannot start a connection attempt", "08001", e);
        }
        try {
            return result.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (result.completeExceptionally(e)) {
                throw new SQLTransientConnectionException("the database did not accept a connection within the "
                        + "timeout (chatsdk.session.jdbc.timeout, " + within + ")", "08001", e);
            }
            return settled(result); // it arrived just now
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static SQLException closedStore() {
        return new SQLNonTransientConnectionException("the session store is closed", "08003");
    }

    private static Connection settled(CompletableFuture<Connection> result) throws SQLException {
        try {
            return result.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw failure(e.getCause());
        }
    }

    private static SQLException failure(Throwable cause) {
        if (cause instanceof SQLException) {
            return (SQLException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new SQLException("connecting failed", "08001", cause);
    }

    /** Nothing to do: each connection was put in READ COMMITTED when it was opened. */
    @Override
    public void readCommitted(Connection connection) {
    }

    @Override
    public void release(Connection connection, boolean healthy) {
        if (closed || !healthy || !idle.offer(connection)) {
            JdbcSessionStore.closeQuietly(connection);
        } else if (closed && idle.remove(connection)) {
            JdbcSessionStore.closeQuietly(connection); // close() ran while it was being offered
        }
    }

    /**
     * Closes the idle connections and stops the connecting threads; a connection in use is closed when its unit of
     * work gives it back, one that arrives late when it arrives. Then {@link #open} fails at once. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        connectingThreads.shutdownNow();
        for (Connection c = idle.poll(); c != null; c = idle.poll()) {
            JdbcSessionStore.closeQuietly(c);
        }
    }

    @Override
    public String toString() {
        return "UrlConnections[" + idle.size() + " idle]";
    }
}
