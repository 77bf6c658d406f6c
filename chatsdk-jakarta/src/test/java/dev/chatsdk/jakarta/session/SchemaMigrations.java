package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/** The shipped migration file, applied as a team that manages its schema would, then used with create-schema=false. */
final class SchemaMigrations {
    static final String V1 = JdbcSchema.MIGRATION;

    private SchemaMigrations() {
    }

    /** @return the file's statements, without comments */
    static String v1() {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(V1)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the file's statements one by one, as a migration tool does. */
    static void apply(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String ddl : v1().split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        }
    }

    /** @return the store SessionStores builds for the URL with create-schema=false (fails start-up without tables) */
    static SessionStore store(String url, String user) {
        ChatSdkConfig config = new TestConfig().builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                .set(SessionConfig.Jdbc.URL, url).set(SessionConfig.Jdbc.USER, user)
                .set(SessionConfig.Jdbc.CREATE_SCHEMA, false).build();
        return SessionStores.create(config);
    }

    /** A session created, rotated, retried within the grace and then reused on the migrated tables. */
    static void runsOnTheMigratedTables(SessionStore store) {
        Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
        String first = SessionStoreContract.hash();
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ChatUser.builder("migrated").name("M")
                .build(), t0, t0.plus(Duration.ofDays(1)), null);
        store.create(session, first);
        Duration grace = Duration.ofSeconds(30);
        assertThat(store.rotate(session.id(), first, SessionStoreContract.hash(), t0.plusSeconds(1), grace).outcome())
                .isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(store.rotate(session.id(), first, SessionStoreContract.hash(), t0.plusSeconds(2), grace).outcome())
                .isEqualTo(Rotation.Outcome.RETRIED);
        assertThat(store.rotate(session.id(), first, SessionStoreContract.hash(), t0.plusSeconds(60), grace).outcome())
                .isEqualTo(Rotation.Outcome.REUSED);
        assertThat(store.find(session.id()).orElseThrow().revokedAt()).isPresent();
    }

    /** @return whether the URL's database holds the table */
    static boolean hasTable(String url, String user, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
