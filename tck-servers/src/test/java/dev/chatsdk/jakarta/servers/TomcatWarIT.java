package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.ServerVersions;

/**
 * Embedded Tomcat 11 deploying the real servlet-war example (its SmallRye Config, its web.xml security): it passes
 * the conformance kit, and the example's {@code ChatEventListener}, registered with ServiceLoader in the WAR, sees
 * the audit events of real requests (the module has no CDI and no Micrometer there).
 */
class TomcatWarIT {
    private static Tomcat tomcat;
    private static Duration ready;
    private static final KitTarget.Deployment DEPLOYMENT = KitTarget.Deployment.hs256();

    @BeforeAll
    static void start() throws Exception {
        KitTarget.setSystemProperties(DEPLOYMENT);
        Path base = Files.createDirectories(Path.of("target", "tomcat", "webapps")).getParent();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser(KitTarget.USER, KitTarget.PASSWORD);
        tomcat.addRole(KitTarget.USER, "chat-user");
        tomcat.addUser(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD);
        tomcat.addRole(KitTarget.DENIED_USER, "staff");
        tomcat.addWebapp("/app", KitTarget.serversDir().resolve("servlet.war").toAbsolutePath().toString());
        long started = System.nanoTime();
        tomcat.start();
        ready = Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        KitTarget.clearSystemProperties(DEPLOYMENT);
    }

    @Test
    void passesTheConformanceKit() throws IOException {
        KitTarget.runKit("Tomcat " + ServerVersions.tomcat() + " (embedded)", "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app",
                ready, DEPLOYMENT);
    }

    @Test
    void theExamplesListenerSeesEachStepWithTheClientAddress() throws Exception {
        AuditScript.run("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app");
    }
}
