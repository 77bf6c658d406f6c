package dev.chatsdk.jakarta.session;

import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.chatsdk.jakarta.spi.SessionStore;

/** The store contract on two JDBC stores sharing one MariaDB database, calls alternating between them. */
class MariaDbTwoNodeSessionStoreIT extends SessionStoreContract {
    private static MariaDbDatabase database;
    private static SessionStore store;

    @BeforeAll
    static void connect() throws SQLException {
        database = new MariaDbDatabase();
        Properties credentials = new Properties();
        credentials.setProperty("user", MariaDbDatabase.USER);
        store = new TwoNodes(new JdbcSessionStore(new UrlConnections(database.url(), credentials, 30), 30),
                new JdbcSessionStore(new UrlConnections(database.url(), credentials, 30), 30));
    }

    @AfterAll
    static void drop() throws SQLException {
        store.close();
        database.close();
    }

    @Override
    protected SessionStore store() {
        return store;
    }
}
