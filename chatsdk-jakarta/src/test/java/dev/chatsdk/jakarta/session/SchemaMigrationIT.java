package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;

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
            SchemaMigrations.apply(database.url(), PostgresDatabase.USER, SchemaMigrations.V1);
            SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(database.url(),
                    PostgresDatabase.USER);
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), PostgresDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304")
                    .hasMessageContaining("V2__chatsdk_session_tokens.sql");
            SchemaMigrations.apply(database.url(), PostgresDatabase.USER, SchemaMigrations.V2);

            SchemaMigrations.rotateAsBefore(SchemaMigrations.store(database.url(), PostgresDatabase.USER), left);
        }
    }

    @Test
    void upgradesAVersion1PostgresqlDatabaseItselfAndRotatesItsLiveSessionsAsBefore() throws SQLException {
        try (PostgresDatabase database = new PostgresDatabase()) {
            SchemaMigrations.apply(database.url(), PostgresDatabase.USER, SchemaMigrations.V1);
            SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(database.url(),
                    PostgresDatabase.USER);

            SchemaMigrations.rotateAsBefore(database.store(4), left);
        }
    }

    @Test
    void rotatesTheLiveSessionsOfAVersion1MariaDbDatabaseAsBeforeOnceVersion2IsApplied() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            SchemaMigrations.apply(database.url(), MariaDbDatabase.USER, SchemaMigrations.V1);
            SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(database.url(),
                    MariaDbDatabase.USER);
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), MariaDbDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304")
                    .hasMessageContaining("V2__chatsdk_session_tokens.sql");
            SchemaMigrations.apply(database.url(), MariaDbDatabase.USER, SchemaMigrations.V2);

            SchemaMigrations.rotateAsBefore(SchemaMigrations.store(database.url(), MariaDbDatabase.USER), left);
        }
    }

    @Test
    void upgradesAVersion1MariaDbDatabaseItselfAndRotatesItsLiveSessionsAsBefore() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            SchemaMigrations.apply(database.url(), MariaDbDatabase.USER, SchemaMigrations.V1);
            SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(database.url(),
                    MariaDbDatabase.USER);

            SchemaMigrations.rotateAsBefore(database.store(4), left);
        }
    }
}
