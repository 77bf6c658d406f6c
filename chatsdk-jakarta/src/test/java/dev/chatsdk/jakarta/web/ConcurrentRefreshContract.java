package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * 200 concurrent refreshes of one token over real HTTP: with grace 0 exactly one succeeds; with the
 * default grace all succeed, in one session. A subclass chooses the store.
 */
abstract class ConcurrentRefreshContract {
    static final int CONCURRENCY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    protected final TestConfig test = new TestConfig();

    /** @return the configuration with the store under test */
    protected abstract ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config);

    private List<HttpResponse<String>> refreshAtOnce(ChatNode node, String refreshToken) {
        return refreshAtOnce(node, refreshToken, CONCURRENCY);
    }

    private List<HttpResponse<String>> refreshAtOnce(ChatNode node, String refreshToken, int concurrency) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(16)).connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl(node) + "/chatsdk/auth/refresh"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + refreshToken)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    private static String baseUrl(ChatNode node) {
        return node.http().baseUrl();
    }

    private static Map<String, Long> tally(List<HttpResponse<String>> replies) {
        Map<String, Long> counts = new TreeMap<>();
        for (HttpResponse<String> r : replies) {
            String key = r.statusCode() == 200 ? "200" : r.statusCode() + " " + code(r);
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    private static String code(HttpResponse<String> reply) {
        try {
            return JSON.readTree(reply.body()).get("error").get("code").asText();
        } catch (Exception e) {
            return "unreadable";
        }
    }

    @Test
    void letsExactlyOneOfManyConcurrentRefreshesSucceedWithoutGrace() throws Exception {
        try (ChatNode node = ChatNode.start(ChatSdk.create(withStore(test.builder()
                .set(SessionConfig.ROTATION_GRACE, Duration.ZERO)).build()))) {
            String token = node.loginAlice().get("refreshToken").asText();

            Map<String, Long> outcomes = tally(refreshAtOnce(node, token));

            System.out.println(getClass().getSimpleName() + " grace 0, " + CONCURRENCY + " concurrent: " + outcomes);
            assertThat(outcomes.get("200")).isEqualTo(1L);
            assertThat(outcomes.keySet()).allMatch(k -> k.equals("200") || k.equals("401 REFRESH_TOKEN_REUSED")
                    || k.equals("401 SESSION_REVOKED"));
        }
    }

    @Test
    void letsEveryConcurrentRefreshSucceedInOneSessionWithinTheGrace() throws Exception {
        try (ChatNode node = ChatNode.start(ChatSdk.create(withStore(test.builder()).build()))) {
            JsonNode login = node.loginAlice();
            String sid = JWT.decode(login.get("accessToken").asText()).getClaim("sid").asString();

            List<HttpResponse<String>> replies = refreshAtOnce(node, login.get("refreshToken").asText());

            System.out.println(getClass().getSimpleName() + " grace 30s, " + CONCURRENCY + " concurrent: " + tally(replies));
            assertThat(tally(replies)).containsExactly(Map.entry("200", (long) CONCURRENCY));
            for (HttpResponse<String> reply : replies) {
                String access = JSON.readTree(reply.body()).get("accessToken").asText();
                assertThat(JWT.decode(access).getClaim("sid").asString()).isEqualTo(sid);
            }
        }
    }

    @Test
    void endsFiftyConcurrentRefreshesWithOneLiveChainOnceOneRotatesAndTheGracePasses() throws Exception {
        TestClock clock = new TestClock();
        try (ChatNode node = ChatNode.start(ChatSdk.builder().config(withStore(test.builder()).build()).clock(clock)
                .build())) {
            String first = node.loginAlice().get("refreshToken").asText();
            clock.advance(Duration.ofMinutes(1));
            List<String> branches = new ArrayList<>();
            for (HttpResponse<String> reply : refreshAtOnce(node, first, 50)) {
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                branches.add(JSON.readTree(reply.body()).get("refreshToken").asText());
            }

            // one branch goes on ...
            clock.advance(Duration.ofSeconds(5));
            String chain = refreshed(node, branches.get(7));
            clock.advance(Duration.ofSeconds(31));
            chain = refreshed(node, chain);
            clock.advance(Duration.ofMinutes(50));
            chain = refreshed(node, chain);

            // ... and any of the other 49, after the grace, is reuse: the whole session ends
            Http.Reply other = node.refresh(branches.get(42));
            assertThat(other.status()).isEqualTo(401);
            assertThat(other.json().get("error").get("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
            assertThat(node.refresh(chain).json().get("error").get("code").asText()).isEqualTo("SESSION_REVOKED");
        }
    }

    private static String refreshed(ChatNode node, String refreshToken) {
        Http.Reply reply = node.refresh(refreshToken);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("refreshToken").asText();
    }
}
