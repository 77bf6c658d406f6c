package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * Starts the quickstart in this JVM on a free loopback port and talks HTTP/1.1 to it, as the curl commands on
 * its home page do.
 */
class QuickstartIT {
    /** API keys the token API accepts are at least 32 characters. */
    private static final String TEST_API_KEY = "test-api-key-1-0123456789abcdef0123456789";
    private static final String KIT_API_KEY = "kit-key-1-0123456789abcdef0123456789";
    private static final String JAR_API_KEY = "jar-key-1-0123456789abcdef0123456789";
    private static final String CHAIN_API_KEY = "k-chain-1-0123456789abcdef0123456789";

    private static final String TOKEN_PATH = "/api/chat/token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Quickstart quickstart;

    @BeforeAll
    static void start() throws Exception {
        quickstart = Quickstart.start(0, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    void aliceGetsTokensWithHerProfile() throws Exception {
        HttpResponse<String> response = send(post(quickstart, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accessToken").asText()).isNotEmpty().isEqualTo(body.path("token").asText());
        assertThat(body.path("refreshToken").asText()).isNotEmpty().isNotEqualTo(body.path("accessToken").asText());
        assertThat(body.path("wsToken").asText()).isNotEmpty().isEqualTo(body.path("_internal").path("wsToken").asText());
        assertThat(body.path("expiresIn").asLong()).isEqualTo(3600);

        JsonNode user = body.path("user");
        assertThat(user.path("id").asText()).isEqualTo("alice");
        assertThat(user.path("name").asText()).isEqualTo("Alice Example");
        assertThat(user.path("avatar").asText()).isEqualTo("https://example.com/avatars/alice.png");
        assertThat(user.path("custom").path("role").asText()).isEqualTo("admin");
        assertThat(user.path("custom").path("department").asText()).isEqualTo("engineering");

        JsonNode claims = payload(body.path("accessToken").asText());
        // contract §2: expiresAt = (iat + expiresIn) x 1000, from the same clock reading as serverTime
        long iat = claims.path("iat").asLong();
        assertThat(body.path("expiresAt").asLong()).isEqualTo((iat + 3600) * 1000);
        assertThat(body.path("serverTime").asLong()).isBetween(iat * 1000, iat * 1000 + 999);
        assertThat(claims.path("exp").asLong()).isEqualTo(iat + 3600);
        assertThat(claims.path("sub").asText()).isEqualTo("3f9c1a52-7d4e-4b8a-9c61-2e5f0d7b8a13:alice");
        assertThat(claims.path("type").asText()).isEqualTo("access");
        assertThat(claims.path("name").asText()).isEqualTo("Alice Example");
    }

    @Test
    void aliceMayAlsoUseGet() throws Exception {
        HttpResponse<String> response = send(request(quickstart, TOKEN_PATH).GET()
                .header("Authorization", basic("alice", "alice-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("user").path("name").asText()).isEqualTo("Alice Example");
    }

    @Test
    void bobIsAuthenticatedButHasNoChatRole() throws Exception {
        HttpResponse<String> response = send(post(quickstart, TOKEN_PATH).header("Authorization", basic("bob", "bob-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("NO_CHAT_ACCESS");
    }

    @Test
    void anAnonymousCallerGetsTheModulesJsonErrorWithBasicsChallenge() throws Exception {
        // what a browser's token provider sends without a login (issue 15 item 11: it got the container's HTML page)
        for (String method : new String[] {"POST", "GET"}) {
            HttpResponse<String> response = send(request(quickstart, TOKEN_PATH)
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html,*/*"));

            assertUnauthenticated(method, response);
        }
        // a session cookie the server does not know is nobody too
        assertUnauthenticated("unknown session", send(post(quickstart, TOKEN_PATH).header("Cookie", "JSESSIONID=node0nosuch")));
    }

    @Test
    void aMovedTokenEndpointIsLeftToTheModuleAtItsNewPath() throws Exception {
        try (Quickstart moved = Quickstart.start(0, Map.of("chatsdk.web.token-path", "/api/v2/chat-token"))) {
            assertUnauthenticated("moved", send(post(moved, "/api/v2/chat-token")));
            assertThat(send(post(moved, "/api/v2/chat-token").header("Authorization", basic("alice", "alice-password")))
                    .statusCode()).isEqualTo(200);
            // the default path is now just another page under the guarded /api/*
            HttpResponse<String> old = send(post(moved, TOKEN_PATH));
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).doesNotContain("UNAUTHENTICATED");
        }
    }

    @Test
    void otherMethodsOnTheTokenEndpointGetTheModulesJsonErrorToo() throws Exception {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(request(quickstart, TOKEN_PATH)
                    .method(method, HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).as(method).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, POST");
            assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(method).isEmpty();
        }
    }

    @Test
    void theRestOfApiStillNeedsTheContainersLogin() throws Exception {
        // the token endpoint's exemption is its exact path only: /api/* stays guarded by the container
        for (String path : new String[] {"/api/other", "/api/chat/token/x", "/api/chat/tokens", "/api/"}) {
            HttpResponse<String> anonymous = send(post(quickstart, path));

            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic").contains("ChatSDK quickstart"));
            assertThat(anonymous.body()).as(path).doesNotContain("UNAUTHENTICATED");
            // logged in, the container lets alice through to a plain 404
            assertThat(send(request(quickstart, path).GET().header("Authorization", basic("alice", "alice-password")))
                    .statusCode()).as(path).isEqualTo(404);
        }
    }

    private static void assertUnauthenticated(String what, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Location")).as(what).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic").contains("realm=\"ChatSDK quickstart\""));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).as(what).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asText()).as(what).isNotBlank();
        assertThat(error.path("suggestion").asText()).as(what).isNotBlank();
    }

    @Test
    void homePageExplainsTheCurlCommandsForTheActualPort() throws Exception {
        HttpResponse<String> response = send(request(quickstart, "/").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("curl -s -u alice:alice-password -X POST http://127.0.0.1:" + quickstart.port() + TOKEN_PATH)
                .contains("bob:bob-password")
                .contains("/chatsdk/auth/tokens")
                .contains("X-API-Key")
                .doesNotContain("{{", "http://fonts", "https://cdn", "src=\"http", "href=\"http");
    }

    @Test
    void homePageTellsItsScriptWhoIsLoggedInAndTheModulesSettings() throws Exception {
        HttpResponse<String> anonymous = send(request(quickstart, "/").GET());
        HttpResponse<String> alice = send(request(quickstart, "/").GET().header("Authorization", basic("alice", "alice-password")));

        assertThat(anonymous.body()).contains("data-user=\"\"", "<form method=\"post\" action=\"j_security_check\">",
                "<script type=\"module\" src=\"page/app.js\"></script>", "data-token-path=\"/api/chat/token\"",
                "data-api-base=\"/chatsdk\"", "data-rotation-grace-ms=\"30000\"");
        assertThat(alice.body()).contains("data-user=\"alice\"");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "form-action 'self'"));
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void servesThePagesScriptAndStyleFromTheJar() throws Exception {
        for (String asset : new String[] {"app.js", "token-manager.js"}) {
            HttpResponse<String> response = send(request(quickstart, "/page/" + asset).GET());
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(send(request(quickstart, "/page/token-manager.js").GET()).body()).contains("export class TokenManager");
        assertThat(send(request(quickstart, "/page/style.css").GET()).headers().firstValue("Content-Type"))
                .hasValue("text/css;charset=utf-8");
        for (String missing : new String[] {"/page/", "/page/index.html", "/page/app.js.bak", "/page/x/app.js"}) {
            assertThat(send(request(quickstart, missing).GET()).statusCode()).as(missing).isEqualTo(404);
        }
    }

    @Test
    void formLoginKeepsAliceInASessionUntilSheLogsOut() throws Exception {
        HttpResponse<String> login = send(request(quickstart, "/j_security_check")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=alice-password")));

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> tokens = send(post(quickstart, TOKEN_PATH).header("Cookie", cookie));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(JSON.readTree(tokens.body()).path("user").path("id").asText()).isEqualTo("alice");
        assertThat(send(request(quickstart, "/").GET().header("Cookie", cookie)).body()).contains("data-user=\"alice\"");
        // an Authorization header wins over the session, and leaves it alone (no renewal: it was a 500)
        HttpResponse<String> bob = send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)
                .header("Authorization", basic("bob", "bob-password")));
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(403);
        assertThat(bob.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = send(post(quickstart, "/logout").header("Cookie", cookie));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertUnauthenticated("after logout", send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)));
    }

    @Test
    void aBasicHeaderThatIsNotBase64CountsAsNoCredentials() throws Exception {
        HttpResponse<String> api = send(post(quickstart, TOKEN_PATH).header("Authorization", "Basic !!!"));
        HttpResponse<String> page = send(request(quickstart, "/").GET().header("Authorization", "Basic !!!"));

        assertUnauthenticated("Basic !!!", api);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-user=\"\"");
    }

    @Test
    void aWrongFormPasswordReturnsToThePageWithoutALogin() throws Exception {
        HttpResponse<String> login = send(request(quickstart, "/j_security_check")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=wrong")));

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/?login=failed");
        assertThat(send(request(quickstart, "/?login=failed").GET()).body()).contains("data-user=\"\"");
    }

    @Test
    void onlyTheContextRootIsTheHomePage() throws Exception {
        assertThat(send(request(quickstart, "/no-such-page").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void tokenApiIsOffWithoutAnApiKey() throws Exception {
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
    void tokenApiIssuesWithTheConfiguredApiKey() throws Exception {
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
    void configuredSecretsSignTheTokensInsteadOfGeneratedOnes() throws Exception {
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
    void aConfigurationProblemLeavesNothingRunning() throws Exception {
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

            System.out.println("QuickstartIT (servlet-filter)" + System.lineSeparator() + result);
            assertThat(result.failed).as(result.toString()).isZero();
            assertThat(result.skippedTests).as(result.toString()).containsExactlyInAnyOrderElementsOf(HS256_SKIPS);
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
            assertThat(output).containsPattern("\\d+ passed, 0 failed, " + HS256_SKIPS.size() + " skipped");
        }
    }

    /** The kit tests an HS256 deployment cannot run: they need the JWKS of an RS256/ES256 key pair. */
    private static final java.util.List<String> HS256_SKIPS = java.util.List.of(
            "JwksTck.verifiesTheTargetsTokensWithThePublishedKey", "JwksTck.publishesNoPrivateKeyMaterial");

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

    private static String token(Quickstart target) throws IOException, InterruptedException {
        HttpResponse<String> response = send(post(target, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asText();
    }

    private static HttpRequest.Builder issueRequest(Quickstart target, String apiKey) {
        return request(target, "/chatsdk/auth/tokens")
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-1\",\"name\":\"U\"}"));
    }

    private static HttpRequest.Builder post(Quickstart target, String path) {
        return request(target, path).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder request(Quickstart target, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    /** @return whether an HS256 JWT's signature was made with {@code secret} (its UTF-8 bytes, as the contract says) */
    private static boolean signedWith(String jwt, String secret) throws Exception {
        int dot = jwt.lastIndexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }

    private static JsonNode payload(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
