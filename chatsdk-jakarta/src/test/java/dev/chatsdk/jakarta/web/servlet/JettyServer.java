package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/** Embedded Jetty 12 (ee10) on a free loopback port, deploying exploded {@link TestWebapp}s. */
public final class JettyServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    public JettyServer() {
        this(new Server());
    }

    /** A server with at most {@code maxThreads} threads (one acceptor, one selector among them). */
    public JettyServer(int maxThreads) {
        this(new Server(new QueuedThreadPool(maxThreads, 4)), 1, 1);
    }

    private JettyServer(Server server) {
        this.server = server;
        this.connector = new ServerConnector(server);
        init();
    }

    private JettyServer(Server server, int acceptors, int selectors) {
        this.server = server;
        this.connector = new ServerConnector(server, acceptors, selectors);
        init();
    }

    private void init() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(loginService());
        server.setHandler(contexts);
    }

    /** @return Jetty's realm for the test users: alice with the chat role, bob without */
    static HashLoginService loginService() {
        UserStore users = new UserStore();
        users.addUser(TestUsers.ALICE, Credential.getCredential(TestUsers.ALICE_PASSWORD),
                new String[] {TestUsers.CHAT_ROLE});
        users.addUser(TestUsers.BOB, Credential.getCredential(TestUsers.BOB_PASSWORD), new String[0]);
        HashLoginService login = new HashLoginService(TestWebapp.REALM);
        login.setUserStore(users);
        return login;
    }

    public JettyServer deploy(String contextPath, Path webappDir) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(webappDir.toString());
        webapp.setThrowUnavailableOnStartupException(true);
        contexts.addHandler(webapp);
        return this;
    }

    public JettyServer start() throws Exception {
        server.start();
        return this;
    }

    public Http http(String contextPath) {
        return new Http("http://127.0.0.1:" + connector.getLocalPort() + contextPath);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
