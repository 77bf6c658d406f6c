package dev.chatsdk.jakarta.servers;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * WildFly with the jakartaee-war example, started by {@link WildFlyLauncher}: its CDI observer ({@code ChatAudit})
 * receives the module's audit events, fired through the BeanManager, for requests the JAX-RS resource answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyEventsIT {
    private ServerProcess server;
    private String baseUrl;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = new WildFlyLauncher().launch(http);
        baseUrl = "http://127.0.0.1:" + http + "/app";
        server.awaitReady(baseUrl + "/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theExamplesCdiObserverSeesEachStepWithTheClientAddress() throws Exception {
        AuditScript.run(baseUrl);
    }
}
