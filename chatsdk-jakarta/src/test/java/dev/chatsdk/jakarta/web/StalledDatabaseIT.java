package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.Await;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.session.PostgresDatabase;
import dev.chatsdk.jakarta.session.TcpProxy;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * A database that keeps its connections open but stops answering (a stalled proxy in front of PostgreSQL): every
 * store operation still ends within {@code chatsdk.session.jdbc.timeout} with 503 {@code STORE_UNAVAILABLE}, even
 * on connections that were open and idle when the database went silent, and with more requests than connections;
 * once the database answers again the store works at once, on new connections, and no session was spent or revoked
 * by the requests that timed out. Before the timeout existed, each request holding a connection hung for as long as
 * the database was silent: the class timeout fails the test instead of letting it hang.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StalledDatabaseIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 3;
    /** What a loaded two-core machine may add to the timeout (HTTP, threads, closing the broken connections). */
    private static final Duration SLACK = Duration.ofSeconds(8);

    private final TestConfig test = new TestConfig();

    @Test
    void answersUnavailableWithinTheTimeoutWhileTheDatabaseIsSilentThenRecovers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try (PostgresDatabase database = new PostgresDatabase(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            ChatSdkConfig config = test.builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                    .set(SessionConfig.Jdbc.URL, database.url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test"))
                    .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER)
                    .set(SessionConfig.Jdbc.MAX_CONNECTIONS, CONNECTIONS)
                    .set(SessionConfig.Jdbc.TIMEOUT, TIMEOUT).build();
            ChatNode node = ChatNode.start(ChatSdk.builder().config(config).clock(new TestClock()).build());
            try {
                // warm up: concurrent logins until the store has opened every connection it may keep
                List<JsonNode> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
                Await.until(CONNECTIONS + " store connections open", Duration.ofSeconds(60), () -> {
                    sessions.addAll(all(clients, java.util.Collections.nCopies(2 * CONNECTIONS,
                            (Callable<JsonNode>) node::loginAlice)));
                    return proxy.accepted() >= CONNECTIONS;
                });
                assertThat(proxy.accepted()).isEqualTo(CONNECTIONS);

                proxy.stall();
                Http http = node.http();
                List<Callable<Timed>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String refresh = sessions.get(i).get("refreshToken").asText();
                    String access = sessions.get(i).get("accessToken").asText();
                    calls.add(timed("issue", () -> http.call("POST", "/api/chat/token")
                            .as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send()));
                    calls.add(timed("refresh", () -> node.refresh(refresh)));
                    calls.add(timed("validate", () -> http.call("GET", "/chatsdk/tokens/validate")
                            .header("Authorization", "Bearer " + access).send()));
                }
                List<Timed> during = all(clients, calls);

                Duration slowest = Duration.ZERO;
                for (Timed t : during) {
                    assertThat(t.reply.status()).as(t.toString()).isEqualTo(503);
                    JsonNode error = t.reply.json().get("error");
                    assertThat(error.get("code").asText()).as(t.toString()).isEqualTo("STORE_UNAVAILABLE");
                    assertThat(error.get("retryable").asBoolean()).as(t.toString()).isTrue();
                    assertThat(t.reply.header("Retry-After")).as(t.toString()).isNotBlank();
                    assertThat(t.took).as(t.toString()).isLessThan(TIMEOUT.plus(SLACK));
                    slowest = t.took.compareTo(slowest) > 0 ? t.took : slowest;
                }
                System.out.printf("StalledDatabaseIT: %d requests on %d connections answered 503 within %d ms "
                        + "(timeout %d ms)%n", during.size(), CONNECTIONS, slowest.toMillis(), TIMEOUT.toMillis());

                proxy.resume();
                int beforeRecovery = proxy.accepted();
                // the connections that timed out are closed, not kept: had they gone back to the idle queue, the three
                // attempts of the next unit of work would each have taken one of them and failed
                Http.Reply issued = http.call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)
                        .send();
                assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
                for (int i = 0; i < 4; i++) {
                    // a refresh that timed out neither spent nor burned its token: the same token refreshes now
                    Http.Reply refreshed = node.refresh(sessions.get(i).get("refreshToken").asText());
                    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
                    assertThat(node.refresh(refreshed.json().get("refreshToken").asText()).status()).isEqualTo(200);
                }
                assertThat(proxy.accepted()).as("connections opened after the database answered again")
                        .isGreaterThan(beforeRecovery);
                assertThat(revokedSessions(database)).isZero();
            } finally {
                proxy.resume();
                node.close();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static int revokedSessions(PostgresDatabase database) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM chatsdk_session WHERE revoked_at IS NOT NULL")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static final class Timed {
        final String what;
        final Http.Reply reply;
        final Duration took;

        Timed(String what, Http.Reply reply, Duration took) {
            this.what = what;
            this.reply = reply;
            this.took = took;
        }

        @Override
        public String toString() {
            return what + " after " + took.toMillis() + " ms: " + reply;
        }
    }

    private static Callable<Timed> timed(String what, Callable<Http.Reply> call) {
        return () -> {
            long started = System.nanoTime();
            Http.Reply reply = call.call();
            return new Timed(what, reply, Duration.ofNanos(System.nanoTime() - started));
        };
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> calls) {
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
