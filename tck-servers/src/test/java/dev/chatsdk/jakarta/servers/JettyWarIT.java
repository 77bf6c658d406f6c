package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedded Jetty 12 (ee10, with annotations for initializers) deploying the real servlet-war example, signing RS256 with a
 * key pair generated for the run: the one server of the matrix where the kit checks the JWKS.
 */
class JettyWarIT {
    private static Server server;
    private static ServerConnector connector;
    private static Duration ready;
    private static final KitTarget.Deployment DEPLOYMENT = KitTarget.Deployment.rs256();

    @BeforeAll
    static void start() throws Exception {
        KitTarget.setSystemProperties(DEPLOYMENT);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        UserStore users = new UserStore();
        users.addUser(KitTarget.USER, Credential.getCredential(KitTarget.PASSWORD), new String[] {"chat-user"});
        users.addUser(KitTarget.DENIED_USER, Credential.getCredential(KitTarget.DENIED_PASSWORD), new String[] {"staff"});
        HashLoginService login = new HashLoginService("chat");
        login.setUserStore(users);
        server.addBean(login);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/app");
        webapp.setWar(KitTarget.serversDir().resolve("servlet.war").toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(Path.of("target", "jetty-tmp")).toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        long started = System.nanoTime();
        server.start();
        ready = Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        KitTarget.clearSystemProperties(DEPLOYMENT);
    }

    @Test
    void passesTheConformanceKit() throws IOException {
        KitTarget.runKit("Jetty 12.1.14 ee10 (embedded)", "http://127.0.0.1:" + connector.getLocalPort() + "/app", ready,
                DEPLOYMENT);
    }
}
