package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jetty.security.HashLoginService;

import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.EmbeddedJetty;
import dev.chatsdk.testsupport.Http;

/**
 * Embedded Jetty 12 (ee10) on a free loopback port, deploying exploded {@link TestWebapp}s: test-support's
 * {@link EmbeddedJetty} with the test users' realm.
 */
public final class JettyServer implements AutoCloseable {
    private final EmbeddedJetty jetty;

    public JettyServer() {
        this(EmbeddedJetty.onLoopback());
    }

    /** A server with at most {@code maxThreads} threads (one acceptor, one selector among them). */
    public JettyServer(int maxThreads) {
        this(EmbeddedJetty.onLoopback(maxThreads));
    }

    private JettyServer(EmbeddedJetty jetty) {
        this.jetty = jetty.realm(loginService());
    }

    /** @return Jetty's realm for the test users: alice with the chat role, bob without */
    static HashLoginService loginService() {
        return EmbeddedJetty.realm(TestWebapp.REALM, Map.of(
                TestUsers.ALICE, new String[] {TestUsers.ALICE_PASSWORD, TestUsers.CHAT_ROLE},
                TestUsers.BOB, new String[] {TestUsers.BOB_PASSWORD}));
    }

    /** Runs the session reaper (Jetty's house keeper) every second; call before {@link #start()}. */
    public JettyServer reaperEverySecond() throws Exception {
        org.eclipse.jetty.session.DefaultSessionIdManager ids = new org.eclipse.jetty.session.DefaultSessionIdManager(server());
        org.eclipse.jetty.session.HouseKeeper keeper = new org.eclipse.jetty.session.HouseKeeper();
        keeper.setIntervalSec(1);
        ids.setSessionHouseKeeper(keeper);
        server().addBean(ids, true);
        return this;
    }

    public JettyServer deploy(String contextPath, Path webappDir) {
        jetty.war(contextPath, webappDir);
        return this;
    }

    public JettyServer start() throws Exception {
        jetty.start();
        return this;
    }

    /** @return the server, to reach its contexts (stop and start one, as a redeployment does) */
    public org.eclipse.jetty.server.Server server() {
        return jetty.server();
    }

    public Http http(String contextPath) {
        return jetty.http(contextPath);
    }

    @Override
    public void close() throws Exception {
        jetty.close();
    }
}
