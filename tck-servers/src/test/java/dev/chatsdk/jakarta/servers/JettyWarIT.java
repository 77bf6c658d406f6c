package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.EmbeddedJetty;
import dev.chatsdk.testsupport.ServerVersions;

/**
 * Embedded Jetty 12 (ee10, with annotations for initializers) deploying the real servlet-war example, signing RS256 with a
 * key pair generated for the run: the one server of the matrix where the kit checks the JWKS.
 */
class JettyWarIT {
    private static EmbeddedJetty server;
    private static Duration ready;
    private static final KitTarget.Deployment DEPLOYMENT = deployment();

    /**
     * RS256. The app-logout group's second test is the request Jetty used to fail: the first authenticated call of a
     * new HTTP session on the unconstrained token endpoint, where Jetty's deferred BASIC login renews the session id
     * against a placeholder response that says it is committed; the module renews it on the real response instead
     * ({@code DeferredLogins}), so it passes.
     */
    private static KitTarget.Deployment deployment() {
        return KitTarget.Deployment.rs256();
    }

    @BeforeAll
    static void start() throws Exception {
        KitTarget.setSystemProperties(DEPLOYMENT);
        server = EmbeddedJetty.onLoopback()
                .realm(EmbeddedJetty.realm("chat", Map.of(
                        KitTarget.USER, new String[] {KitTarget.PASSWORD, "chat-user"},
                        KitTarget.DENIED_USER, new String[] {KitTarget.DENIED_PASSWORD, "staff"})))
                .war("/app", KitTarget.serversDir().resolve("servlet.war").toAbsolutePath(),
                        Files.createDirectories(Path.of("target", "jetty-tmp")));
        long started = System.nanoTime();
        server.start();
        ready = Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        KitTarget.clearSystemProperties(DEPLOYMENT);
    }

    @Test
    void passesTheConformanceKit() throws IOException {
        KitTarget.runKit("Jetty " + ServerVersions.jetty() + " ee10 (embedded)", server.url("/app"), ready, DEPLOYMENT);
    }
}
