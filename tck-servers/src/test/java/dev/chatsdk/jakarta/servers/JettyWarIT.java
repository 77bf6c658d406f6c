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
     * RS256, and one kit test Jetty fails: a token request that is the first authenticated call of a new HTTP session
     * (the session page created it after its BASIC login) on the token endpoint, which web.xml leaves without a
     * constraint, so Jetty authenticates the BASIC header only when the module asks for the principal. Jetty's
     * deferred authentication then renews the session id (sessionRenewedOnAuthentication, its default) against a
     * placeholder response whose {@code isCommitted()} is always true, and {@code ManagedSession.renewId} throws
     * {@code IllegalStateException("Response committed …")} out of {@code getUserPrincipal()}: the module's 500. A
     * second page of the login (a constrained path, authenticated with the real response) renews and marks the session
     * first; the app-logout test does that and passes.
     */
    private static KitTarget.Deployment deployment() {
        KitTarget.Deployment deployment = KitTarget.Deployment.rs256();
        deployment.expectedFailures.put("AppLogoutTck.issuesTokensOnTheFirstCallAfterTheHttpSessionStarted",
                "(cookies [JSESSIONID]): 500 {\"error\":{\"code\":\"INTERNAL_ERROR\"");
        return deployment;
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
