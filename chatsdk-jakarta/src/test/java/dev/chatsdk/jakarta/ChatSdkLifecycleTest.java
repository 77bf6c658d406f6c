package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.session.InMemorySessionStore;
import dev.chatsdk.jakarta.session.RequiredMethodsOnly;
import dev.chatsdk.jakarta.session.SessionStores;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.testsupport.LogCapture;

/** {@link ChatSdk#close()}: idempotent, releases what the module opened and only that, then fails fast. */
class ChatSdkLifecycleTest {
    private static final ChatUser ALICE = ChatUser.builder("alice").name("Alice").build();

    @Test
    void closeIsIdempotentAndEveryOperationFailsFastAfterIt() {
        ChatSdk sdk = ChatSdk.create(new TestConfig().builder().build());
        String refresh = sdk.issue(ALICE).refreshToken();
        assertThat(sdk.isClosed()).isFalse();

        sdk.close();
        sdk.close();

        assertThat(sdk.isClosed()).isTrue();
        Principal principal = () -> "alice";
        for (ThrowingCallable call : new ThrowingCallable[] {() -> sdk.issue(ALICE), () -> sdk.refresh(refresh),
                () -> sdk.revoke(refresh), () -> sdk.revokeUser("alice"), sdk::health, sdk::checkUpstream,
                sdk::issuer, () -> sdk.resolveUser(principal)}) {
            long started = System.nanoTime();
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(sdk.config().appId()).isEqualTo(TestConfig.APP_ID);
    }

    @Test
    void theRemoteIssuerStopsItsHttpThreadsOnClose() throws Exception {
        ChatSdk sdk = ChatSdk.create(ChatSdkConfig.builder().set(RemoteConfig.API_URL, "http://127.0.0.1:9")
                .set(RemoteConfig.API_KEY, "ck_live_" + TestConfig.randomSecret()).build());
        assertThatThrownBy(() -> sdk.issue(ALICE)).isInstanceOf(ChatSdkException.class);

        sdk.close();

        Await.until("no chatsdk-remote-http-* thread after close", Duration.ofSeconds(5),
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("chatsdk-remote-http-")));
    }

    @Test
    void aStoreMadeFromAJdbcUrlClosesTheConnectionsItOpened() throws Exception {
        String url = "jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection observer = DriverManager.getConnection(url, "sa", "")) {
            ChatSdk sdk = MpConfigured.sdk(MpConfigured.properties(new TestConfig(),
                    ChatSdkConfig.Keys.SESSION_STORE, "jdbc", ChatSdkConfig.Keys.JDBC_URL, url,
                    ChatSdkConfig.Keys.JDBC_USER, "sa"));
            String refresh = sdk.issue(ALICE).refreshToken();
            sdk.refresh(refresh);
            assertThat(sessions(observer)).isGreaterThan(1);

            sdk.close();

            assertThat(sessions(observer)).isEqualTo(1);
        }
    }

    @Test
    void aStoreMadeByTheModuleFailsWithStoreUnavailableOnceClosed() {
        String url = "jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        ChatSdkConfig config = MpConfigured.sdk(MpConfigured.properties(new TestConfig(),
                ChatSdkConfig.Keys.SESSION_STORE, "jdbc", ChatSdkConfig.Keys.JDBC_URL, url,
                ChatSdkConfig.Keys.JDBC_USER, "sa")).config();
        SessionStore store = SessionStores.create(config);
        store.close();
        store.close();

        long started = System.nanoTime();
        assertThatThrownBy(() -> store.find("s-1")).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aStoreAndAnIssuerTheApplicationGaveStayOpen() {
        ClosingStore store = new ClosingStore();
        ChatSdk withStore = ChatSdk.builder().config(new TestConfig().builder().build()).sessionStore(store).build();
        withStore.issue(ALICE);
        withStore.close();
        assertThat(store.closed).hasValue(0);

        ClosingIssuer issuer = new ClosingIssuer();
        ChatSdk withIssuer = ChatSdk.builder().config(new TestConfig().builder().build()).issuer(issuer).build();
        withIssuer.close();
        assertThat(issuer.closed).hasValue(0);
    }

    @Test
    void aFailingCloseIsLoggedAndTheStoreIsStillClosed() {
        ClosingStore store = new ClosingStore();
        TokenIssuer failing = new ClosingIssuer() {
            @Override
            public void close() {
                throw new IllegalStateException("cannot close");
            }
        };
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatSdk.release(failing, store);

            assertThat(logs.lines()).contains("CHATSDK-109: closing the issuer (" + failing.getClass().getName()
                    + ") failed with java.lang.IllegalStateException; what it holds may stay open");
        }
        assertThat(store.closed).hasValue(1);
    }

    private static int sessions(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Counts its closes; keeps nothing. */
    static class ClosingStore extends RequiredMethodsOnly {
        final AtomicInteger closed = new AtomicInteger();

        ClosingStore() {
            super(new InMemorySessionStore(1000));
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Issues nothing; counts its closes. */
    static class ClosingIssuer implements TokenIssuer {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public ChatTokens issue(ChatUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ChatTokens refresh(String refreshToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean revoke(String refreshToken) {
            return false;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
