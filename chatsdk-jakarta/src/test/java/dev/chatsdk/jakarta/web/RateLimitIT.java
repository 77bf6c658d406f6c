package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.web.servlet.ChatNode;

/** The rate limits over real HTTP with a test clock: per user, per client address (proxies), per API key. */
class RateLimitIT {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private ChatNode node;

    private ChatNode start(ChatSdkConfig.Builder config) throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(config.build()).clock(clock).build());
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private Http.Reply login() {
        return node.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
    }

    @Test
    void limitsEachUserOnTheTokenEndpointAndRefillsOverTime() throws Exception {
        start(test.builder().rateLimitUser(ChatSdkConfig.Rate.parse("3/1m")));
        for (int i = 0; i < 3; i++) {
            assertThat(login().status()).isEqualTo(200);
        }

        Http.Reply limited = login();

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.json().get("error").get("retryAfter").asLong()).isEqualTo(20);
        assertThat(limited.header("Retry-After")).isEqualTo("20");
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Reset")).isEqualTo("20");
        clock.advance(Duration.ofSeconds(20));
        assertThat(login().status()).isEqualTo(200);
        assertThat(login().status()).isEqualTo(429);
    }

    @Test
    void limitsEachClientAddressOnRefreshAndBelievesOnlyTrustedProxies() throws Exception {
        start(test.builder().rateLimitIp(ChatSdkConfig.Rate.parse("2/1m")).trustedProxies(Set.of("127.0.0.1")));
        String token = login().json().get("refreshToken").asText();

        for (String client : new String[] {"203.0.113.7", "203.0.113.7", "198.51.100.2"}) {
            assertThat(node.http().call("POST", "/chatsdk/auth/logout").header("X-Forwarded-For", client + ", 127.0.0.1")
                    .header("Authorization", "Bearer " + token).send().status()).as(client).isEqualTo(200);
        }
        assertThat(node.http().call("POST", "/chatsdk/auth/logout").header("X-Forwarded-For", "203.0.113.7")
                .header("Authorization", "Bearer " + token).send().status()).isEqualTo(429);
        assertThat(node.http().call("POST", "/chatsdk/auth/logout").header("Forwarded", "for=198.51.100.2;proto=https")
                .header("Authorization", "Bearer " + token).send().status()).isEqualTo(200);
    }

    @Test
    void ignoresForwardingHeadersFromUntrustedPeers() throws Exception {
        start(test.builder().rateLimitIp(ChatSdkConfig.Rate.parse("2/1m")));

        for (int i = 0; i < 2; i++) {
            assertThat(node.http().call("GET", "/chatsdk/tokens/validate").header("X-Forwarded-For", "10.0.0." + i)
                    .header("Authorization", "Bearer x").send().status()).isEqualTo(401);
        }
        assertThat(node.http().call("GET", "/chatsdk/tokens/validate").header("X-Forwarded-For", "10.0.0.9")
                .header("Authorization", "Bearer x").send().status()).isEqualTo(429);
    }

    @Test
    void limitsEachApiKeyOnTheTokenApi() throws Exception {
        start(test.builder().rateLimitApiKey(ChatSdkConfig.Rate.parse("2/1m")));

        for (int i = 0; i < 2; i++) {
            assertThat(node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey)
                    .json("{\"userId\":\"u\"}").send().status()).isEqualTo(200);
        }
        Http.Reply limited = node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey)
                .json("{\"userId\":\"u\"}").send();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").get("message").asText()).isEqualTo("Too many requests; try again in 30 seconds.");
    }
}
