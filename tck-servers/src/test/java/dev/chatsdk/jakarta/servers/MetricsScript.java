package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.field;
import static dev.chatsdk.testsupport.Http.post;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.chatsdk.testsupport.Http;

/**
 * Drives a deployed jakartaee-war through issue, refresh, a 403 by role, a bad refresh and a logout, and checks the
 * exact counts the server's metrics endpoint (Prometheus text) shows for the module's meters before and after.
 */
final class MetricsScript {
    private MetricsScript() {
    }

    /**
     * @param appUrl     the application's base URL, such as {@code http://127.0.0.1:8123/app}
     * @param metricsUrl the server's metrics endpoint in the Prometheus text format
     * @param label      a label the server puts on the application's samples, such as {@code mp_scope="application"}
     */
    static void run(String appUrl, String metricsUrl, String label) throws IOException, InterruptedException {
        String before = metrics(metricsUrl);
        // the readiness probe's one successful POST issued a session
        assertThat(sample(before, "chatsdk_tokens_issued_total")).as(before).isEqualTo(1);

        HttpResponse<String> login = post(appUrl + "/api/chat/token", basic(KitTarget.USER, KitTarget.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> refreshed = post(appUrl + "/chatsdk/auth/refresh", "Bearer " + field(login.body(), "refreshToken"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(post(appUrl + "/api/chat/token", basic(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = post(appUrl + "/chatsdk/auth/refresh", "Bearer not-a-refresh-token");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("\"INVALID_REFRESH_TOKEN\"");
        HttpResponse<String> logout = post(appUrl + "/chatsdk/auth/logout", "Bearer " + field(refreshed.body(), "refreshToken"));
        assertThat(logout.body()).contains("\"revoked\":true");

        String after = metrics(metricsUrl);
        assertThat(sample(after, "chatsdk_tokens_issued_total")).as(after).isEqualTo(2);
        assertThat(sample(after, "chatsdk_tokens_refreshed_total")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_tokens_refresh_retried_total")).isZero();
        assertThat(sample(after, "chatsdk_tokens_reuse_detected_total")).isZero();
        assertThat(sample(after, "chatsdk_requests_rejected_total", "code=\"NO_CHAT_ACCESS\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_rejected_total", "code=\"INVALID_REFRESH_TOKEN\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_sessions_revoked_total", "cause=\"logout\"")).isEqualTo(1);
        assertThat(after).contains(label);
        // every answered request is timed, by endpoint and status: the probe's and the login's issues, the 403
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"token\"", "status=\"200\"")).isEqualTo(2);
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"token\"", "status=\"403\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_seconds_count", "endpoint=\"refresh\"", "status=\"401\"")).isEqualTo(1);
        assertThat(sample(after, "chatsdk_requests_seconds_sum", "endpoint=\"refresh\"", "status=\"200\"")).isPositive();
        assertThat(after).doesNotContain(KitTarget.SECRET, KitTarget.WS_SECRET, KitTarget.API_KEY, "eyJ");
    }

    private static String metrics(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/plain").GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * @param labels {@code name="value"} pairs the sample must carry, besides any others
     * @return the value of the one sample of {@code name} with those labels; there must be exactly one (a meter the
     *         server does not export never reads as 0)
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
        assertThat(matches).as(name + " " + List.of(labels) + " in\n" + text).isEqualTo(1);
        return found;
    }
}
