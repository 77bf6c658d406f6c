package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.field;
import static dev.chatsdk.testsupport.Http.post;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The kit against a full server distribution whose jdbc session store ({@code chatsdk.session.store=jdbc}) uses the
 * server's own DataSource ({@code chatsdk.session.jdbc.datasource}) on a database of this class's own: created
 * before the server starts, dropped after it stopped. Besides the kit, a login and a refresh are found in that
 * database's tables, which the module created there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
        server.awaitReady(baseUrl + "/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
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
    void passesTheConformanceKit() throws Exception {
        long started = System.nanoTime();
        try {
            KitTarget.runKit(launcher.name(), baseUrl, ready);
        } finally {
            System.out.printf("%s: kit ran %d ms%n", launcher.name(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
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
        assertThat(database.count("SELECT COUNT(*) FROM chatsdk_refresh WHERE sid = ? AND spent_at IS NOT NULL", sid))
                .as("the spent refresh token's row in " + database.name()).isEqualTo(1);
    }

    /** @return the {@code sid} claim of a JWT (read, not verified: the test only needs to recognise it) */
    private static String sid(String jwt) {
        return field(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8), "sid");
    }
}
