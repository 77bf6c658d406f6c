package dev.chatsdk.jakarta.servers;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedded Tomcat 11 with the servlet-war example: its {@code ChatEventListener}, registered with ServiceLoader in
 * the WAR, sees the audit events of real requests (the module has no CDI and no Micrometer there).
 */
class TomcatEventsIT {
    private static Tomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        KitTarget.setSystemProperties();
        Path base = Files.createDirectories(Path.of("target", "tomcat-events", "webapps")).getParent();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser(KitTarget.USER, KitTarget.PASSWORD);
        tomcat.addRole(KitTarget.USER, "chat-user");
        tomcat.addUser(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD);
        tomcat.addRole(KitTarget.DENIED_USER, "staff");
        tomcat.addWebapp("/app", KitTarget.serversDir().resolve("servlet.war").toAbsolutePath().toString());
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        KitTarget.clearSystemProperties();
    }

    @Test
    void theExamplesListenerSeesEachStepWithTheClientAddress() throws Exception {
        AuditScript.run("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app");
    }
}
