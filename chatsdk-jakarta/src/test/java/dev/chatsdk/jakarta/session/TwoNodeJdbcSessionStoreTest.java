package dev.chatsdk.jakarta.session;

import java.util.Properties;
import java.util.UUID;

import dev.chatsdk.jakarta.spi.SessionStore;

/** The store contract on two JDBC stores sharing one H2 database, calls alternating between them. */
class TwoNodeJdbcSessionStoreTest extends SessionStoreContract {
    private final String url = "jdbc:h2:mem:chatsdk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final SessionStore store = new TwoNodes(
            new JdbcSessionStore(new UrlConnections(url, new Properties(), 20), 20),
            new JdbcSessionStore(new UrlConnections(url, new Properties(), 20), 20));

    @Override
    protected SessionStore store() {
        return store;
    }
}
