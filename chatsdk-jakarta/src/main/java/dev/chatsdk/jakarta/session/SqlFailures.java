package dev.chatsdk.jakarta.session;

import java.sql.SQLException;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * What a failure of the JDBC store means, by its SQLState: the connection failed (class 08, or none: another
 * connection may work), a value was refused (class 22: the same request fails every time), a serialization
 * failure or deadlock (class 40: worth one more try); and what the caller is told and the log says. The database's
 * message is logged only where it says why the database cannot be reached.
 */
final class SqlFailures {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");

    private SqlFailures() {
    }

    /** SQLState class 08: the connection itself failed; another connection may work. */
    static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    /** SQLState class 22: the database refuses a value (too long, out of range); the same request fails every time. */
    static boolean isDataException(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    /** MariaDB's (and MySQL's) vendor code of a deadlock, whatever SQLState a driver reports with it. */
    static final int MARIADB_DEADLOCK = 1213;

    /**
     * Serialization failures and deadlocks (SQLState class 40; MariaDB's deadlock, error 1213, reports 40001 too) are
     * worth one more try; the rest is not.
     */
    static boolean isTransient(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40") || e.getErrorCode() == MARIADB_DEADLOCK;
    }

    /** @return {@code STORE_UNAVAILABLE}, logged as {@code CHATSDK-300} */
    static ChatSdkException unavailable(SQLException cause) {
        if (cause instanceof JdbcSchema.MissingTables) {
            LOG.log(System.Logger.Level.ERROR, cause.getMessage());
            return new ChatSdkException(ErrorCode.STORE_UNAVAILABLE, "The session store cannot be reached right now.",
                    cause);
        }
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

    /** @return {@code INVALID_REQUEST} for a value the database refused, logged as {@code CHATSDK-302} (SQLState only) */
    static ChatSdkException refused(SQLException cause) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-302: the session store refused a value of a request "
                + "(SQLState %s, vendor code %d; the database's message is withheld: it may quote the value), answered "
                + "400 INVALID_REQUEST; if this recurs for values within the documented limits, the chatsdk_session/"
                + "chatsdk_refresh columns are narrower than META-INF/chatsdk/schema/ declares them",
                cause.getSQLState(), cause.getErrorCode()));
        return new ChatSdkException(ErrorCode.INVALID_REQUEST, String.format("The session store refused a value of "
                + "this request as too long or malformed for its column (SQLState %s); shorten the user's profile "
                + "fields.", cause.getSQLState()));
    }
}
