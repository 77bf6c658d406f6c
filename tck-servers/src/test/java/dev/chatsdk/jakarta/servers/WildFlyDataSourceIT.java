package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The jdbc session store on a container DataSource with JTA: one WildFly (started by {@link WildFlyLauncher}) with the
 * PostgreSQL driver installed as a module and a datasource added by {@code jboss-cli} in offline mode (JTA on), on a
 * database created for this class ({@link TxProbeScript}). The jakartaee-war example runs with
 * {@code chatsdk.session.store=jdbc} and the datasource's JNDI name, and passes the kit (its refresh, grace and reuse
 * tests run against the database); {@code txprobe.war} calls the module inside {@code UserTransaction}s that roll back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyDataSourceIT {
    private static final String JNDI = "java:jboss/datasources/ChatDS";

    private final WildFlyLauncher launcher = new WildFlyLauncher(this::configure);
    private TxProbeScript script;
    private ServerProcess server;
    private String root;
    private Duration ready;

    @BeforeAll
    @Timeout(300)
    void start() throws Exception {
        script = TxProbeScript.createDatabase("chatsdk_wf_");
        int port = ServerProcess.freePort();
        long started = System.nanoTime();
        server = launcher.launch(port);
        root = "http://127.0.0.1:" + port;
        ready = server.awaitReady(root + "/app/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
        System.out.printf("WildFlyDataSourceIT: configured and started in %d ms (ready %d ms after launch)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), ready.toMillis());
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

    /** The driver as a module, the datasource by jboss-cli (offline), the probe WAR; the module's store settings. */
    private List<String> configure(Path home) throws IOException {
        Path module = home.resolve("modules/org/postgresql/main");
        Files.createDirectories(module);
        Files.copy(TxProbeScript.driverJar(), module.resolve("postgresql.jar"));
        Files.writeString(module.resolve("module.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<module xmlns=\"urn:jboss:module:1.9\" name=\"org.postgresql\">\n"
                + "  <resources><resource-root path=\"postgresql.jar\"/></resources>\n"
                + "  <dependencies>" + List.of("java.sql", "java.logging", "java.naming", "java.xml", "java.management",
                        "java.security.jgss", "jakarta.transaction.api").stream()
                        .map(m -> "<module name=\"" + m + "\"/>").collect(Collectors.joining())
                + "</dependencies>\n</module>\n");
        Path cli = Path.of("target", "wildfly-datasource.cli").toAbsolutePath();
        Files.writeString(cli, String.join("\n",
                "embed-server --std-out=discard --server-config=standalone.xml",
                "/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,driver-module-name=org.postgresql,"
                        + "driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)",
                "data-source add --name=ChatDS --jndi-name=" + JNDI + " --driver-name=postgresql --connection-url="
                        + TxProbeScript.POSTGRES + script.database() + " --user-name=postgres --jta=true"
                        + " --min-pool-size=0 --max-pool-size=5",
                "stop-embedded-server", ""));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + cli)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "wildfly-cli.log").toFile()).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("jboss-cli.sh failed; see target/wildfly-cli.log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        System.out.printf("WildFlyDataSourceIT: jboss-cli added the datasource in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        TxProbeScript.writeWar(KitTarget.serversDir().resolve("app.war"), home.resolve("standalone/deployments/txprobe.war"));
        return List.of("-Dchatsdk.session.store=jdbc", "-Dchatsdk.session.jdbc.datasource=" + JNDI);
    }

    @Test
    @Order(1)
    void passesTheConformanceKitWithTheSessionsInPostgres() throws IOException, SQLException {
        KitTarget.runKit(launcher.name() + " + PostgreSQL JTA DataSource", root + "/app", ready);

        try (Connection c = script.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(revoked_at) FROM chatsdk_session")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the kit's sessions are in the datasource's database").isPositive();
            assertThat(rs.getInt(2)).as("its logouts and reuses revoked some").isPositive();
        }
        String log = Files.readString(Path.of("target", "wildfly.log"));
        assertThat(log).contains("CHATSDK-120: the session store's DataSource " + JNDI + " may take part in the "
                + "container's JTA transactions");
        assertThat(log).doesNotContain("CHATSDK-300");
    }

    @Test
    @Order(2)
    void aSessionIssuedInARolledBackTransactionStaysAndRotates() throws Exception {
        script.issueInARolledBackTransaction(root);
    }

    @Test
    @Order(3)
    void aRotationInARolledBackTransactionStaysAndReuseIsStillDetected() throws Exception {
        script.rotateInARolledBackTransaction(root);
    }
}
