package dev.chatsdk.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one embedded Jetty 12 (ee10) launcher of the tests: a connector on a free loopback port, and what the tests
 * vary as options: a bounded thread pool, a login realm, WARs or exploded webapps, and handlers built in code.
 *
 * <pre>{@code
 * EmbeddedJetty jetty = EmbeddedJetty.onLoopback()
 *         .realm(EmbeddedJetty.realm("chat", Map.of("alice", new String[] {"pw", "chat-user"})))
 *         .war("/app", war).start();
 * }</pre>
 */
public final class EmbeddedJetty implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final List<ContextHandler> handlers = new ArrayList<>();

    private EmbeddedJetty(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
    }

    /** @return a server with Jetty's default thread pool, not started */
    public static EmbeddedJetty onLoopback() {
        Server server = new Server();
        return new EmbeddedJetty(server, new ServerConnector(server));
    }

    /** @return a server with at most {@code maxThreads} threads (one acceptor, one selector among them), not started */
    public static EmbeddedJetty onLoopback(int maxThreads) {
        Server server = new Server(new QueuedThreadPool(maxThreads, 4));
        return new EmbeddedJetty(server, new ServerConnector(server, 1, 1));
    }

    /** Adds a login realm as a server bean: every webapp of the server that declares the realm's name finds it. */
    public EmbeddedJetty realm(HashLoginService realm) {
        server.addBean(realm);
        return this;
    }

    /**
     * @param name  the realm name the webapps declare
     * @param users each user's password and roles: {@code name -> [password, role...]}
     * @return Jetty's realm of those users
     */
    public static HashLoginService realm(String name, Map<String, String[]> users) {
        UserStore store = new UserStore();
        users.forEach((user, passwordAndRoles) -> store.addUser(user, Credential.getCredential(passwordAndRoles[0]),
                Arrays.copyOfRange(passwordAndRoles, 1, passwordAndRoles.length)));
        HashLoginService login = new HashLoginService(name);
        login.setUserStore(store);
        return login;
    }

    /** Deploys a WAR file or an exploded webapp directory at a context path; startup failures fail the start. */
    public EmbeddedJetty war(String contextPath, Path war) {
        return war(contextPath, war, null);
    }

    /** As {@link #war(String, Path)}, unpacking into {@code tempDirectory} when not null. */
    public EmbeddedJetty war(String contextPath, Path war, Path tempDirectory) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(war.toString());
        if (tempDirectory != null) {
            webapp.setTempDirectory(tempDirectory.toFile());
        }
        webapp.setThrowUnavailableOnStartupException(true);
        return handler(webapp);
    }

    /** Adds a handler built in code, such as a {@code ServletContextHandler}. */
    public EmbeddedJetty handler(ContextHandler handler) {
        handlers.add(handler);
        return this;
    }

    /** Starts the server with its handlers (one handler as it is; several in a collection). */
    public EmbeddedJetty start() throws Exception {
        server.setHandler(handlers.size() == 1 ? handlers.get(0)
                : new ContextHandlerCollection(handlers.toArray(new ContextHandler[0])));
        server.start();
        return this;
    }

    public Server server() {
        return server;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:<port><contextPath>} */
    public String url(String contextPath) {
        return "http://127.0.0.1:" + port() + contextPath;
    }

    public Http http(String contextPath) {
        return new Http(url(contextPath));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
