package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.quickstart.QuickstartHttp.JSON;
import static dev.chatsdk.quickstart.QuickstartHttp.TOKEN_PATH;
import static dev.chatsdk.quickstart.QuickstartHttp.payload;
import static dev.chatsdk.quickstart.QuickstartHttp.post;
import static dev.chatsdk.quickstart.QuickstartHttp.request;
import static dev.chatsdk.quickstart.QuickstartHttp.signedWith;
import static dev.chatsdk.quickstart.QuickstartHttp.token;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.send;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * The quickstart started with settings of its own: the token API, the JDBC store, configured secrets, configuration
 * problems, the conformance kit (in this JVM and as the runnable jar) and remote mode against another quickstart.
 * Some tests also ask the quickstart with the defaults ({@link RunningQuickstart}) whether it was left alone.
 */
@ExtendWith(RunningQuickstart.class)
class QuickstartConfigurationIT {
    /** API keys the token API accepts are at least 32 characters. */
    private static final String TEST_API_KEY = "test-api-key-1-0123456789abcdef0123456789";
    private static final String KIT_API_KEY = "kit-key-1-0123456789abcdef0123456789";
    private static final String JAR_API_KEY = "jar-key-1-0123456789abcdef0123456789";
    private static final String CHAIN_API_KEY = "k-chain-1-0123456789abcdef0123456789";

    @Test
    void tokenApiIsOffWithoutAnApiKey(Quickstart quickstart) throws Exception {
        HttpResponse<String> response = send(issueRequest(quickstart, "anything"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("TOKEN_API_DISABLED");
    }

    @Test
    void switchesToTheJdbcStoreByConfigurationAlone() throws Exception {
        String url = "jdbc:h2:mem:quickstart-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Quickstart jdbc = Quickstart.start(0, Map.of("chatsdk.session.store", "jdbc",
                "chatsdk.session.jdbc.url", url))) {
            HttpResponse<String> login = send(post(jdbc, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String refreshToken = JSON.readTree(login.body()).path("refreshToken").asText();

            HttpResponse<String> refreshed = send(post(jdbc, "/chatsdk/auth/refresh")
                    .header("Authorization", "Bearer " + refreshToken));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertThat(JSON.readTree(refreshed.body()).path("user").path("name").asText()).isEqualTo("Alice Example");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                java.sql.ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM chatsdk_session")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void tokenApiIssuesWithTheConfiguredApiKey(Quickstart quickstart) throws Exception {
        try (Quickstart withKey = Quickstart.start(0, Map.of("chatsdk.web.api-keys", TEST_API_KEY))) {
            HttpResponse<String> response = send(issueRequest(withKey, TEST_API_KEY));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("accessToken").asText()).isNotEmpty();
            assertThat(body.path("user").path("id").asText()).isEqualTo("u-1");
            assertThat(body.path("user").path("name").asText()).isEqualTo("U");

            HttpResponse<String> wrongKey = send(issueRequest(withKey, "another-key"));
            assertThat(wrongKey.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(wrongKey.body()).path("error").path("code").asText()).isEqualTo("INVALID_API_KEY");

            assertThat(send(request(withKey, "/").GET()).body()).contains("It is <strong>on</strong>");
        }
        // the override belonged to that instance only
        assertThat(System.getProperty("chatsdk.web.api-keys")).isNull();
        assertThat(send(issueRequest(quickstart, TEST_API_KEY)).statusCode()).isEqualTo(404);
    }

    @Test
    void configuredSecretsSignTheTokensInsteadOfGeneratedOnes(Quickstart quickstart) throws Exception {
        String secret = "access-secret-for-the-quickstart-test-0123456789";
        String wsSecret = "realtime-secret-for-the-quickstart-test-9876543210";
        try (Quickstart configured = Quickstart.start(0,
                Map.of("chatsdk.local.secret", secret, "chatsdk.local.ws-secret", wsSecret))) {
            HttpResponse<String> response = send(post(configured, TOKEN_PATH)
                    .header("Authorization", basic("alice", "alice-password")));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());

            assertThat(signedWith(body.path("accessToken").asText(), secret)).isTrue();
            assertThat(signedWith(body.path("refreshToken").asText(), secret)).isTrue();
            assertThat(signedWith(body.path("wsToken").asText(), wsSecret)).isTrue();
            assertThat(signedWith(body.path("wsToken").asText(), secret)).isFalse();
        }
        // the instance running on generated secrets does not share them
        assertThat(signedWith(token(quickstart), secret)).isFalse();
    }

    @Test
    void aConfigurationProblemStopsTheStartWithTheModulesMessage() {
        assertThatThrownBy(() -> Quickstart.start(0, Map.of("chatsdk.local.secret", "too-short")))
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("CHATSDK-013")
                .hasMessageContaining("chatsdk.local.secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("too-short"));
    }

    @Test
    void aConfigurationProblemLeavesNothingRunning(Quickstart quickstart) throws Exception {
        assertThatThrownBy(() -> Quickstart.start(0, Map.of("chatsdk.app-id", "")))
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("chatsdk.app-id");
        // and the running instance is unaffected
        assertThat(send(post(quickstart, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void passesTheConformanceKit() throws Exception {
        String secret = "kit-secret-0123456789abcdef0123456789abcdef";
        String wsSecret = "kit-ws-secret-0123456789abcdef0123456789ab";
        try (Quickstart kitTarget = Quickstart.start(0, kitDeployment(KIT_API_KEY, secret, wsSecret))) {
            Map<String, String> kit = new java.util.LinkedHashMap<>(kitProperties(KIT_API_KEY, secret, wsSecret));
            kit.put("chatsdk.tck.base-url", "http://127.0.0.1:" + kitTarget.port());
            dev.chatsdk.jakarta.tck.TckRunner.Result result = dev.chatsdk.jakarta.tck.TckRunner.run(kit,
                    java.util.List.of());

            System.out.println("QuickstartConfigurationIT (servlet-filter)" + System.lineSeparator() + result);
            assertThat(result.failed).as(result.toString()).isZero();
            assertThat(result.skippedTests).as(result.toString()).containsExactlyInAnyOrderElementsOf(KIT_SKIPS);
        }
    }

    /** The runnable kit, as a customer runs it: {@code java -jar chatsdk-tck.jar} in its own JVM. */
    @Test
    void passesTheRunnableKitJar() throws Exception {
        java.nio.file.Path jar = java.nio.file.Path.of("..", "..", "chatsdk-jakarta-tck", "target", "chatsdk-tck.jar");
        assertThat(jar).as("the reactor builds the kit's jar before the quickstart").exists();
        String secret = "jar-secret-0123456789abcdef0123456789abcdef";
        String wsSecret = "jar-ws-secret-0123456789abcdef0123456789ab";
        try (Quickstart target = Quickstart.start(0, kitDeployment(JAR_API_KEY, secret, wsSecret))) {
            java.nio.file.Path javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java");
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin.toString(),
                    "-Dchatsdk.tck.base-url=http://127.0.0.1:" + target.port()));
            kitProperties(JAR_API_KEY, secret, wsSecret).forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(java.util.List.of("-jar", jar.toString()));
            Process kit = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);

            assertThat(kit.waitFor()).as(output).isZero();
            assertThat(output).containsPattern("\\d+ passed, 0 failed, " + KIT_SKIPS.size() + " skipped");
        }
    }

    /**
     * The kit tests this deployment cannot run: the JWKS of an RS256/ES256 key pair (it signs HS256), and the
     * app-logout group, which needs a page that starts an HTTP session for the kit's BASIC login (the quickstart's BASIC
     * logins are stateless; its sessions are the form login's, whose logout {@code LogoutServlet} ends).
     */
    private static final java.util.List<String> KIT_SKIPS = java.util.List.of(
            "JwksTck.verifiesTheTargetsTokensWithThePublishedKey", "JwksTck.publishesNoPrivateKeyMaterial",
            "AppLogoutTck.theApplicationsLogoutEndsTheChatSessionsOfThatLoginOnly",
            "AppLogoutTck.issuesTokensOnTheFirstCallAfterTheHttpSessionStarted");

    /**
     * The quickstart set up so that every capability test of the kit runs, as the servers of tck-servers are: a grace
     * short enough to wait past, the per-address limit on with the loopback proxy trusted (the kit spends a bucket of
     * its own through X-Forwarded-For), the other limits off (the kit logs in more often than their defaults allow).
     */
    private static Map<String, String> kitDeployment(String apiKey, String secret, String wsSecret) {
        return Map.of("chatsdk.web.api-keys", apiKey, "chatsdk.local.secret", secret, "chatsdk.local.ws-secret", wsSecret,
                "chatsdk.session.rotation-grace", "2s", "chatsdk.rate-limit.ip", "1000/1h",
                "chatsdk.rate-limit.user", "off", "chatsdk.rate-limit.api-key", "off",
                "chatsdk.rate-limit.failed-api-key", "1000/1h", "chatsdk.web.trusted-proxies", "127.0.0.1");
    }

    /** What the kit is told about {@link #kitDeployment}, all but the base URL. */
    private static Map<String, String> kitProperties(String apiKey, String secret, String wsSecret) {
        Map<String, String> kit = new java.util.LinkedHashMap<>();
        kit.put("chatsdk.tck.user", "alice");
        kit.put("chatsdk.tck.password", "alice-password");
        kit.put("chatsdk.tck.denied-user", "bob");
        kit.put("chatsdk.tck.denied-password", "bob-password");
        kit.put("chatsdk.tck.api-key", apiKey);
        kit.put("chatsdk.tck.secret", secret);
        kit.put("chatsdk.tck.ws-secret", wsSecret);
        kit.put("chatsdk.tck.algorithm", "HS256");
        kit.put("chatsdk.tck.rotation-grace", "2s");
        kit.put("chatsdk.tck.rate-limit-ip", "1000/1h");
        kit.put("chatsdk.tck.trusted-proxy", "true");
        kit.put("chatsdk.tck.failed-api-key", "1000/1h");
        kit.put("chatsdk.tck.basic-challenge", "true");
        return kit;
    }

    @Test
    void pointsAtAnotherQuickstartByConfigurationAlone() throws Exception {
        String secret = "upstream-secret-" + "0123456789abcdef0123456789";
        Quickstart api = Quickstart.start(0, Map.of("chatsdk.web.api-keys", CHAIN_API_KEY, "chatsdk.local.secret", secret,
                "chatsdk.local.ws-secret", "upstream-ws-secret-0123456789abcdef0123"));
        try (Quickstart app = Quickstart.start(0, Map.of("chatsdk.issuer", "remote",
                "chatsdk.api-url", "http://127.0.0.1:" + api.port() + "/chatsdk", "chatsdk.remote.api-key", CHAIN_API_KEY,
                "chatsdk.remote.request-timeout", "1s", "chatsdk.remote.connect-timeout", "500ms"))) {
            String accessToken = token(app);
            assertThat(signedWith(accessToken, secret)).isTrue();
            assertThat(payload(accessToken).path("custom").path("role").asText()).isEqualTo("admin");

            api.close();
            long started = System.nanoTime();
            HttpResponse<String> down = send(post(app, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(down.body()).path("error").path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.body()).doesNotContain(CHAIN_API_KEY);
            // the configured bounds (two request timeouts of 1 s at most), with room for a loaded machine: the
            // defaults' bound is 10 s
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            api.close();
        }
    }

    private static HttpRequest.Builder issueRequest(Quickstart target, String apiKey) {
        return request(target, "/chatsdk/auth/tokens")
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-1\",\"name\":\"U\"}"));
    }
}
