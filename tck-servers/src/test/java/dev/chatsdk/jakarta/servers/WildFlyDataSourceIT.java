package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.servers.probe.TxProbeServlet;

/**
 * The jdbc session store on a container DataSource with JTA: one WildFly (started by {@link WildFlyLauncher}) with the
 * PostgreSQL driver installed as a module and a datasource added by {@code jboss-cli} in offline mode (JTA on, the
 * default), on a database created for this class on the local PostgreSQL and dropped after it. The jakartaee-war
 * example runs with {@code chatsdk.session.store=jdbc} and the datasource's JNDI name, and passes the kit (its
 * refresh, grace and reuse tests run against the database). A second deployment, {@code txprobe.war} (the example's
 * libraries and {@link TxProbeServlet}), calls the module's API inside a {@code UserTransaction} that it rolls back:
 * the sessions and rotations it made must stay, and reuse detection must still see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyDataSourceIT {
    private static final String JNDI = "java:jboss/datasources/ChatDS";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int NO_TRANSACTION = 6;
    private static final int ACTIVE = 0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String database = "chatsdk_wf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final WildFlyLauncher launcher = new WildFlyLauncher(this::configure);
    private ServerProcess server;
    private String root;
    private Duration ready;

    @BeforeAll
    @Timeout(300)
    void start() throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE chatsdk_probe (marker VARCHAR(36) PRIMARY KEY)");
        }
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
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES + database, "postgres", "");
    }

    /** The driver as a module, the datasource by jboss-cli (offline), the probe WAR; the module's store settings. */
    private List<String> configure(Path home) throws IOException {
        Path module = home.resolve("modules/org/postgresql/main");
        Files.createDirectories(module);
        try {
            Files.copy(Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    module.resolve("postgresql.jar"));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Files.writeString(module.resolve("module.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<module xmlns=\"urn:jboss:module:1.9\" name=\"org.postgresql\">\n"
                + "  <resources><resource-root path=\"postgresql.jar\"/></resources>\n"
                + "  <dependencies>" + List.of("java.sql", "java.logging", "java.naming", "java.xml", "java.management",
                        "java.security.jgss", "jakarta.transaction.api").stream()
                        .map(m -> "<module name=\"" + m + "\"/>").collect(java.util.stream.Collectors.joining())
                + "</dependencies>\n</module>\n");
        Path script = Path.of("target", "wildfly-datasource.cli").toAbsolutePath();
        Files.writeString(script, String.join("\n",
                "embed-server --std-out=discard --server-config=standalone.xml",
                "/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,driver-module-name=org.postgresql,"
                        + "driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)",
                "data-source add --name=ChatDS --jndi-name=" + JNDI + " --driver-name=postgresql --connection-url="
                        + POSTGRES + database + " --user-name=postgres --jta=true --min-pool-size=0 --max-pool-size=5",
                "stop-embedded-server", ""));
        long started = System.nanoTime();
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "wildfly-cli.log").toFile()).start();
        try {
            if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                cli.destroyForcibly();
                throw new IOException("jboss-cli.sh failed; see target/wildfly-cli.log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        System.out.printf("WildFlyDataSourceIT: jboss-cli added the datasource in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        probeWar(KitTarget.serversDir().resolve("app.war"), home.resolve("standalone/deployments/txprobe.war"));
        return List.of("-Dchatsdk.session.store=jdbc", "-Dchatsdk.session.jdbc.datasource=" + JNDI);
    }

    /** The example's libraries and configuration, and the probe servlet: nothing else. */
    private static void probeWar(Path example, Path war) throws IOException {
        String servlet = TxProbeServlet.class.getName().replace('.', '/') + ".class";
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(example));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory() && (e.getName().startsWith("WEB-INF/lib/")
                        || e.getName().equals("WEB-INF/classes/META-INF/microprofile-config.properties"))) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry("WEB-INF/classes/" + servlet));
            try (InputStream bytes = TxProbeServlet.class.getClassLoader().getResourceAsStream(servlet)) {
                bytes.transferTo(out);
            }
            out.closeEntry();
        }
    }

    @Test
    @Order(1)
    void passesTheConformanceKitWithTheSessionsInPostgres() throws Exception {
        KitTarget.runKit(launcher.name() + " + PostgreSQL JTA DataSource", root + "/app", ready);

        try (Connection c = connect(); Statement s = c.createStatement();
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
        JsonNode issued = probe("/issue?user=tx-alice", "");
        assertRolledBack(issued);

        JsonNode refreshed = refresh(issued.get("refreshToken").asText());
        assertThat(refreshed.path("user").path("name").asText()).isEqualTo("In A Transaction");
    }

    @Test
    @Order(3)
    void aRotationInARolledBackTransactionStaysAndReuseIsStillDetected() throws Exception {
        JsonNode issued = probe("/issue?user=tx-bob", "");
        String first = issued.get("refreshToken").asText();
        String second = refresh(first).get("refreshToken").asText();

        JsonNode rotated = probe("/refresh", second);
        assertRolledBack(rotated);
        String third = rotated.get("refreshToken").asText();
        String fourth = refresh(third).get("refreshToken").asText();

        // past the grace (2 s), the token the rolled-back transaction spent is reuse, which revokes the session
        Thread.sleep(Duration.parse("PT" + KitTarget.DEPLOYMENT.get("chatsdk.session.rotation-grace")).toMillis() + 1000);
        HttpResponse<String> reused = post(root + "/app/chatsdk/auth/refresh", second);
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains("REFRESH_TOKEN_REUSED");
        HttpResponse<String> revoked = post(root + "/app/chatsdk/auth/refresh", fourth);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("SESSION_REVOKED");

        JsonNode reusedInside = probe("/refresh", fourth);
        assertThat(reusedInside.get("error").asText()).as("a refresh inside a transaction sees the revocation")
                .isEqualTo("SESSION_REVOKED");
        assertThat(reusedInside.get("statusAfter").asInt()).isEqualTo(NO_TRANSACTION);
    }

    /** The probe's transaction was real (its marker row, written in it, is gone) and the module failed nothing in it. */
    private void assertRolledBack(JsonNode answer) throws SQLException {
        assertThat(answer.get("error").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.get("statusDuring").asInt()).as("the module ran inside an active transaction").isEqualTo(ACTIVE);
        assertThat(answer.get("statusAfter").asInt()).isEqualTo(NO_TRANSACTION);
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM chatsdk_probe WHERE marker = ?")) {
            s.setString(1, answer.get("marker").asText());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the transaction's own write was rolled back").isZero();
            }
        }
    }

    private JsonNode probe(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + "/txprobe/tx" + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode refresh(String refreshToken) throws Exception {
        HttpResponse<String> response = post(root + "/app/chatsdk/auth/refresh", refreshToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The module's endpoints take the refresh token as a Bearer, without a body. */
    private HttpResponse<String> post(String url, String refreshToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + refreshToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
