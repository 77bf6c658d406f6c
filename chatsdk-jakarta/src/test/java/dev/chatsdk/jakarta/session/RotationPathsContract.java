package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation.Outcome;

/**
 * Where the JDBC store keeps a session's tokens and which path each rotation takes: the common rotation updates the
 * session's row alone (on PostgreSQL one statement in autocommit), everything else goes through the row's lock and
 * leaves the tokens in the row when they fit there, else in {@code chatsdk_refresh}. A subclass names the database;
 * {@link SessionStoreContract} checks the outcomes on the same databases.
 */
abstract class RotationPathsContract {
    static final Instant T0 = SessionStoreContract.T0;
    static final Duration GRACE = SessionStoreContract.GRACE;

    /** The statements the stores of a test prepared, each with whether its connection was in autocommit. */
    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final List<JdbcSessionStore> stores = new ArrayList<>();

    /** @return the database, whose tables the stores create */
    protected abstract DatabasePerClass database();

    private String url() {
        return database().url();
    }

    private String user() {
        return database().user();
    }

    /** @return whether the database is PostgreSQL, where the common rotation is one statement */
    private boolean postgres() {
        return url().startsWith("jdbc:postgresql:");
    }

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcSessionStore::close);
    }

    /** @return a store of its own (one node), its statements recorded in {@link #prepared} */
    JdbcSessionStore node() {
        Properties credentials = new Properties();
        credentials.setProperty("user", user());
        UrlConnections real = new UrlConnections(url(), credentials, 10);
        JdbcSessionStore store = new JdbcSessionStore(new JdbcSessionStore.Connections() {
            @Override
            public Connection open() throws SQLException {
                Connection c = real.open();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                prepared.add((c.getAutoCommit() ? "autocommit: " : "transaction: ") + args[0]);
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                JdbcSessionStore.closeQuietly(connection);
            }
        }, 10);
        stores.add(store);
        return store;
    }

    static String hash() {
        return SessionStoreContract.hash();
    }

    private static final String ALICE_ID = SessionStoreContract.ALICE.id();

    static ChatSession start(JdbcSessionStore store, String first) {
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), SessionStoreContract.ALICE, T0,
                T0.plus(Duration.ofDays(1)), null);
        store.create(session, first);
        return session;
    }

    /** The tokens of a session where the store keeps them. */
    record Layout(String current, String previous, Long previousSpentAt, Map<String, Long> table) {
        static Layout row(String current, String previous, Instant previousSpentAt) {
            return new Layout(current, previous, previousSpentAt == null ? null : previousSpentAt.toEpochMilli(),
                    Map.of());
        }

        /** @param tokens hash, spent time or {@code null}, hash, ... */
        static Layout table(Object... tokens) {
            Map<String, Long> table = new HashMap<>();
            for (int i = 0; i < tokens.length; i += 2) {
                table.put((String) tokens[i], tokens[i + 1] == null ? null : ((Instant) tokens[i + 1]).toEpochMilli());
            }
            return new Layout(null, null, null, table);
        }
    }

    Layout layout(String sessionId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), "")) {
            String current;
            String previous;
            Long previousSpentAt;
            try (PreparedStatement s = c.prepareStatement("SELECT current_hash, previous_hash, previous_spent_at "
                    + "FROM chatsdk_session WHERE sid = ?")) {
                s.setString(1, sessionId);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).as("the session's row").isTrue();
                    current = r.getString(1);
                    previous = r.getString(2);
                    long at = r.getLong(3);
                    previousSpentAt = r.wasNull() ? null : at;
                }
            }
            Map<String, Long> table = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT jti_hash, spent_at FROM chatsdk_refresh "
                    + "WHERE sid = ?")) {
                s.setString(1, sessionId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String hash = r.getString(1);
                        long at = r.getLong(2);
                        table.put(hash, r.wasNull() ? null : at);
                    }
                }
            }
            return new Layout(current, previous, previousSpentAt, table);
        }
    }

    /** @return the statements {@code action} prepared */
    List<String> statements(Runnable action) {
        prepared.clear();
        action.run();
        return List.copyOf(prepared);
    }

    /**
     * The common rotation's statements: one on PostgreSQL, in autocommit; else a read of the session (its user compared
     * in Java) and the update.
     */
    private List<String> commonRotation() {
        return postgres()
                ? List.of("autocommit: " + SessionSql.ROTATE_IN_ROW + " RETURNING " + SessionSql.SESSION_COLUMNS)
                : List.of("transaction: SELECT " + SessionSql.SESSION_COLUMNS + " FROM chatsdk_session WHERE sid = ?",
                        "transaction: " + SessionSql.ROTATE_IN_ROW);
    }

    @Test
    void createsASessionAsOneRowAndRotatesItInThatRowAlone() throws SQLException {
        JdbcSessionStore store = node();
        String first = hash();
        String second = hash();
        String third = hash();
        ChatSession[] created = new ChatSession[1];
        List<String> create = new ArrayList<>(statements(() -> created[0] = start(store, first)));
        // a store purges ended sessions with its first create, then every ten minutes
        create.removeIf(s -> s.contains("DELETE FROM chatsdk_session WHERE expires_at"));
        ChatSession session = created[0];

        assertThat(create).singleElement().asString().startsWith("transaction: INSERT INTO chatsdk_session");
        assertThat(layout(session.id())).isEqualTo(Layout.row(first, null, null));

        List<String> rotation = statements(() -> assertThat(store.rotate(session.id(), first, second, T0.plusSeconds(5),
                GRACE).outcome()).isEqualTo(Outcome.ROTATED));
        assertThat(rotation).isEqualTo(commonRotation());
        assertThat(layout(session.id())).isEqualTo(Layout.row(second, first, T0.plusSeconds(5)));

        // the last spent token is past the grace: the common rotation forgets it
        assertThat(statements(() -> assertThat(store.rotate(session.id(), second, third, T0.plusSeconds(35), GRACE)
                .outcome()).isEqualTo(Outcome.ROTATED))).isEqualTo(commonRotation());
        assertThat(layout(session.id())).isEqualTo(Layout.row(third, second, T0.plusSeconds(35)));
        assertThat(store.rotate(session.id(), first, hash(), T0.plusSeconds(36), GRACE).outcome())
                .isEqualTo(Outcome.REUSED);
    }

    @Test
    void refreshesWithTheTokensUserInTheCommonRotationAloneAndLeavesAnotherUsersAttemptWithoutATrace()
            throws SQLException {
        JdbcSessionStore store = node();
        String first = hash();
        String second = hash();
        ChatSession session = start(store, first);

        for (String other : new String[] {"mallory", "ALICE", ALICE_ID + " ", ALICE_ID.substring(1)}) {
            assertThat(store.rotate(session.id(), other, first, hash(), T0.plusSeconds(5), GRACE).outcome()).as(other)
                    .isEqualTo(Outcome.UNKNOWN);
            assertThat(layout(session.id())).as(other).isEqualTo(Layout.row(first, null, null));
        }

        // what a refresh costs: the common rotation, nothing read before it
        assertThat(statements(() -> assertThat(store.rotate(session.id(), ALICE_ID, first, second, T0.plusSeconds(6),
                GRACE).outcome()).isEqualTo(Outcome.ROTATED))).isEqualTo(commonRotation());
        assertThat(layout(session.id())).isEqualTo(Layout.row(second, first, T0.plusSeconds(6)));
    }

    @Test
    void takesTheLockedPathForARetryAndASpentTokenWithinTheGraceAndReturnsToTheRow() throws SQLException {
        JdbcSessionStore store = node();
        String first = hash();
        String second = hash();
        String sibling = hash();
        String next = hash();
        String last = hash();
        ChatSession session = start(store, first);
        store.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE);

        List<String> retry = statements(() -> assertThat(store.rotate(session.id(), first, sibling, T0.plusSeconds(6),
                GRACE).outcome()).isEqualTo(Outcome.RETRIED));
        assertThat(retry).anyMatch(s -> s.startsWith("transaction: SELECT") && s.endsWith("FOR UPDATE"));
        assertThat(layout(session.id())).isEqualTo(Layout.table(first, T0.plusSeconds(5), second, null, sibling, null));

        // either sibling rotates; the other one is retired, a retry within the grace and reuse after it
        assertThat(store.rotate(session.id(), sibling, next, T0.plusSeconds(10), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        assertThat(layout(session.id())).isEqualTo(Layout.table(first, T0.plusSeconds(5), second, T0.plusSeconds(10),
                sibling, T0.plusSeconds(10), next, null));
        assertThat(store.rotate(session.id(), next, last, T0.plusSeconds(40), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        // every spent token but the one just presented is past the grace: forgotten, and the rest fits the row
        assertThat(layout(session.id())).isEqualTo(Layout.row(last, next, T0.plusSeconds(40)));
        assertThat(statements(() -> assertThat(store.rotate(session.id(), last, hash(), T0.plusSeconds(70), GRACE)
                .outcome()).isEqualTo(Outcome.ROTATED))).isEqualTo(commonRotation());
        assertThat(store.rotate(session.id(), second, hash(), T0.plusSeconds(71), GRACE).outcome())
                .isEqualTo(Outcome.REUSED);
        assertThat(store.find(session.id()).orElseThrow().revokedAt()).contains(T0.plusSeconds(71));
    }

    @Test
    void keepsTwoSpentTokensWithinTheGraceInTheTableAndRotatesTheOlderSiblingOfARetry() throws SQLException {
        JdbcSessionStore store = node();
        String first = hash();
        String second = hash();
        String sibling = hash();
        String third = hash();
        ChatSession session = start(store, first);
        store.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE);
        // a rotation within the grace of the last one: the row cannot hold two spent tokens
        store.rotate(session.id(), second, third, T0.plusSeconds(10), GRACE);
        assertThat(layout(session.id())).isEqualTo(Layout.table(first, T0.plusSeconds(5), second, T0.plusSeconds(10),
                third, null));
        assertThat(store.rotate(session.id(), first, hash(), T0.plusSeconds(20), GRACE).outcome())
                .isEqualTo(Outcome.RETRIED);

        ChatSession other = start(store, hash());
        String otherFirst = layout(other.id()).current();
        String otherSecond = hash();
        store.rotate(other.id(), otherFirst, otherSecond, T0.plusSeconds(5), GRACE);
        assertThat(store.rotate(other.id(), otherFirst, sibling, T0.plusSeconds(6), GRACE).outcome())
                .isEqualTo(Outcome.RETRIED);
        // the branch the first rotation started rotates; the retry's sibling is retired with it
        assertThat(store.rotate(other.id(), otherSecond, hash(), T0.plusSeconds(7), GRACE).outcome())
                .isEqualTo(Outcome.ROTATED);
        assertThat(store.rotate(other.id(), sibling, hash(), T0.plusSeconds(8), GRACE).outcome())
                .isEqualTo(Outcome.RETRIED);
        assertThat(store.rotate(other.id(), sibling, hash(), T0.plusSeconds(37), GRACE).outcome())
                .isEqualTo(Outcome.REUSED);
    }

    @Test
    void letsExactlyOneOfTwoNodesRotateATokenBothWaitedForOnTheCommonAndTheLockedPath() throws Exception {
        JdbcSessionStore a = node();
        JdbcSessionStore b = node();
        for (boolean locked : new boolean[] {false, true}) {
            String first = hash();
            ChatSession session = start(a, first);
            String presented = first;
            if (locked) {
                // a retry puts the tokens in the table: the next rotation of either sibling takes the locked path
                String second = hash();
                a.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE);
                a.rotate(session.id(), first, hash(), T0.plusSeconds(6), GRACE);
                presented = second;
            }
            String token = presented;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Connection holder = DriverManager.getConnection(url(), user(), "")) {
                holder.setAutoCommit(false);
                try (PreparedStatement s = holder.prepareStatement("SELECT sid FROM chatsdk_session WHERE sid = ? "
                        + "FOR UPDATE")) {
                    s.setString(1, session.id());
                    s.executeQuery().close();
                }
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (JdbcSessionStore node : List.of(a, b)) {
                    outcomes.add(pool.submit(() -> node.rotate(session.id(), token, hash(), T0.plusSeconds(9), GRACE)
                            .outcome()));
                }
                // both wait for the row; the holder lets them go at once
                Thread.sleep(300);
                assertThat(outcomes).noneMatch(Future::isDone);
                holder.commit();
                List<Outcome> results = new ArrayList<>();
                for (Future<Outcome> f : outcomes) {
                    results.add(f.get(10, TimeUnit.SECONDS));
                }
                assertThat(results).as(locked ? "the locked path" : "the common path")
                        .containsExactlyInAnyOrder(Outcome.ROTATED, Outcome.RETRIED);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void letsExactlyOneOfTwoNodesRacingOnTheSameTokenRotateItEveryTime() throws Exception {
        JdbcSessionStore a = node();
        JdbcSessionStore b = node();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String first = hash();
                ChatSession session = start(a, first);
                CyclicBarrier go = new CyclicBarrier(2);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (JdbcSessionStore node : List.of(a, b)) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return node.rotate(session.id(), first, hash(), T0.plusSeconds(1), Duration.ZERO).outcome();
                    }));
                }
                List<Outcome> results = new ArrayList<>();
                for (Future<Outcome> f : outcomes) {
                    results.add(f.get(10, TimeUnit.SECONDS));
                }
                // without a grace the loser is reuse, and revokes the session the winner just rotated
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder(Outcome.ROTATED, Outcome.REUSED);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
