package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;

/** The shipped migration file applied to the machine's PostgreSQL and MariaDB, then used with create-schema=false. */
class SchemaMigrationIT {
    @Test
    void runsOnTheMigrationFileAppliedToPostgresql() throws SQLException {
        try (PostgresDatabase database = new PostgresDatabase()) {
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), PostgresDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304");
            SchemaMigrations.apply(database.url(), PostgresDatabase.USER);

            SchemaMigrations.runsOnTheMigratedTables(SchemaMigrations.store(database.url(), PostgresDatabase.USER));
        }
    }

    @Test
    void runsOnTheMigrationFileAppliedToMariaDb() throws SQLException {
        try (MariaDbDatabase database = new MariaDbDatabase()) {
            assertThatThrownBy(() -> SchemaMigrations.store(database.url(), MariaDbDatabase.USER))
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-304");
            SchemaMigrations.apply(database.url(), MariaDbDatabase.USER);

            SchemaMigrations.runsOnTheMigratedTables(SchemaMigrations.store(database.url(), MariaDbDatabase.USER));
        }
    }
}
