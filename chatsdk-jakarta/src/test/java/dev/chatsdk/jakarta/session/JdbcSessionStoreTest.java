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
import dev.chatsdk.testsupport.LogCapture;

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
        String second = hash();
        String sibling = hash();
        ChatSession session = start(first);
        store.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE);
        store.rotate(session.id(), first, sibling, T0.plusSeconds(6), GRACE);

        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT jti_hash FROM chatsdk_refresh UNION ALL SELECT current_hash FROM "
                        + "chatsdk_session UNION ALL SELECT previous_hash FROM chatsdk_session")) {
            while (r.next()) {
                stored.add(r.getString(1));
            }
        }
        assertThat(stored).filteredOn(java.util.Objects::nonNull).containsExactlyInAnyOrder(first, second, sibling)
                .allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}"));
    }

    @Test
    void answersAValueTheDatabaseRefusesWithA400NotARetryable503() throws SQLException {
        // a DBA created the tables with a profile column narrower than the schema declares: H2 refuses the value
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
        LogCapture capture = new LogCapture("dev.chatsdk.jakarta.session");
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
        assertThat(narrow.revokeUser("u-narrow", T0)).isEqualTo(1);
    }

    @Test
    void rollsBackARotationWhoseStatementTimesOutAndLetsTheTokenRotateLater() throws SQLException {
        // the driver's query timeout fires on the rotation's second statement (H2: it reads the session), after the
        // first spent the token
        java.util.concurrent.atomic.AtomicInteger armed = new java.util.concurrent.atomic.AtomicInteger();
        List<Boolean> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        JdbcSessionStore.Connections timingOut = new JdbcSessionStore.Connections() {
            @Override
            public Connection open() throws SQLException {
                Connection real = DriverManager.getConnection(url);
                return wrapped(real, (sql, statement) -> (java.sql.PreparedStatement) java.lang.reflect.Proxy
                        .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {java.sql.PreparedStatement.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("executeQuery")
                                            && sql.startsWith("SELECT " + SessionSql.SESSION_COLUMNS + " FROM")
                                            && armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                        throw new java.sql.SQLTimeoutException("canceled: query timeout", "57014");
                                    }
                                    return invoke(method, statement, args);
                                }));
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                released.add(healthy);
                JdbcSessionStore.closeQuietly(connection);
            }
        };
        JdbcSessionStore bounded = new JdbcSessionStore(timingOut, 2, Duration.ofSeconds(3));
        String first = hash();
        String second = hash();
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ALICE, T0, T0.plus(Duration.ofDays(1)), null);
        bounded.create(session, first);

        // on every attempt (three): 503, retryable
        armed.set(3);
        released.clear();
        assertThatThrownBy(() -> bounded.rotate(session.id(), first, second, T0.plusSeconds(20), Duration.ZERO))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.code().retryable()).isTrue();
                });
        assertThat(armed).hasValue(0);
        // a connection whose statement timed out is not kept (its network timeout may have fired as well)
        assertThat(released).containsExactly(false, false, false);

        // nothing of the timed-out transaction stayed: the first token is unspent, and even without a grace the
        // retry rotates it instead of taking it for reuse
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_hash, previous_hash, (SELECT count(*) FROM "
                        + "chatsdk_refresh) FROM chatsdk_session")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo(first);
            assertThat(r.getString(2)).isNull();
            assertThat(r.getInt(3)).isZero();
        }
        // on the first attempt only: the second, on a new connection, finds the token unspent and rotates it
        armed.set(1);
        released.clear();
        assertThat(bounded.rotate(session.id(), first, second, T0.plusSeconds(21), Duration.ZERO).outcome())
                .isEqualTo(dev.chatsdk.jakarta.spi.Rotation.Outcome.ROTATED);
        assertThat(released).containsExactly(false, true);
        assertThat(bounded.find(session.id()).orElseThrow().revokedAt()).isEmpty();
    }

    /** @return the connection, with each prepared statement passed through {@code statements} */
    private static Connection wrapped(Connection real,
            java.util.function.BiFunction<String, java.sql.PreparedStatement, java.sql.PreparedStatement> statements) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(JdbcSessionStoreTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    return result instanceof java.sql.PreparedStatement
                            ? statements.apply((String) args[0], (java.sql.PreparedStatement) result) : result;
                });
    }

    @Test
    void boundsEachStatementWhenTheConnectionsRefuseANetworkTimeout() {
        // a container's pool wrapper may refuse setNetworkTimeout: the store works on, with query timeouts
        List<Integer> queryTimeouts = new java.util.concurrent.CopyOnWriteArrayList<>();
        JdbcSessionStore.Connections refusing = new JdbcSessionStore.Connections() {
            @Override
            public Connection open() throws SQLException {
                Connection real = DriverManager.getConnection(url);
                return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("setNetworkTimeout")) {
                                throw new java.sql.SQLFeatureNotSupportedException("not here");
                            }
                            Object result = invoke(method, real, args);
                            return result instanceof java.sql.PreparedStatement
                                    ? recording((java.sql.PreparedStatement) result, queryTimeouts) : result;
                        });
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                JdbcSessionStore.closeQuietly(connection);
            }
        };
        JdbcSessionStore onWrapper = new JdbcSessionStore(refusing, 4, Duration.ofSeconds(3));
        List<java.util.logging.LogRecord> records;
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta.session")) {
            String first = hash();
            ChatSession session = new ChatSession(UUID.randomUUID().toString(), ALICE, T0, T0.plus(Duration.ofDays(1)),
                    null);
            onWrapper.create(session, first);
            onWrapper.rotate(session.id(), first, hash(), T0.plusSeconds(5), GRACE);
            assertThat(onWrapper.find(session.id())).isPresent();
            records = capture.records();
        }
        assertThat(queryTimeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(1, 3));
        assertThat(records).extracting(java.util.logging.LogRecord::getMessage)
                .filteredOn(m -> m.startsWith("CHATSDK-303")).singleElement().asString()
                .contains("SQLFeatureNotSupportedException", "query timeout").doesNotContain("not here");
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static java.sql.PreparedStatement recording(java.sql.PreparedStatement real, List<Integer> timeouts) {
        return (java.sql.PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(
                JdbcSessionStoreTest.class.getClassLoader(), new Class<?>[] {java.sql.PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setQueryTimeout")) {
                        timeouts.add((Integer) args[0]);
                    }
                    return invoke(method, real, args);
                });
    }

    @Test
    void readsACurrentTokenAsCurrentNotAsSpentAtEpochZero() throws SQLException {
        String first = hash();
        String second = hash();
        String sibling = hash();
        ChatSession session = start(first);
        store.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE);
        // a retry: three tokens, more than the session's row holds, so all of them are in chatsdk_refresh
        store.rotate(session.id(), first, sibling, T0.plusSeconds(6), GRACE);

        java.util.Map<String, Long> expected = new java.util.HashMap<>();
        expected.put(first, T0.plusSeconds(5).toEpochMilli());
        expected.put(second, null);
        expected.put(sibling, null);
        assertThat(tableTokens(session.id())).isEqualTo(expected);
        assertThat(tableTokens(UUID.randomUUID().toString())).isEmpty();
    }

    private java.util.Map<String, Long> tableTokens(String sessionId) throws SQLException {
        BoundedStatements.bind(System.nanoTime() + Duration.ofSeconds(5).toNanos());
        try (Connection c = DriverManager.getConnection(url)) {
            return SessionSql.tableTokens(c, sessionId);
        } finally {
            BoundedStatements.unbind();
        }
    }

    @Test
    void decidesUnderTheRowLockWhenTheRowUpdateMissedAStillCurrentTokenAndRotatesItInsteadOfRevoking() {
        // the update of the session's row spends nothing while the token still reads current (as a concurrent
        // transaction's snapshot may make it): the locked rotation reads the row again and rotates, never revokes
        java.util.concurrent.atomic.AtomicInteger missed = new java.util.concurrent.atomic.AtomicInteger();
        JdbcSessionStore.Connections missing = new JdbcSessionStore.Connections() {
            @Override
            public Connection open() throws SQLException {
                return wrapped(DriverManager.getConnection(url), (sql, statement) -> !sql.equals(
                        SessionSql.ROTATE_IN_ROW) ? statement
                        : (java.sql.PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(
                                JdbcSessionStoreTest.class.getClassLoader(),
                                new Class<?>[] {java.sql.PreparedStatement.class}, (proxy, method, args) ->
                                        method.getName().equals("executeUpdate") && missed.getAndIncrement() == 0
                                                ? Integer.valueOf(0) : invoke(method, statement, args)));
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                JdbcSessionStore.closeQuietly(connection);
            }
        };
        JdbcSessionStore racing = new JdbcSessionStore(missing, 2, Duration.ofSeconds(3));
        String first = hash();
        String second = hash();
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ALICE, T0, T0.plus(Duration.ofDays(1)),
                null);
        racing.create(session, first);

        assertThat(racing.rotate(session.id(), first, second, T0.plusSeconds(5), GRACE).outcome())
                .isEqualTo(dev.chatsdk.jakarta.spi.Rotation.Outcome.ROTATED);
        assertThat(missed.get()).isEqualTo(1);
        assertThat(racing.find(session.id()).orElseThrow().revokedAt()).isEmpty();
        // the locked rotation left the tokens in the row: the next rotation takes the common path again
        assertThat(racing.rotate(session.id(), second, hash(), T0.plusSeconds(60), GRACE).outcome())
                .isEqualTo(dev.chatsdk.jakarta.spi.Rotation.Outcome.ROTATED);
        assertThat(missed.get()).isEqualTo(2);
    }

    @Test
    void retriesSerializationFailuresAndDeadlocksOfEveryDatabase() {
        assertThat(SqlFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("Deadlock found when trying to get lock", "40001", 1213)))
                .isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("Deadlock found when trying to get lock", "HY000", 1213)))
                .isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isFalse();
        assertThat(SqlFailures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void shipsTheSchemaItCreates() {
        assertThat(JdbcSessionStore.schema()).contains("CREATE TABLE chatsdk_session", "CREATE TABLE chatsdk_refresh",
                "ADD COLUMN current_hash").doesNotContain("--");
    }

    @Test
    void logsWhyTheDatabaseCannotBeReachedButNeverAMessageThatMayQuoteAStoredValue() {
        assertThat(JdbcSessionStore.reachability(new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001")))
                .isEqualTo("Connection to 127.0.0.1:5432 refused");
        assertThat(JdbcSessionStore.reachability(new java.sql.SQLException("too many connections", "53300")))
                .isEqualTo("too many connections");
        assertThat(JdbcSessionStore.reachability(new java.sql.SQLException("duplicate key value violates unique "
                + "constraint: Key (jti_hash)=(3f1c9a) already exists", "23505")))
                .isEqualTo("the database's message is withheld (it may quote a stored value)");
    }
}
