package dev.chatsdk.quickstart;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionTrackingMode;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer;

/**
 * One running quickstart server: embedded Jetty 12 (ee10), one servlet context at {@code /} with
 *
 * <ul>
 *   <li>the demo users ({@link DemoUsers}) log in with the page's form (a session) or HTTP BASIC
 *       ({@link FormOrBasicAuthenticator}); a login is required on {@code /api/*}, except on the token endpoint,
 *       which the container leaves to the module: there a login is optional for the container, and the module
 *       itself answers 401 {@code UNAUTHENTICATED} as JSON when nobody is logged in (with BASIC's challenge, from
 *       {@code chatsdk.web.auth-challenge});</li>
 *   <li>the ChatSDK module, started by its own {@link ChatSdkInitializer} as any Servlet 6 container would,
 *       reading MicroProfile Config ({@link QuickstartConfig}) registered for the context's class loader;</li>
 *   <li>the page ({@link HomeServlet}) at {@code /}, and {@code POST /logout} ({@link LogoutServlet}).</li>
 * </ul>
 *
 * <p>Each instance has its own class loader and so its own configuration, which lets tests run several
 * side by side. {@link #close()} stops the server and releases the configuration.
 */
public final class Quickstart implements AutoCloseable {
    /** Listen address when {@code HOST} is not set: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Port when {@code PORT} is not set. */
    public static final int DEFAULT_PORT = 8080;
    /** The module's token endpoint when {@code chatsdk.web.token-path} is not set. */
    static final String DEFAULT_TOKEN_PATH = "/api/chat/token";

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** How long a form login lasts without a request. */
    private static final int SESSION_TIMEOUT_SECONDS = 30 * 60;

    private final Server server;
    /** Bytes per second below which Jetty aborts a request body. */
    static final long MIN_REQUEST_DATA_RATE = 1024;
    private final ServerConnector connector;
    private final URLClassLoader loader;
    private final Config config;
    private final String host;

    private Quickstart(Server server, ServerConnector connector, URLClassLoader loader, Config config, String host) {
        this.server = server;
        this.connector = connector;
        this.loader = loader;
        this.config = config;
        this.host = host;
    }

    /**
     * Starts a quickstart on {@link #DEFAULT_HOST}.
     *
     * @see #start(String, int, Map)
     */
    public static Quickstart start(int port, Map<String, String> overrides) throws Exception {
        return start(DEFAULT_HOST, port, overrides);
    }

    /**
     * Starts a quickstart and returns once it accepts requests.
     *
     * @param host      the address to listen on ({@code 127.0.0.1}, {@code 0.0.0.0}, a host name)
     * @param port      the port; 0 picks a free one (see {@link #port()})
     * @param overrides configuration keys that win over every other source, for this instance only
     * @return the running server
     * @throws ChatSdkConfigException when the ChatSDK configuration is wrong; its message lists every problem
     * @throws Exception              when the server cannot start otherwise (port taken, ...)
     */
    public static Quickstart start(String host, int port, Map<String, String> overrides) throws Exception {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(overrides, "overrides");
        // the web application's class loader: the context and its configuration are keyed by it
        URLClassLoader loader = new URLClassLoader("chatsdk-quickstart-" + INSTANCES.incrementAndGet(), new URL[0],
                Quickstart.class.getClassLoader());
        Config config = null;
        Server server = null;
        try {
            config = QuickstartConfig.build(loader, overrides);
            ConfigProviderResolver.instance().registerConfig(config, loader);

            server = new Server();
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            // what docs/operations.md, "Slow clients", asks of every container: a request body trickling slower than this
            // is aborted (408), so slow form logins cannot hold the pool's threads (the module's own endpoints
            // wait for no body on a thread anyway)
            http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
            // every refresh carries a new bearer token, which flushes Jetty's per-connection header cache
            // (docs/servers/jetty.md, "Pitfalls")
            http.setHeaderCacheSize(0);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);
            server.setHandler(context(loader, config.getOptionalValue(ChatSdkConfig.Keys.TOKEN_PATH, String.class)
                    .orElse(DEFAULT_TOKEN_PATH)));
            server.start();
            return new Quickstart(server, connector, loader, config, host);
        } catch (Throwable t) {
            stopQuietly(server, t);
            release(config, loader, t);
            ChatSdkConfigException configProblem = find(t, ChatSdkConfigException.class);
            if (configProblem != null) {
                throw configProblem;
            }
            throw t;
        }
    }

    private static ServletContextHandler context(ClassLoader loader, String tokenPath) {
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.setDisplayName("ChatSDK quickstart");
        context.setClassLoader(loader);
        // the form login's session: never readable by scripts, never sent with another site's requests
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        context.getSessionHandler().setMaxInactiveInterval(SESSION_TIMEOUT_SECONDS);
        context.getSessionHandler().setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
        context.setSecurityHandler(security(tokenPath));
        // exactly "": the context root itself (the page), and the page's script and style; every other
        // unknown path is a plain 404
        ServletHolder home = new ServletHolder(new HomeServlet());
        context.addServlet(home, "");
        context.addServlet(home, HomeServlet.ASSETS + "/*");
        context.addServlet(new LogoutServlet(), "/logout");
        // the application's own "load the logged-in user" step; the module reads the attribute it sets
        context.addFilter(new FilterHolder(new CurrentUserFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        // what a container does for META-INF/services/jakarta.servlet.ServletContainerInitializer
        // (embedded Jetty scans for it only with jetty-ee10-annotations); the initializer reads
        // MicroProfile Config for the context's class loader and registers the token filter
        context.addServletContainerInitializer(new ChatSdkInitializer());
        return context;
    }

    private static ConstraintSecurityHandler security(String tokenPath) {
        ConstraintMapping api = new ConstraintMapping();
        api.setPathSpec("/api/*");
        // any authenticated user: bob must log in, and the ChatSDK module itself refuses him for his roles
        api.setConstraint(Constraint.ANY_USER);
        // the token endpoint (an exact path, which wins over /api/*): the container authenticates the form
        // login's session or a BASIC header when there is one but refuses nobody, so an anonymous caller reaches
        // the module and gets its JSON 401 UNAUTHENTICATED, not the container's HTML page or a redirect
        ConstraintMapping token = new ConstraintMapping();
        token.setPathSpec(tokenPath);
        token.setConstraint(Constraint.ALLOWED);

        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setRealmName(DemoUsers.REALM);
        security.setLoginService(DemoUsers.loginService());
        security.setAuthenticator(new FormOrBasicAuthenticator());
        security.addConstraintMapping(api);
        if (exactPath(tokenPath)) {
            security.addConstraintMapping(token);
        }
        return security;
    }

    /** Any other token path stops the start with the module's own CHATSDK-032, which names the key. */
    private static boolean exactPath(String path) {
        return path.startsWith("/") && !path.contains("*");
    }

    /** @return the port the server listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the base URL of the application, such as {@code http://127.0.0.1:8080/} */
    public URI uri() {
        String h = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? DEFAULT_HOST : host;
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops the server and releases its configuration; calling it again does nothing.
     *
     * @throws IllegalStateException if Jetty fails to stop (the configuration is released anyway)
     */
    @Override
    public void close() {
        IllegalStateException failure = null;
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = new IllegalStateException("the quickstart server did not stop cleanly", e);
        }
        release(config, loader, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static void stopQuietly(Server server, Throwable cause) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static void release(Config config, URLClassLoader loader, Throwable cause) {
        try {
            if (config != null) {
                ConfigProviderResolver.instance().releaseConfig(config);
            }
            loader.close();
        } catch (Exception | LinkageError e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Finds an exception of the given type among the causes and suppressed exceptions of {@code t}. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(t);
        while (!todo.isEmpty()) {
            Throwable next = todo.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (type.isInstance(next)) {
                return type.cast(next);
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            Collections.addAll(todo, next.getSuppressed());
        }
        return null;
    }

    @Override
    public String toString() {
        return "Quickstart[" + uri() + "]";
    }
}
