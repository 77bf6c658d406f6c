package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.testsupport.LogCapture;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The JDBC store on a container DataSource, called inside a JTA transaction. No transaction manager runs here, so the
 * container is played by two fakes: a {@link TransactionSynchronizationRegistry} whose status is per thread, and a
 * DataSource that, like WildFly's, hands a thread inside a transaction an enlisted connection that refuses
 * {@code setAutoCommit}, {@code commit} and {@code rollback}; the first test shows the fake bites. The server-side
 * proof, with WildFly's own transaction manager, is {@code WildFlyDataSourceIT} in tck-servers.
 */
class JtaStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Registry registry = new Registry();
    private final List<Thread> takers = new CopyOnWriteArrayList<>();
    private final List<Connection> enlisted = new CopyOnWriteArrayList<>();
    private JdbcConnectionPool pool;
    private JdbcSessionStore store;

    @BeforeEach
    void pool() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:jta-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterEach
    void close() {
        registry.end();
        if (store != null) {
            store.close();
        }
        pool.dispose();
    }

    private JdbcSessionStore store(StoreThreads threads) {
        store = new JdbcSessionStore(JdbcSessionStore.Connections.of(containerDataSource()), Integer.MAX_VALUE,
                Duration.ofSeconds(5), true, threads);
        return store;
    }

    private JdbcSessionStore guarded() {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.session")) {
            JdbcSessionStore guarded = store(JtaStatus.threads(registry, "java:jboss/datasources/ChatDS"));
            assertThat(logs.lines()).containsExactly("CHATSDK-120: the session store's DataSource "
                    + "java:jboss/datasources/ChatDS may take part in the container's JTA transactions; called inside "
                    + "one, the store works on threads of its own outside it (at most 8 at once), so sessions, rotations "
                    + "and revocations commit on their own, whatever becomes of the caller's transaction");
            return guarded;
        }
    }

    private static ChatSession session() {
        return new ChatSession(UUID.randomUUID().toString(), ChatUser.of("alice"), T0, T0.plus(Duration.ofDays(30)),
                null);
    }

    @Test
    void withoutTheGuardTheEnlistedConnectionRefusesTheStoresTransaction() {
        JdbcSessionStore unguarded = store(StoreThreads.callerOnly());

        registry.begin();
        assertThatThrownBy(() -> unguarded.create(session(), SessionStoreContract.hash()))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(enlisted).isNotEmpty();
    }

    @Test
    void insideATransactionEveryOperationCommitsOnTheStoresOwnThreads() throws SQLException {
        JdbcSessionStore guarded = guarded();
        ChatSession session = session();
        String first = SessionStoreContract.hash();
        String second = SessionStoreContract.hash();
        String third = SessionStoreContract.hash();

        registry.begin();
        guarded.create(session, first);
        Rotation rotated = guarded.rotate(session.id(), first, second, T0.plusSeconds(60), GRACE);
        Rotation reused = guarded.rotate(session.id(), first, third, T0.plusSeconds(120), GRACE);
        boolean foundInside = guarded.find(session.id()).isPresent();
        registry.end();

        assertThat(rotated.outcome()).isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(reused.outcome()).as("the spent token after the grace").isEqualTo(Rotation.Outcome.REUSED);
        assertThat(foundInside).isTrue();
        assertThat(enlisted).as("no connection was taken inside the caller's transaction").isEmpty();
        assertThat(takers).isNotEmpty().allSatisfy(t -> assertThat(t.getName()).startsWith(StoreThreads.NAME));
        try (Connection c = pool.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT revoked_at FROM chatsdk_session WHERE sid = '" + session.id() + "'")) {
            assertThat(rs.next()).as("the session was committed, not left in the caller's transaction").isTrue();
            assertThat(rs.getObject(1)).as("reuse revoked it, committed too").isNotNull();
        }
    }

    @Test
    void outsideATransactionTheCallersThreadDoesTheWork() {
        JdbcSessionStore guarded = guarded();
        ChatSession session = session();
        String first = SessionStoreContract.hash();

        guarded.create(session, first);
        Rotation rotated = guarded.rotate(session.id(), first, SessionStoreContract.hash(), T0.plusSeconds(60), GRACE);

        assertThat(rotated.outcome()).isEqualTo(Rotation.Outcome.ROTATED);
        assertThat(takers).isNotEmpty().containsOnly(Thread.currentThread());
    }

    @Test
    void closingTheStoreStopsItsThreads() {
        JdbcSessionStore guarded = guarded();
        registry.begin();
        guarded.create(session(), SessionStoreContract.hash());
        registry.end();
        assertThat(storeThreads()).isNotEmpty();

        guarded.close();

        assertThat(storeThreads()).isEmpty();
        registry.begin();
        assertThatThrownBy(() -> guarded.create(session(), SessionStoreContract.hash()))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private static Set<Thread> storeThreads() {
        Set<Thread> found = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(StoreThreads.NAME)).forEach(found::add);
        return found;
    }

    /** The container's DataSource: inside a transaction, an enlisted connection (as WildFly's WrappedConnection). */
    private DataSource containerDataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return invoke(pool, method, args);
                    }
                    Connection real = pool.getConnection();
                    takers.add(Thread.currentThread());
                    if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
                        return real;
                    }
                    Connection connection = enlisted(real);
                    enlisted.add(connection);
                    return connection;
                });
    }

    private static Connection enlisted(Connection real) {
        return (Connection) Proxy.newProxyInstance(JtaStoreTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (Set.of("setAutoCommit", "commit", "rollback").contains(method.getName())) {
                        throw new SQLException("You cannot " + method.getName() + " during a managed transaction");
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A transaction per thread: begun and ended by the test, never shared with another thread. */
    private static final class Registry implements TransactionSynchronizationRegistry {
        private final ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);

        void begin() {
            active.set(true);
        }

        void end() {
            active.remove();
        }

        @Override
        public int getTransactionStatus() {
            return active.get() ? Status.STATUS_ACTIVE : Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            throw new UnsupportedOperationException();
        }
    }
}
