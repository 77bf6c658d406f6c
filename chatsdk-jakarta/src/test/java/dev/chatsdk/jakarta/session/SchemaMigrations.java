package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * The shipped migration files, applied as a team that manages its schema would, then used with create-schema=false;
 * and sessions a database of version 1 holds, used after the upgrade.
 */
final class SchemaMigrations {
    static final String V1 = JdbcSchema.MIGRATION;
    static final String V2 = JdbcSchema.MIGRATION_V2;

    private SchemaMigrations() {
    }

    /** @return the file's statements, without comments */
    static String statements(String file) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs every shipped file's statements one by one, in order, as a migration tool does. */
    static void apply(String url, String user) throws SQLException {
        apply(url, user, V1, V2);
    }

    /** Runs the files' statements one by one, in order, as a migration tool does. */
    static void apply(String url, String user, String... files) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String file : files) {
                for (String ddl : statements(file).split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
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

    /**
     * Sessions as the store of version 1 left them (every token a row of {@code chatsdk_refresh}), at
     * {@link #V1_LEFT}: one only created, one rotated, one with a retry's sibling, one revoked.
     */
    record Version1Sessions(String created, String createdFirst, String rotated, String rotatedSpent,
            String rotatedCurrent, String retried, String retriedSpent, String retriedCurrent, String retriedSibling,
            String revoked, String revokedCurrent) {
    }

    /** When the sessions of {@link Version1Sessions} last rotated. */
    static final Instant V1_LEFT = Instant.parse("2026-01-05T09:00:10Z");

    /** Writes sessions into version 1's tables with the statements the store of version 1 ran. */
    static Version1Sessions version1Sessions(String url, String user) throws SQLException {
        Version1Sessions v1 = new Version1Sessions(UUID.randomUUID().toString(), SessionStoreContract.hash(),
                UUID.randomUUID().toString(), SessionStoreContract.hash(), SessionStoreContract.hash(),
                UUID.randomUUID().toString(), SessionStoreContract.hash(), SessionStoreContract.hash(),
                SessionStoreContract.hash(), UUID.randomUUID().toString(), SessionStoreContract.hash());
        long created = V1_LEFT.minusSeconds(10).toEpochMilli();
        long expires = V1_LEFT.plus(Duration.ofDays(1)).toEpochMilli();
        long spent = V1_LEFT.toEpochMilli();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            for (String sid : List.of(v1.created(), v1.rotated(), v1.retried(), v1.revoked())) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO chatsdk_session (sid, user_id, profile, "
                        + "created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, sid);
                    s.setString(2, "v1-user");
                    s.setString(3, Profiles.write(ChatUser.builder("v1-user").name("Old Session").build()));
                    s.setLong(4, created);
                    s.setLong(5, expires);
                    if (sid.equals(v1.revoked())) {
                        s.setLong(6, spent);
                    } else {
                        s.setNull(6, java.sql.Types.BIGINT);
                    }
                    s.executeUpdate();
                }
            }
            token(c, v1.createdFirst(), v1.created(), null);
            token(c, v1.rotatedSpent(), v1.rotated(), spent);
            token(c, v1.rotatedCurrent(), v1.rotated(), null);
            token(c, v1.retriedSpent(), v1.retried(), spent - 2000);
            token(c, v1.retriedCurrent(), v1.retried(), null);
            token(c, v1.retriedSibling(), v1.retried(), null);
            token(c, v1.revokedCurrent(), v1.revoked(), null);
        }
        return v1;
    }

    private static void token(Connection c, String hash, String sid, Long spentAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO chatsdk_refresh (jti_hash, sid, spent_at) "
                + "VALUES (?, ?, ?)")) {
            s.setString(1, hash);
            s.setString(2, sid);
            if (spentAt == null) {
                s.setNull(3, java.sql.Types.BIGINT);
            } else {
                s.setLong(3, spentAt);
            }
            s.executeUpdate();
        }
    }

    /**
     * The sessions version 1 left, after the upgrade: each rotates, takes a spent token within the grace as a retry
     * and one after it as reuse, exactly as before.
     */
    static void rotateAsBefore(SessionStore store, Version1Sessions v1) {
        Duration grace = Duration.ofSeconds(30);
        Instant t = V1_LEFT;
        String next = SessionStoreContract.hash();
        assertThat(store.rotate(v1.created(), v1.createdFirst(), next, t.plusSeconds(1), grace).outcome())
                .isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(store.rotate(v1.created(), v1.createdFirst(), SessionStoreContract.hash(), t.plusSeconds(2), grace)
                .outcome()).isEqualTo(Rotation.Outcome.RETRIED);
        assertThat(store.rotate(v1.created(), next, SessionStoreContract.hash(), t.plusSeconds(3), grace).outcome())
                .isEqualTo(Rotation.Outcome.ROTATED);

        assertThat(store.rotate(v1.rotated(), v1.rotatedSpent(), SessionStoreContract.hash(), t.plusSeconds(5), grace)
                .outcome()).isEqualTo(Rotation.Outcome.RETRIED);
        assertThat(store.rotate(v1.rotated(), v1.rotatedCurrent(), SessionStoreContract.hash(), t.plusSeconds(6),
                grace).outcome()).isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(store.rotate(v1.rotated(), v1.rotatedSpent(), SessionStoreContract.hash(), t.plus(grace), grace)
                .outcome()).isEqualTo(Rotation.Outcome.REUSED);
        assertThat(store.find(v1.rotated()).orElseThrow().revokedAt()).contains(t.plus(grace));

        // either sibling of the retry rotates; the other is retired: a retry within the grace, then reuse
        assertThat(store.rotate(v1.retried(), v1.retriedSibling(), SessionStoreContract.hash(), t.plusSeconds(4),
                grace).outcome()).isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(store.rotate(v1.retried(), v1.retriedCurrent(), SessionStoreContract.hash(), t.plusSeconds(5),
                grace).outcome()).isEqualTo(Rotation.Outcome.RETRIED);
        assertThat(store.rotate(v1.retried(), v1.retriedSpent(), SessionStoreContract.hash(), t.plusSeconds(27),
                grace).outcome()).isEqualTo(Rotation.Outcome.RETRIED);
        assertThat(store.rotate(v1.retried(), v1.retriedCurrent(), SessionStoreContract.hash(), t.plusSeconds(34),
                grace).outcome()).isEqualTo(Rotation.Outcome.REUSED);

        assertThat(store.rotate(v1.revoked(), v1.revokedCurrent(), SessionStoreContract.hash(), t.plusSeconds(1),
                grace).outcome()).isEqualTo(Rotation.Outcome.REVOKED);
        assertThat(store.rotate(UUID.randomUUID().toString(), v1.createdFirst(), SessionStoreContract.hash(),
                t.plusSeconds(1), grace).outcome()).isEqualTo(Rotation.Outcome.UNKNOWN);
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
