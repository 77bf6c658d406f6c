package dev.chatsdk.jakarta.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The module's meters in WildFly's micrometer subsystem: WildFly (launched by {@link WildFlyLauncher}, with the
 * unchanged jakartaee-war example, which bundles no Micrometer) with the subsystem added and its Prometheus registry
 * (community stability) on the management interface; the subsystem gives the deployment Micrometer and a CDI
 * {@code MeterRegistry}, which the module prefers to Micrometer's global registry. Exact counts of a scripted sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyMetricsIT {
    private ServerProcess server;
    private String root;
    private String prometheus;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = new WildFlyLauncher(home -> {
            Path config = home.resolve("standalone/configuration/standalone.xml");
            String xml = Files.readString(config);
            xml = xml.replaceFirst("<extensions>", "<extensions>\n        <extension module=\"org.wildfly.extension.micrometer\"/>")
                    .replaceFirst("<profile>", "<profile>\n        <subsystem xmlns=\"urn:wildfly:micrometer:community:2.0\">"
                            + "<prometheus-registry context=\"/prometheus\" security-enabled=\"false\"/></subsystem>");
            Files.writeString(config, xml);
            return List.of("--stability=community");
        }).launch(http);
        root = "http://127.0.0.1:" + http;
        prometheus = "http://127.0.0.1:" + (http - 8080 + 9990) + "/prometheus";
        server.awaitReady(root + "/app/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exportsExactCountsOfAScriptedSequence() throws Exception {
        MetricsScript.run(root + "/app", prometheus, "WF_DEPLOYMENT=\"app.war\"");
    }
}
