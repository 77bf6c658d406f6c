package dev.chatsdk.jakarta.session;

import java.sql.SQLException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;

/**
 * A database of its own for one test class on the machine's PostgreSQL or MariaDB (or in H2), created before its tests and
 * dropped after them, and the configuration of a JDBC store on it by URL, as a user would write it:
 * {@code @RegisterExtension static final DatabasePerClass DATABASE = DatabasePerClass.postgres();}.
 */
public final class DatabasePerClass implements BeforeAllCallback, AfterAllCallback {
    /** Creates the database; what it answers is its URL, its user and how to drop it. */
    @FunctionalInterface
    private interface Create {
        Created create() throws SQLException;
    }

    private record Created(String url, String user, AutoCloseable drop) {
    }

    private final Create create;
    private Created database;

    private DatabasePerClass(Create create) {
        this.create = create;
    }

    /** @return a database of its own on the machine's PostgreSQL */
    public static DatabasePerClass postgres() {
        return new DatabasePerClass(() -> {
            PostgresDatabase database = new PostgresDatabase();
            return new Created(database.url(), PostgresDatabase.USER, database);
        });
    }

    /** @return a database of its own in H2, in memory */
    public static DatabasePerClass h2() {
        return new DatabasePerClass(() -> new Created("jdbc:h2:mem:chatsdk-" + java.util.UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "", () -> { }));
    }

    /** @return a database of its own on the machine's MariaDB */
    public static DatabasePerClass mariaDb() {
        return new DatabasePerClass(() -> {
            MariaDbDatabase database = new MariaDbDatabase();
            return new Created(database.url(), MariaDbDatabase.USER, database);
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        database = create.create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        database.drop().close();
    }

    /** @return the database's JDBC URL */
    public String url() {
        return database.url();
    }

    /** @return the user to connect as (no password) */
    public String user() {
        return database.user();
    }

    /** @return the configuration with the JDBC store on this database */
    public ChatSdkConfig.Builder withJdbcStore(ChatSdkConfig.Builder config) {
        return config.set(SessionConfig.STORE, SessionStoreType.JDBC).set(SessionConfig.Jdbc.URL, database.url())
                .set(SessionConfig.Jdbc.USER, database.user());
    }
}
