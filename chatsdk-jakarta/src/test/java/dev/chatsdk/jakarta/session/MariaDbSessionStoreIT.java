package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.spi.SessionStore;

/** The JDBC store's contract on the machine's MariaDB (REPEATABLE READ by default; the store's transactions run READ COMMITTED). */
class MariaDbSessionStoreIT extends SessionStoreContract {
    private static MariaDbDatabase database;
    private static JdbcSessionStore store;

    @BeforeAll
    static void connect() throws SQLException {
        database = new MariaDbDatabase();
        store = database.store(60);
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void opensTheConnectionsOfAUrlInReadCommittedSoThatNoTransactionAsksAgain() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", MariaDbDatabase.USER);
        UrlConnections connections = new UrlConnections(database.url(), credentials, 1);
        try {
            Connection c = connections.open();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            connections.readCommitted(c);
            connections.release(c, true);
            assertThat(connections.open()).isSameAs(c);
        } finally {
            connections.close();
        }
    }
}
