package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.testsupport.LogCapture;

/**
 * {@code chatsdk.session.jdbc.create-schema=false} and the shipped migration file on H2; {@code SchemaMigrationIT}
 * applies the file to PostgreSQL and MariaDB.
 */
class SchemaMigrationTest {
    private final String url = "jdbc:h2:mem:chatsdk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void failsStartUpWith304AndRunsNoDdlWhenTheTablesAreMissingAndMayNotBeCreated() throws SQLException {
        List<LogRecord> records;
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta.session")) {
            assertThatThrownBy(() -> SchemaMigrations.store(url, "sa"))
                    .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems())
                            .containsExactly("CHATSDK-304: the session tables chatsdk_session and chatsdk_refresh are "
                                    + "missing, and chatsdk.session.jdbc.create-schema=false forbids creating them; "
                                    + "apply META-INF/chatsdk/schema/V1__chatsdk_sessions.sql and then "
                                    + "META-INF/chatsdk/schema/V2__chatsdk_session_tokens.sql to the database, or "
                                    + "remove the key"));
            records = capture.records();
        }
        assertThat(records).extracting(LogRecord::getMessage).anyMatch(m -> m.startsWith("CHATSDK-304: "))
                .noneMatch(m -> m.startsWith("CHATSDK-301") || m.startsWith("CHATSDK-300"));
        assertThat(SchemaMigrations.hasTable(url, "sa", "chatsdk_session")).isFalse();
        assertThat(SchemaMigrations.hasTable(url, "sa", "chatsdk_refresh")).isFalse();
    }

    @Test
    void runsOnTheMigrationFilesAppliedToH2WithoutCreatingAnything() throws SQLException {
        SchemaMigrations.apply(url, "sa");

        SchemaMigrations.runsOnTheMigratedTables(SchemaMigrations.store(url, "sa"));
    }

    @Test
    void failsStartUpWith304NamingVersion2OnAVersion1DatabaseAndRunsOnOnceItIsApplied() throws SQLException {
        SchemaMigrations.apply(url, "sa", SchemaMigrations.V1);
        SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(url, "sa");

        assertThatThrownBy(() -> SchemaMigrations.store(url, "sa"))
                .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("CHATSDK-304: the session tables chatsdk_session and chatsdk_refresh lack the "
                                + "columns of version 2 (chatsdk_session.current_hash, previous_hash, "
                                + "previous_spent_at), and chatsdk.session.jdbc.create-schema=false forbids adding "
                                + "them; apply META-INF/chatsdk/schema/V2__chatsdk_session_tokens.sql to the database, "
                                + "or remove the key"));
        SchemaMigrations.apply(url, "sa", SchemaMigrations.V2);

        SchemaMigrations.rotateAsBefore(SchemaMigrations.store(url, "sa"), left);
    }

    @Test
    void upgradesAVersion1DatabaseWith301AndRotatesItsLiveSessionsAsBefore() throws SQLException {
        SchemaMigrations.apply(url, "sa", SchemaMigrations.V1);
        SchemaMigrations.Version1Sessions left = SchemaMigrations.version1Sessions(url, "sa");
        List<LogRecord> records;
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta.session")) {
            JdbcSessionStore store = new JdbcSessionStore(new UrlConnections(url, credentials(), 4), 4);
            SchemaMigrations.rotateAsBefore(store, left);
            records = capture.records();
        }
        assertThat(records).extracting(LogRecord::getMessage).containsOnlyOnce("CHATSDK-301: upgraded the session "
                + "tables chatsdk_session and chatsdk_refresh to version 2 "
                + "(META-INF/chatsdk/schema/V2__chatsdk_session_tokens.sql)");
    }

    private static java.util.Properties credentials() {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "sa");
        return credentials;
    }
}
