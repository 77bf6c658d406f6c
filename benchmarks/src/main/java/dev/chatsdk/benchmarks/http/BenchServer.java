package dev.chatsdk.benchmarks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer;

/**
 * The application under load, set up as the quickstart is: embedded Jetty 12 (ee10) on loopback, HTTP
 * BASIC for alice (role {@code chat-user}) on {@code /api/*}, the module started by its own initializer
 * with a {@link ChatSdk} built in code, and {@code GET /api/hello}: the cheapest authenticated endpoint the
 * application could have, the baseline every ratio divides by.
 */
final class BenchServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "alice-bench-password";

    private final Server server = new Server();
    private final ServerConnector connector;

    BenchServer(ChatSdk sdk) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // Jetty caches each connection's Authorization header, and a value that does not fit flushes the whole cache
        // (jetty/jetty.project#15470): every refresh carries a new bearer token, so the flush came with every
        // refresh (a third of its CPU). Off, as docs/servers/jetty.md advises for any server the module runs on.
        http.setHeaderCacheSize(0);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(ChatSdk.ATTRIBUTE, sdk);
        context.addServletContainerInitializer(new ChatSdkInitializer());
        context.setSecurityHandler(security());
        context.addServlet(new ServletHolder(new Hello()), "/api/hello");
        server.setHandler(context);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    private static ConstraintSecurityHandler security() {
        UserStore users = new UserStore();
        users.addUser(USER, new Password(PASSWORD), new String[] {Fixtures.ROLE});
        HashLoginService login = new HashLoginService("chatsdk-bench");
        login.setUserStore(users);
        ConstraintMapping api = new ConstraintMapping();
        api.setPathSpec("/api/*");
        api.setConstraint(Constraint.ANY_USER);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setRealmName("chatsdk-bench");
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        security.addConstraintMapping(api);
        return security;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** {@code {"hello":"<user>"}} for the logged-in user. */
    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = ("{\"hello\":\"" + request.getUserPrincipal().getName() + "\"}").getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
