package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.session.PostgresDatabase;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Redeploying an application leaks nothing: a webapp whose module keeps sessions in PostgreSQL by URL (its own
 * connections) issues and refreshes tokens over HTTP, is stopped, and after each stop no connection of the test's
 * {@code ApplicationName} is left in {@code pg_stat_activity} and no thread the module named ({@code chatsdk-*}) is
 * left alive; five times over.
 */
class RedeployIT {
    private static final int REDEPLOYS = 5;

    @Test
    void eachStopReleasesTheConnectionsAndThreadsOfTheModule(@TempDir Path dir) throws Exception {
        String application = "chatsdk-redeploy-" + UUID.randomUUID().toString().substring(0, 8);
        try (PostgresDatabase db = new PostgresDatabase()) {
            Map<String, String> props = new HashMap<>(new TestConfig().properties());
            props.put(ChatSdkConfig.Keys.SESSION_STORE, "jdbc");
            props.put(ChatSdkConfig.Keys.JDBC_URL, db.url() + "&ApplicationName=" + application);
            props.put(ChatSdkConfig.Keys.JDBC_USER, PostgresDatabase.USER);
            props.put(ChatSdkConfig.Keys.JDBC_MAX_CONNECTIONS, "2");
            int threadsBefore = moduleThreads();
            System.out.printf("RedeployIT: before: %d connections of %s, %d chatsdk-* threads%n",
                    connections(application), application, threadsBefore);

            try (JettyServer jetty = new JettyServer().deploy("/app", TestWebapp.with(props).write(dir)).start()) {
                WebAppContext webapp = jetty.server().getDescendant(WebAppContext.class);
                for (int round = 1; round <= REDEPLOYS; round++) {
                    if (round > 1) {
                        webapp.start();
                    }
                    Http http = jetty.http("/app");
                    Http.Reply login = http.call("POST", "/api/chat/token")
                            .as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
                    assertThat(login.status()).as(login.toString()).isEqualTo(200);
                    Http.Reply refresh = http.call("POST", "/chatsdk/auth/refresh")
                            .header("Authorization", "Bearer " + login.json().get("refreshToken").asText()).send();
                    assertThat(refresh.status()).as(refresh.toString()).isEqualTo(200);
                    int open = connections(application);
                    int threadsRunning = moduleThreads();
                    assertThat(open).as("the store's own connections while it runs").isBetween(1, 2);

                    try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
                        webapp.stop();

                        assertThat(logs.lines()).as("closed once, by the listener of this start")
                                .containsOnlyOnce("CHATSDK-110: ChatSDK Jakarta stopped with its application (session "
                                        + "store connections, threads and HTTP clients it opened are released)");
                    }

                    int connectionsAfter = settle(() -> connections(application), 0);
                    int threadsAfter = settle(RedeployIT::moduleThreads, threadsBefore);
                    System.out.printf("RedeployIT: round %d: running %d connections, %d chatsdk-* threads; "
                            + "stopped %d connections, %d chatsdk-* threads%n", round, open, threadsRunning,
                            connectionsAfter, threadsAfter);
                    assertThat(connectionsAfter).as("connections after stop %d", round).isZero();
                    assertThat(threadsAfter).as("chatsdk-* threads after stop %d", round).isEqualTo(threadsBefore);
                }
            }
        }
    }

    /** @return the value once it reaches {@code expected}, or its last reading after five seconds */
    private static int settle(IntSupplier value, int expected) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        int last = value.getAsInt();
        while (last != expected && System.nanoTime() < end) {
            Thread.sleep(50);
            last = value.getAsInt();
        }
        return last;
    }

    /** @return the live threads whose names the module gives */
    private static int moduleThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("chatsdk-")).count();
    }

    /** @return the connections of {@code application} in {@code pg_stat_activity} (this query's own not counted) */
    private static int connections(String application) {
        try (Connection c = DriverManager.getConnection(PostgresDatabase.SERVER, PostgresDatabase.USER, "");
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, application);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
