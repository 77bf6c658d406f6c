package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** A full server run as a child process: started once, polled until ready, given the kit, always stopped. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FullServerTarget {
    private ServerProcess server;
    private String baseUrl;
    private Duration ready;

    /** @return the server's name and version, for the report */
    abstract String name();

    /** Starts the server with the example deployed; returns the process. {@code http} is a free port. */
    abstract ServerProcess launch(int http) throws Exception;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = launch(http);
        baseUrl = "http://127.0.0.1:" + http + "/app";
        ready = server.awaitReady(baseUrl + "/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void passesTheConformanceKit() throws IOException {
        KitTarget.runKit(name(), baseUrl, ready);
    }
}
