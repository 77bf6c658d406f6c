package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.Context;
import org.apache.catalina.session.StandardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.session.PostgresDatabase;

/**
 * The application's logout on one node ends the chat session on every node: a Tomcat 11 node and a Jetty 12 node,
 * each with its own module instance, share one PostgreSQL database through the JDBC store. Both are configured to
 * revoke on idle expiry too, and still a node that stops (its HTTP sessions ending with it) revokes nothing: a
 * redeployment or a rolling restart keeps the chat sessions.
 */
class ClusterLogoutIT {
    private final TestConfig config = new TestConfig();
    private PostgresDatabase database;
    private TomcatServer tomcat;
    private JettyServer jetty;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        database = new PostgresDatabase();
        Map<String, String> properties = new LinkedHashMap<>(config.properties());
        properties.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        properties.put(ChatSdkConfig.Keys.SESSION_STORE, "jdbc");
        properties.put(ChatSdkConfig.Keys.JDBC_URL, database.url());
        properties.put(ChatSdkConfig.Keys.JDBC_USER, PostgresDatabase.USER);
        properties.put(ChatSdkConfig.Keys.JDBC_MAX_CONNECTIONS, "2");
        properties.put(ChatSdkConfig.Keys.EXPIRY_ENDS, "sessions");
        Path webapp = TestWebapp.with(properties).filter(SessionLoginFilter.class, "/*").servlet(SessionServlet.class, "/api/session/*")
                .listener(DestroyedSessions.class).write(dir.resolve("app"));
        tomcat = new TomcatServer(dir.resolve("tomcat"));
        Context onTomcat = tomcat.deploy("/app", webapp);
        tomcat.start();
        // no session file: Tomcat expires every session as it stops, and calls the session listeners
        ((StandardManager) onTomcat.getManager()).setPathname(null);
        jetty = new JettyServer().deploy("/app", webapp).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        jetty.close();
        database.close();
    }

    @Test
    void aLogoutOnOneNodeIsRefusedOnTheOther() throws Exception {
        CookieBrowser onTomcat = new CookieBrowser(tomcat.http("/app").baseUrl());
        onTomcat.login("");
        String token = onTomcat.chatLogin();
        String rotatedOnJetty = CookieBrowser.next(CookieBrowser.refresh(jetty.http("/app").baseUrl(), token));

        onTomcat.body("POST", "/api/session/logout");

        assertThat(CookieBrowser.refresh(jetty.http("/app").baseUrl(), rotatedOnJetty)).isEqualTo("401 SESSION_REVOKED");
        assertThat(CookieBrowser.refresh(tomcat.http("/app").baseUrl(), rotatedOnJetty)).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void aNodeThatStopsWithLiveHttpSessionsRevokesNothing() throws Exception {
        CookieBrowser onTomcat = new CookieBrowser(tomcat.http("/app").baseUrl());
        onTomcat.login("");
        String token = onTomcat.chatLogin();
        int destroyed = DestroyedSessions.count();

        tomcat.close();
        tomcat = null;

        assertThat(DestroyedSessions.count()).as("Tomcat destroyed the HTTP session as it stopped").isGreaterThan(destroyed);
        assertThat(CookieBrowser.refresh(jetty.http("/app").baseUrl(), token)).startsWith("200 ");
    }
}
