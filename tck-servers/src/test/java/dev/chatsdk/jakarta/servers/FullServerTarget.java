package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The kit against a full server run as a child process: started once by the subclass's {@link ServerLauncher},
 * polled until ready, given the kit, always stopped. The subclasses only name their launcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FullServerTarget {
    private final ServerLauncher launcher;
    private ServerProcess server;
    private String baseUrl;
    private Duration ready;

    FullServerTarget(ServerLauncher launcher) {
        this.launcher = launcher;
    }

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = launcher.launch(http);
        baseUrl = "http://127.0.0.1:" + http + "/app";
        ready = server.awaitReady(baseUrl + "/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void passesTheConformanceKit() throws IOException {
        KitTarget.runKit(launcher.name(), baseUrl, ready);
    }
}
