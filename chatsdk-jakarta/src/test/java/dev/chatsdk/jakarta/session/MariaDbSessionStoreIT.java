package dev.chatsdk.jakarta.session;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
