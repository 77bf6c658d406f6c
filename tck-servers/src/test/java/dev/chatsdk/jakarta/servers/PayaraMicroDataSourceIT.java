package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The jdbc store inside container transactions on Payara Micro (Temurin 25, as {@link PayaraMicroLauncher}): the
 * PostgreSQL driver added with {@code --addlibs}, a JDBC pool and resource {@code jdbc/chat} created by post-boot
 * asadmin commands (transactional, the default), the jakartaee-war example and {@code txprobe.war} on it
 * ({@link TxProbeScript}). The kit runs on WildFly ({@link WildFlyDataSourceIT}); here only what differs between the
 * servers' transaction managers: issues and rotations inside rolled-back {@code UserTransaction}s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraMicroDataSourceIT {
    private TxProbeScript script;
    private ServerProcess server;
    private String root;

    @BeforeAll
    @Timeout(300)
    void start() throws Exception {
        script = TxProbeScript.createDatabase("chatsdk_pm_");
        Path work = Files.createDirectories(Path.of("target", "payara-ds").toAbsolutePath());
        Path probe = work.resolve("txprobe.war");
        TxProbeScript.writeWar(KitTarget.serversDir().resolve("app.war"), probe);
        Path postBoot = work.resolve("post-boot.asadmin");
        // trust authentication, yet the pool wants a password property to ping (RAR8054 without one)
        Files.writeString(postBoot, "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                + " --restype javax.sql.DataSource --property user=postgres:password=unused:serverName=127.0.0.1:"
                + "portNumber=5432:databaseName=" + script.database() + " chatPool\n"
                + "create-jdbc-resource --connectionpoolid chatPool jdbc/chat\n");

        int port = ServerProcess.freePort();
        String java = Path.of(System.getProperty("payara.java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-Dchatsdk.session.store=jdbc", "-Dchatsdk.session.jdbc.datasource=jdbc/chat"));
        command.addAll(KitTarget.systemProperties());
        command.addAll(List.of("-jar", KitTarget.serversDir().resolve("payara-micro.jar").toAbsolutePath().toString(),
                "--addlibs", TxProbeScript.driverJar().toString(),
                "--deploy", KitTarget.serversDir().resolve("app.war").toAbsolutePath().toString(),
                "--deploy", probe.toString(), "--port", String.valueOf(port), "--nocluster", "--disablephonehome",
                "--unpackdir", work.resolve("runtime").toString(), "--postbootcommandfile", postBoot.toString()));
        server = ServerProcess.start("Payara Micro", command, Map.of(), Path.of("target", "payara-ds.log"));
        root = "http://127.0.0.1:" + port;
        // the probe answers 200 once both deployments are up (it ignores the credentials)
        Duration ready = server.awaitReady(root + "/txprobe/tx/issue?user=readiness", KitTarget.USER, KitTarget.PASSWORD,
                Duration.ofSeconds(200));
        System.out.printf("PayaraMicroDataSourceIT: ready %d ms after launch%n", ready.toMillis());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (script != null) {
            script.close();
        }
    }

    @Test
    void aSessionIssuedInARolledBackTransactionStaysAndRotates() throws Exception {
        script.issueInARolledBackTransaction(root);
        assertThat(Files.readString(Path.of("target", "payara-ds.log")))
                .contains("CHATSDK-120: the session store's DataSource jdbc/chat may take part")
                .doesNotContain("CHATSDK-300");
    }

    @Test
    void aRotationInARolledBackTransactionStaysAndReuseIsStillDetected() throws Exception {
        script.rotateInARolledBackTransaction(root);
    }
}
