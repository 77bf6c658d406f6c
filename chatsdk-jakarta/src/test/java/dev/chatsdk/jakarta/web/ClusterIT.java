package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.session.PostgresDatabase;
import dev.chatsdk.jakarta.session.TcpProxy;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Two application nodes (two embedded Jetty servers, two module instances) sharing one PostgreSQL
 * database through the JDBC store: reuse is caught whichever node sees it, revocations survive a
 * restart of both, and a database outage answers 503 without losing or half-rotating a session.
 */
class ClusterIT {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private PostgresDatabase database;
    private ChatNode a;
    private ChatNode b;

    @BeforeEach
    void start() throws Exception {
        database = new PostgresDatabase();
        a = node(database.url());
        b = node(database.url());
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        database.close();
    }

    private ChatNode node(String url) throws Exception {
        return node(url, Duration.ofSeconds(30));
    }

    private ChatNode node(String url, Duration grace) throws Exception {
        ChatSdkConfig config = test.builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                .set(SessionConfig.Jdbc.URL, url)
                .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER).set(SessionConfig.ROTATION_GRACE, grace).build();
        return ChatNode.start(ChatSdk.builder().config(config).clock(clock).build());
    }

    private static String refreshToken(JsonNode tokens) {
        return tokens.get("refreshToken").asText();
    }

    private static String code(Http.Reply reply) {
        return reply.status() + " " + (reply.status() == 200 ? "" : reply.json().get("error").get("code").asText());
    }

    @Test
    void catchesReuseOnTheOtherNodeAndRevokesTheSessionOnBoth() {
        String first = refreshToken(a.loginAlice());
        JsonNode second = a.refresh(first).json();
        clock.advance(Duration.ofSeconds(31));

        assertThat(code(b.refresh(first))).isEqualTo("401 REFRESH_TOKEN_REUSED");
        assertThat(code(a.refresh(refreshToken(second)))).isEqualTo("401 SESSION_REVOKED");
        assertThat(code(b.refresh(refreshToken(second)))).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void continuesASessionOnEitherNodeWithinTheGrace() {
        String first = refreshToken(a.loginAlice());
        JsonNode onA = a.refresh(first).json();
        clock.advance(Duration.ofSeconds(5));

        Http.Reply retryOnB = b.refresh(first);
        assertThat(code(retryOnB)).isEqualTo("200 ");
        assertThat(code(b.refresh(refreshToken(onA)))).isEqualTo("200 ");
        assertThat(code(a.refresh(refreshToken(retryOnB.json())))).isEqualTo("200 ");
    }

    @Test
    void endsAThiefsRetryBranchWhenTheUsersBranchRotatesOnTheOtherNode() {
        String first = refreshToken(a.loginAlice());
        String users = refreshToken(a.refresh(first).json());
        clock.advance(Duration.ofSeconds(5));
        Http.Reply thief = b.refresh(first);
        assertThat(code(thief)).isEqualTo("200 ");

        clock.advance(Duration.ofMinutes(50));
        String usersNext = refreshToken(a.refresh(users).json());
        clock.advance(Duration.ofSeconds(31));

        assertThat(code(b.refresh(refreshToken(thief.json())))).isEqualTo("401 REFRESH_TOKEN_REUSED");
        assertThat(code(a.refresh(usersNext))).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void keepsRevocationsAndSessionsAcrossARestartOfBothNodes() throws Exception {
        String revoked = refreshToken(a.loginAlice());
        String live = refreshToken(b.loginAlice());
        assertThat(a.http().call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer " + revoked).send()
                .json().get("revoked").asBoolean()).isTrue();

        a.close();
        b.close();
        a = node(database.url());
        b = node(database.url());

        assertThat(code(b.refresh(revoked))).isEqualTo("401 SESSION_REVOKED");
        assertThat(code(a.refresh(live))).isEqualTo("200 ");
    }

    @Test
    void answersUnavailableDuringAnOutageAndLosesNothing() throws Exception {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            // grace 0: had the failed attempt spent the token, the second attempt would be reuse
            ChatNode viaProxy = node(database.url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test"), Duration.ZERO);
            try {
                JsonNode login = viaProxy.loginAlice();
                proxy.cut();

                Http.Reply during = viaProxy.refresh(refreshToken(login));
                assertThat(code(during)).isEqualTo("503 STORE_UNAVAILABLE");
                assertThat(during.header("Retry-After")).isEqualTo("2");
                assertThat(during.json().get("error").get("retryable").asBoolean()).isTrue();
                assertThat(viaProxy.http().call("POST", "/api/chat/token").as("alice", "alice-password").send().status())
                        .isEqualTo(503);

                proxy.restore();
                assertThat(code(viaProxy.refresh(refreshToken(login)))).isEqualTo("200 ");
                assertThat(spentTokens()).isEqualTo(1);
            } finally {
                viaProxy.close();
            }
        }
    }

    private int spentTokens() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM chatsdk_session WHERE previous_hash IS NOT "
                        + "NULL) + (SELECT count(*) FROM chatsdk_refresh WHERE spent_at IS NOT NULL)")) {
            r.next();
            return r.getInt(1);
        }
    }
}
