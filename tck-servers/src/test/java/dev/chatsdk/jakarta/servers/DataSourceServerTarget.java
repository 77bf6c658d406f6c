package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.field;
import static dev.chatsdk.testsupport.Http.post;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The kit against a full server distribution whose jdbc session store ({@code chatsdk.session.store=jdbc}) uses the
 * server's own DataSource ({@code chatsdk.session.jdbc.datasource}) on a database of this class's own: created
 * before the server starts, dropped after it stopped. Besides the kit, a login and a refresh are found in that
 * database's tables, which the module created there, and, after both, no secret of the module in the server's logs
 * and configuration files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DataSourceServerTarget {
    private ServerDatabase database;
    private DataSourceLauncher launcher;
    private ServerProcess server;
    private String baseUrl;
    private Duration ready;

    /** @return the launcher of a server whose DataSource points at {@code database} */
    abstract DataSourceLauncher launcher(ServerDatabase database);

    @BeforeAll
    @Timeout(300)
    void start() throws Exception {
        database = new ServerDatabase();
        launcher = launcher(database);
        int http = ServerProcess.freePort();
        long started = System.nanoTime();
        server = launcher.launch(http);
        baseUrl = "http://127.0.0.1:" + http + "/app";
        server.awaitReady(baseUrl + "/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(120));
        // from the unpacking on: these launchers configure and deploy before they return
        ready = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("%s: first token %d ms after the launch began%n", launcher.name(), ready.toMillis());
    }

    /** The server's own shutdown first, then whatever is left of the process tree, then the database. */
    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                launcher.stop();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (database != null) {
                    database.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void passesTheConformanceKit() throws Exception {
        long started = System.nanoTime();
        try {
            KitTarget.runKit(launcher.name(), baseUrl, ready);
        } finally {
            System.out.printf("%s: kit ran %d ms%n", launcher.name(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
    @Order(2)
    void keepsTheSessionAndItsSpentRefreshTokenInTheServersDatabase() throws Exception {
        HttpResponse<String> login = post(baseUrl + "/api/chat/token", basic(KitTarget.USER, KitTarget.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String sid = sid(field(login.body(), "accessToken"));

        HttpResponse<String> refresh = post(baseUrl + "/chatsdk/auth/refresh", "Bearer " + field(login.body(), "refreshToken"));

        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
        assertThat(sid(field(refresh.body(), "accessToken"))).isEqualTo(sid);
        assertThat(database.count("SELECT COUNT(*) FROM chatsdk_session WHERE sid = ? AND user_id = '" + KitTarget.USER + "' AND revoked_at IS NULL",
                sid))
                .as("the session's row in " + database.name()).isEqualTo(1);
        // schema version 2: a session's current and last spent refresh token are kept in its own row
        assertThat(database.count("SELECT COUNT(*) FROM chatsdk_session WHERE sid = ? AND current_hash IS NOT NULL "
                + "AND previous_hash IS NOT NULL AND previous_spent_at IS NOT NULL", sid))
                .as("the spent refresh token in the session's row in " + database.name()).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM chatsdk_refresh WHERE sid = ?", sid))
                .as("rows in chatsdk_refresh of a session that never retried, in " + database.name()).isZero();
    }

    @Test
    @Order(3)
    void writesNoSecretOfTheModuleIntoItsLogsOrConfiguration() throws IOException {
        List<String> holding = new ArrayList<>();
        for (Path root : launcher.logsAndConfiguration()) {
            try (var files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    if (text.contains(KitTarget.SECRET) || text.contains(KitTarget.WS_SECRET) || text.contains(KitTarget.API_KEY)) {
                        holding.add(file.toString());
                    }
                }
            }
        }
        // names the files only: the message must not repeat the secret
        assertThat(holding).as("files holding a secret, API key or signing key of the module").isEmpty();
    }

    /** @return the {@code sid} claim of a JWT (read, not verified: the test only needs to recognise it) */
    private static String sid(String jwt) {
        return field(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8), "sid");
    }
}
