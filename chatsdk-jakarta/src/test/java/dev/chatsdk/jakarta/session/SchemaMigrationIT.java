package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.spi.SessionStore;

/** The shipped migration files applied to the machine's PostgreSQL and MariaDB, then used with create-schema=false. */
class SchemaMigrationIT {
    @Test
    void runsOnTheMigrationFilesAppliedToPostgresql() throws SQLException {
        try (PostgresDatabase database = new PostgresDatabase()) {
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), PostgresDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304");
            SchemaMigrations.apply(database.url(), PostgresDatabase.USER);

            SchemaMigrations.runsOnTheMigratedTables(SchemaMigrations.store(database.url(), PostgresDatabase.USER));
        }
    }

    @Test
    void runsOnTheMigrationFilesAppliedToMariaDb() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), MariaDbDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304");
            SchemaMigrations.apply(database.url(), MariaDbDatabase.USER);

            SchemaMigrations.runsOnTheMigratedTables(SchemaMigrations.store(database.url(), MariaDbDatabase.USER));
        }
    }

    @Test
    void rotatesTheLiveSessionsOfAVersion1PostgresqlDatabaseAsBeforeOnceVersion2IsApplied() throws SQLException {
        try (PostgresDatabase database = new PostgresDatabase()) {
            rotatesVersion1SessionsOnceVersion2IsApplied(database.url(), PostgresDatabase.USER);
        }
    }

    @Test
    void upgradesAVersion1PostgresqlDatabaseItselfAndRotatesItsLiveSessionsAsBefore() throws SQLException {
        try (PostgresDatabase database = new PostgresDatabase()) {
            upgradesItself(database.url(), PostgresDatabase.USER, () -> database.store(4));
        }
    }

    @Test
    void rotatesTheLiveSessionsOfAVersion1MariaDbDatabaseAsBeforeOnceVersion2IsApplied() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            rotatesVersion1SessionsOnceVersion2IsApplied(database.url(), MariaDbDatabase.USER);
        }
    }

    @Test
    void upgradesAVersion1MariaDbDatabaseItselfAndRotatesItsLiveSessionsAsBefore() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            upgradesItself(database.url(), MariaDbDatabase.USER, () -> database.store(4));
        }
    }

    /** A team that manages its schema: start-up names V2 until it is applied; then the old sessions work on. */
    private static void rotatesVersion1SessionsOnceVersion2IsApplied(String url, String user) throws SQLException {
        SchemaMigrations.apply(url, user, SchemaMigrations.V1);
        SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(url, user);
        assertThatThrownBy(() -> SchemaMigrations.store(url, user)).isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("CHATSDK-304").hasMessageContaining("V2__chatsdk_session_tokens.sql");
        SchemaMigrations.apply(url, user, SchemaMigrations.V2);

        SchemaMigrations.rotateAsBefore(SchemaMigrations.store(url, user), left);
    }

    /** The store upgrades a database of version 1 on first use; the old sessions work on. */
    private static void upgradesItself(String url, String user, Supplier<SessionStore> store) throws SQLException {
        SchemaMigrations.apply(url, user, SchemaMigrations.V1);
        SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(url, user);

        SchemaMigrations.rotateAsBefore(store.get(), left);
    }
}
