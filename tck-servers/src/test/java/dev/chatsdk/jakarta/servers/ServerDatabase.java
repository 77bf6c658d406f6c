package dev.chatsdk.jakarta.servers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own in the machine's PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust authentication;
 * {@code .ci/run} starts it when it is down) for one server's test class: the server's DataSource points at it, and
 * the test reads the session store's tables there. Dropped again by {@link #close()}, after the server has stopped.
 */
final class ServerDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";

    private final String name = "chatsdk_srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    ServerDatabase() throws SQLException {
        execute("CREATE DATABASE " + name);
    }

    /** @return the database's name (lower case letters, digits and {@code _}) */
    String name() {
        return name;
    }

    /** @return its JDBC URL */
    String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /** @return how many rows {@code sql} (a {@code SELECT COUNT(*)} with one string parameter) counts */
    long count(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), USER, ""); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Drops the database, closing connections a server that did not stop may still hold. */
    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
