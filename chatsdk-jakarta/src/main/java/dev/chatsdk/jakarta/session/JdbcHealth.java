package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The JDBC store's health ping: one connection's {@link Connection#isValid}, with one of the store's permits, without
 * touching the tables (no schema creation, no writes). Thread-safe.
 */
final class JdbcHealth {
    private final JdbcSessionStore.Connections connections;
    private final Semaphore permits;

    JdbcHealth(JdbcSessionStore.Connections connections, Semaphore permits) {
        this.connections = connections;
        this.permits = permits;
    }

    /**
     * @param timeout longest wait for a free connection, and then for the database's answer
     * @return empty when the database answers, else what is wrong
     */
    Optional<String> ping(Duration timeout) {
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
}
