package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust
 * authentication; {@code .ci/run} starts the server when it is down), dropped again by {@link #close()}.
 */
public final class PostgresDatabase implements AutoCloseable {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String schema = "chatsdk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public PostgresDatabase() throws SQLException {
        execute("CREATE SCHEMA " + schema);
    }

    /** @return a URL whose unqualified tables live in this schema */
    public String url() {
        return url(SERVER);
    }

    /** @return the same schema reached through another host:port (a proxy) */
    public String url(String server) {
        return server + "?currentSchema=" + schema;
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
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        stores.forEach(JdbcSessionStore::close);
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
