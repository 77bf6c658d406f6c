package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.testsupport.Http;

/**
 * The module in a real MicroProfile server's own tools: Payara Micro (launched by {@link PayaraMicroLauncher},
 * with the unchanged jakartaee-war example, which bundles neither Micrometer nor a health or metrics library) lists
 * the readiness check {@code chatsdk} at {@code /health/ready} with the same data as the JSON endpoint shows a caller
 * with an API key (a probe without one gets the status only), which the
 * JAX-RS resource serves there, leaves liveness alone, and exports the module's meters with exact counts on
 * {@code /metrics?scope=application} (MicroProfile Metrics). One server for all three: no test here issues tokens
 * but the metrics one, which counts from the readiness probe's single issue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ServerProcess server;
    private String root;

    @BeforeAll
    @Timeout(240)
    void start() throws Exception {
        int http = ServerProcess.freePort();
        server = new PayaraMicroLauncher().launch(http);
        root = "http://127.0.0.1:" + http;
        server.awaitReady(root + "/app/api/chat/token", KitTarget.USER, KitTarget.PASSWORD, Duration.ofSeconds(200));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static JsonNode chatsdkCheck(JsonNode health) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("chatsdk")) {
                return check;
            }
        }
        return null;
    }

    @Test
    void listsTheChatSdkReadinessCheckWithTheSameDataAsTheJsonEndpoint() throws Exception {
        HttpResponse<String> ready = get(root + "/health/ready");
        // the endpoint shows its details only to a caller with an API key; MicroProfile Health keeps them
        HttpResponse<String> own = Http.send(HttpRequest.newBuilder(URI.create(root + "/app/chatsdk/health"))
                .header("X-API-Key", KitTarget.API_KEY).GET());
        HttpResponse<String> probe = get(root + "/app/chatsdk/health");

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode check = chatsdkCheck(JSON.readTree(ready.body()));
        assertThat(check).as(ready.body()).isNotNull();
        assertThat(check.get("status").asText()).isEqualTo("UP");
        JsonNode data = check.get("data");
        assertThat(data.get("issuer").asText()).isEqualTo("local");
        assertThat(data.get("signingKey.loaded").asBoolean()).isTrue();
        assertThat(data.get("signingKey.algorithm").asText()).isEqualTo("HS256");
        assertThat(data.get("sessionStore").asText()).isEqualTo("memory");
        assertThat(data.get("sessionStore.reachable").asBoolean()).isTrue();
        assertThat(ready.body()).doesNotContain(KitTarget.SECRET, KitTarget.WS_SECRET, KitTarget.API_KEY);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.headers().firstValue("X-ChatSDK-Handler")).hasValue("jaxrs");
        JsonNode ownData = chatsdkCheck(JSON.readTree(own.body())).get("data");
        assertThat(ownData.fieldNames()).toIterable().containsExactlyElementsOf(() -> data.fieldNames());
        assertThat(own.body()).doesNotContain(KitTarget.SECRET, KitTarget.WS_SECRET, KitTarget.API_KEY);
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
        assertThat(probe.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"chatsdk\",\"status\":\"UP\"}]}");
    }

    @Test
    void leavesLivenessAlone() throws Exception {
        HttpResponse<String> live = get(root + "/health/live");

        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(chatsdkCheck(JSON.readTree(live.body()))).as(live.body()).isNull();
    }

    @Test
    void exportsTheMetersWithExactCountsThroughMicroProfileMetrics() throws Exception {
        MetricsScript.run(root + "/app", root + "/metrics?scope=application", "mp_scope=\"application\"");
    }
}
