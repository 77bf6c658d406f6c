package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jetty.plus.jndi.Resource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * The JDBC store on the application's own DataSource, found by its JNDI name in a real container
 * (Jetty 12 with its JNDI), configured by MicroProfile Config alone.
 */
class JndiDataSourceIT {
    @Test
    void keepsSessionsInTheDataSourceTheServerBinds(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jndi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new Resource("jdbc/chatsdk", h2);
        Map<String, String> props = new java.util.HashMap<>(new TestConfig().properties());
        props.put(ChatSdkConfig.Keys.SESSION_STORE, "jdbc");
        props.put(ChatSdkConfig.Keys.JDBC_DATASOURCE, "java:comp/env/jdbc/chatsdk");

        try (JettyServer jetty = new JettyServer()
                .deploy("/app", TestWebapp.with(props).dataSource("jdbc/chatsdk").write(dir)).start()) {
            Http http = jetty.http("/app");
            Http.Reply login = http.call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            Http.Reply refresh = http.call("POST", "/chatsdk/auth/refresh")
                    .header("Authorization", "Bearer " + login.json().get("refreshToken").asText()).send();
            assertThat(refresh.status()).as(refresh.toString()).isEqualTo(200);
        }

        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT user_id, revoked_at FROM chatsdk_session")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(TestUsers.ALICE);
            assertThat(r.next()).isFalse();
        }
    }
}
