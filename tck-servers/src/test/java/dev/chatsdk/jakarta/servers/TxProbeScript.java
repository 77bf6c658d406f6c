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
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.servers.probe.TxProbeServlet;

/**
 * The jdbc store inside container transactions, for any server: a database of its own on the local PostgreSQL
 * (dropped by {@link #close}), the test deployment {@code txprobe.war} (the jakartaee-war example's libraries and
 * configuration, and {@link TxProbeServlet}), and the checks over HTTP: sessions issued and rotated inside
 * {@code UserTransaction}s that roll back stay, and reuse detection still sees the rotations. The server runs the
 * example at {@code /app} and the probe at {@code /txprobe}, both on the database's container DataSource.
 */
final class TxProbeScript implements AutoCloseable {
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int NO_TRANSACTION = 6;
    private static final int ACTIVE = 0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String database;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TxProbeScript(String database) {
        this.database = database;
    }

    /** Creates the database, with the table the probe's own transactional write goes to. */
    static TxProbeScript createDatabase(String prefix) throws SQLException {
        TxProbeScript script = new TxProbeScript(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + script.database);
        }
        try (Connection c = script.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE chatsdk_probe (marker VARCHAR(36) PRIMARY KEY)");
        }
        return script;
    }

    String database() {
        return database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES + database, "postgres", "");
    }

    /** @return the PostgreSQL driver's jar, for the server */
    static Path driverJar() throws IOException {
        try {
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Writes {@code txprobe.war}: the example's libraries and configuration, and the probe servlet; nothing else. */
    static void writeWar(Path example, Path war) throws IOException {
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

    /** A session issued in a rolled-back transaction stays: its refresh token rotates, with the profile given. */
    void issueInARolledBackTransaction(String root) throws Exception {
        JsonNode issued = probe(root, "/issue?user=tx-alice", "");
        assertRolledBack(issued);

        JsonNode refreshed = refresh(root, issued.get("refreshToken").asText());
        assertThat(refreshed.path("user").path("name").asText()).isEqualTo("In A Transaction");
    }

    /**
     * A rotation in a rolled-back transaction stays: the token it minted refreshes, and the token it spent is reuse
     * after the grace, which revokes the session (seen inside a transaction too).
     */
    void rotateInARolledBackTransaction(String root) throws Exception {
        JsonNode issued = probe(root, "/issue?user=tx-bob", "");
        String second = refresh(root, issued.get("refreshToken").asText()).get("refreshToken").asText();

        JsonNode rotated = probe(root, "/refresh", second);
        assertRolledBack(rotated);
        String fourth = refresh(root, rotated.get("refreshToken").asText()).get("refreshToken").asText();

        Thread.sleep(Duration.parse("PT" + KitTarget.DEPLOYMENT.get("chatsdk.session.rotation-grace")).toMillis() + 1000);
        HttpResponse<String> reused = post(root + "/app/chatsdk/auth/refresh", second);
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains("REFRESH_TOKEN_REUSED");
        HttpResponse<String> revoked = post(root + "/app/chatsdk/auth/refresh", fourth);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("SESSION_REVOKED");

        JsonNode revokedInside = probe(root, "/refresh", fourth);
        assertThat(revokedInside.get("error").asText()).as("a refresh inside a transaction sees the revocation")
                .isEqualTo("SESSION_REVOKED");
        assertThat(revokedInside.get("statusAfter").asInt()).isEqualTo(NO_TRANSACTION);
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

    private JsonNode probe(String root, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + "/txprobe/tx" + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode refresh(String root, String refreshToken) throws Exception {
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

    /** Drops the database, its sessions with it. */
    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
