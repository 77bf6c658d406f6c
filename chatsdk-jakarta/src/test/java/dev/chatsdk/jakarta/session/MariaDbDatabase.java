package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own in the machine's MariaDB (127.0.0.1:3306, user {@code root} without a password;
 * {@code .ci/run} starts the server when it is down), dropped again by {@link #close()}: concurrent runs of the
 * suite never share tables.
 */
public final class MariaDbDatabase implements AutoCloseable {
    public static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    public static final String USER = "root";

    private final String name = "chatsdk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public MariaDbDatabase() throws SQLException {
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }

    /** @return a URL whose unqualified tables live in this database */
    public String url() {
        return SERVER + name;
    }

    /** @return the JDBC store on this database, opening up to {@code connections} connections of its own */
    JdbcSessionStore store(int connections) {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", USER);
        JdbcSessionStore store = new JdbcSessionStore(new UrlConnections(url(), credentials, connections), connections);
        stores.add(store);
        return store;
    }

    /** The stores {@link #store} handed out: closed with the database, so that no test class leaves connections open. */
    private final java.util.List<JdbcSessionStore> stores = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test", USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        stores.forEach(JdbcSessionStore::close);
        execute("DROP DATABASE " + name);
    }
}
