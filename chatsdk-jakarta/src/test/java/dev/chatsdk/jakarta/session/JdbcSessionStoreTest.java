package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;

import dev.chatsdk.jakarta.spi.SessionStore;

/** The JDBC store on H2 (in memory); {@code PostgresSessionStoreIT} runs the same contract on PostgreSQL. */
class JdbcSessionStoreTest extends SessionStoreContract {
    private final String url = "jdbc:h2:mem:chatsdk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcSessionStore store = new JdbcSessionStore(new UrlConnections(url, new java.util.Properties(), 20), 20);

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void keepsOnlyHashesOfTokenIds() throws SQLException {
        String first = hash();
        start(first);

        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT jti_hash FROM chatsdk_refresh")) {
            while (r.next()) {
                stored.add(r.getString(1));
            }
        }
        assertThat(stored).containsExactly(first);
        assertThat(first).matches("[0-9a-f]{64}");
    }

    @Test
    void answersAValueTheDatabaseRefusesWithA400NotARetryable503() throws SQLException {
        // a DBA created the tables with a profile column narrower than schema.sql declares: H2 refuses the value
        // (SQLState 22001), the same request would fail every time, and the client can shorten the profile
        String narrowUrl = "jdbc:h2:mem:chatsdk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(narrowUrl); Statement s = c.createStatement()) {
            for (String ddl : JdbcSessionStore.schema().replace("VARCHAR(8192)", "VARCHAR(100)").split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        }
        JdbcSessionStore narrow = new JdbcSessionStore(new UrlConnections(narrowUrl, new java.util.Properties(), 2), 2);
        dev.chatsdk.jakarta.LogCapture capture = new dev.chatsdk.jakarta.LogCapture("dev.chatsdk.jakarta.session");
        List<java.util.logging.LogRecord> records = capture.records();
        String name = "secret-looking-name-" + "n".repeat(200);
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ChatUser.builder("u-narrow").name(name)
                .build(), T0, T0.plus(Duration.ofDays(1)), null);
        try {
            assertThatThrownBy(() -> narrow.create(session, hash()))
                    .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.code().status()).isEqualTo(400);
                        assertThat(e.code().retryable()).isFalse();
                    })
                    .hasMessage("The session store refused a value of this request as too long or malformed for its "
                            + "column (SQLState 22001); shorten the user's profile fields.");
        } finally {
            capture.close();
        }
        assertThat(records).extracting(java.util.logging.LogRecord::getMessage)
                .anyMatch(m -> m.startsWith("CHATSDK-302: the session store refused a value of a request (SQLState "
                        + "22001, vendor code "))
                .noneMatch(m -> m.startsWith("CHATSDK-300"))
                .allSatisfy(m -> assertThat(m).doesNotContain("secret-looking-name"));
        // nothing was stored, and a profile that fits is
        ChatSession fits = new ChatSession(UUID.randomUUID().toString(), ChatUser.of("u-narrow"), T0,
                T0.plus(Duration.ofDays(1)), null);
        narrow.create(fits, hash());
        assertThat(narrow.revoke(null, "u-narrow", T0)).isEqualTo(1);
    }

    @Test
    void shipsTheSchemaItCreates() {
        assertThat(JdbcSessionStore.schema()).contains("CREATE TABLE chatsdk_session", "CREATE TABLE chatsdk_refresh")
                .doesNotContain("--");
    }
}
