package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The module's meters in WildFly's micrometer subsystem: WildFly (launched as {@link WildFlyIT} launches it, with the
 * unchanged jakartaee-war example, which bundles no Micrometer) with the subsystem added and its Prometheus registry
 * (community stability) on the management interface; the subsystem gives the deployment Micrometer and a CDI
 * {@code MeterRegistry}, which the module prefers to Micrometer's global registry. Exact counts of a scripted sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyMetricsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;
    private String root;
    private String prometheus;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = new WildFlyIT() {
            @Override
            List<String> configure(Path home) throws IOException {
                Path config = home.resolve("standalone/configuration/standalone.xml");
                String xml = Files.readString(config);
                xml = xml.replaceFirst("<extensions>", "<extensions>\n        <extension module=\"org.wildfly.extension.micrometer\"/>")
                        .replaceFirst("<profile>", "<profile>\n        <subsystem xmlns=\"urn:wildfly:micrometer:community:2.0\">"
                                + "<prometheus-registry context=\"/prometheus\" security-enabled=\"false\"/></subsystem>");
                Files.writeString(config, xml);
                return List.of("--stability=community");
            }
        }.launch(http);
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

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(root + "/app" + path)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(prometheus)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String refreshToken(String json) {
        Matcher m = Pattern.compile("\"refreshToken\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("refreshToken in the answer").isTrue();
        return m.group(1);
    }

    /**
     * @param labels {@code name="value"} pairs the sample must carry, besides any others
     * @return the value of the one sample of {@code name} with those labels, or 0 if there is none
     */
    private static double sample(String text, String name, String... labels) {
        return PayaraMetricsIT.sample(text, name, labels);
    }

    @Test
    void exportsExactCountsOfAScriptedSequence() throws Exception {
        String before = metrics();
        // the readiness probe's one successful POST issued a session
        assertThat(sample(before, "chatsdk_tokens_issued_total")).as(before).isEqualTo(1);

        HttpResponse<String> login = post("/api/chat/token", basic(KitTarget.USER, KitTarget.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> refreshed = post("/chatsdk/auth/refresh", "Bearer " + refreshToken(login.body()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(post("/api/chat/token", basic(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = post("/chatsdk/auth/refresh", "Bearer not-a-refresh-token");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("\"INVALID_REFRESH_TOKEN\"");
        HttpResponse<String> logout = post("/chatsdk/auth/logout", "Bearer " + refreshToken(refreshed.body()));
        assertThat(logout.body()).contains("\"revoked\":true");

        String after = metrics();
        assertThat(sample(after, "chatsdk_tokens_issued_total")).as(after).isEqualTo(2);
        assertThat(sample(after, "chatsdk_tokens_refreshed_total")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_tokens_refresh_retried_total")).isZero();
        assertThat(sample(after, "chatsdk_tokens_reuse_detected_total")).isZero();
        assertThat(sample(after, "chatsdk_requests_rejected_total", "code=\"NO_CHAT_ACCESS\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_rejected_total", "code=\"INVALID_REFRESH_TOKEN\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_sessions_revoked_total", "cause=\"logout\"")).isEqualTo(1);
        assertThat(after).contains("WF_DEPLOYMENT=\"app.war\"");
        // every answered request is timed, by endpoint and status: the probe's and the login's issues, the 403
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"token\"", "status=\"200\""))
                .isEqualTo(2);
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"token\"", "status=\"403\""))
                .isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"refresh\"", "status=\"401\""))
                .isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_seconds_sum", "endpoint=\"refresh\"", "status=\"200\""))
                .isPositive();
        assertThat(after).doesNotContain(KitTarget.SECRET, KitTarget.WS_SECRET, KitTarget.API_KEY, "eyJ");
    }
}
