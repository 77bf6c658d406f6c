package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The module's meters in a real server's MicroProfile Metrics: Payara Micro (launched as {@link PayaraMicroIT}
 * launches it, with the unchanged jakartaee-war example, which bundles no Micrometer) exports them on
 * {@code /metrics?scope=application} in the Prometheus text format, with the exact counts of a scripted sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraMetricsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;
    private String root;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = new PayaraMicroIT().launch(http);
        root = "http://127.0.0.1:" + http;
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(root + "/metrics?scope=application"))
                .header("Accept", "text/plain").GET());
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
    static double sample(String text, String name, String... labels) {
        double found = 0;
        int matches = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            if (List.of(labels).stream().allMatch(series::contains)) {
                found = Double.parseDouble(line.substring(end + 1));
                matches++;
            }
        }
        assertThat(matches).as(name + " " + List.of(labels) + " in\n" + text).isLessThanOrEqualTo(1);
        return found;
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
        assertThat(after).contains("mp_scope=\"application\"");
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
