package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
    void shipsTheSchemaItCreates() {
        assertThat(JdbcSessionStore.schema()).contains("CREATE TABLE chatsdk_session", "CREATE TABLE chatsdk_refresh")
                .doesNotContain("--");
    }
}
