package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Statements of the JDBC store that the database must answer before the deadline of the unit of work running on this
 * thread ({@link Statement#setQueryTimeout}, whole seconds, at least one); with no time left a statement is not even
 * started.
 */
final class BoundedStatements {
    /** The deadline ({@link System#nanoTime}) of the unit of work on this thread, for its statements' timeouts. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private BoundedStatements() {
    }

    /** Binds a unit of work's deadline to this thread; {@link #unbind()} in a {@code finally}. */
    static void bind(long deadline) {
        DEADLINE.set(deadline);
    }

    static void unbind() {
        DEADLINE.remove();
    }

    /** @return milliseconds left until the deadline; zero or less once it passed */
    static long left(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    /** @return a statement that the database must answer before the deadline of this thread's unit of work */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        int seconds = queryTimeout();
        PreparedStatement s = c.prepareStatement(sql);
        return bounded(s, seconds);
    }

    static Statement statement(Connection c) throws SQLException {
        int seconds = queryTimeout();
        return bounded(c.createStatement(), seconds);
    }

    /** Runs one bounded update with positional arguments. @return the update count */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
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
}
