package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.ForwardedHeader;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

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
        start(test.builder().set(RateLimitConfig.USER, Optional.ofNullable(Rate.parse("3/1m"))));
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
        start(test.builder().set(RateLimitConfig.IP, Optional.ofNullable(Rate.parse("2/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.1"))));
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
        start(test.builder().set(RateLimitConfig.IP, Optional.ofNullable(Rate.parse("2/1m"))));

        for (int i = 0; i < 2; i++) {
            assertThat(node.http().call("GET", "/chatsdk/tokens/validate").header("X-Forwarded-For", "10.0.0." + i)
                    .header("Authorization", "Bearer x").send().status()).isEqualTo(401);
        }
        assertThat(node.http().call("GET", "/chatsdk/tokens/validate").header("X-Forwarded-For", "10.0.0.9")
                .header("Authorization", "Bearer x").send().status()).isEqualTo(429);
    }

    @Test
    void limitsEachApiKeyOnTheTokenApi() throws Exception {
        start(test.builder().set(RateLimitConfig.API_KEY, Optional.ofNullable(Rate.parse("2/1m"))));

        for (int i = 0; i < 2; i++) {
            assertThat(node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey)
                    .json("{\"userId\":\"u\"}").send().status()).isEqualTo(200);
        }
        Http.Reply limited = node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey)
                .json("{\"userId\":\"u\"}").send();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").get("message").asText()).isEqualTo("Too many requests; try again in 30 seconds.");
    }
    private Http.Call validateVia(String... forwardedLines) {
        Http.Call call = node.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer x");
        for (String line : forwardedLines) {
            call.header("X-Forwarded-For", line);
        }
        return call;
    }

    @Test
    void countsOneClientBehindAProxyOnceWhateverItsPortsOrSpoofedHeaderLines() throws Exception {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        node = ChatNode.start(ChatSdk.builder().config(test.builder()
                .set(RateLimitConfig.IP, Optional.ofNullable(Rate.parse("2/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.0/8"))).build()).clock(clock).eventListener(events::add).build());

        // the client writes its own first line; the proxy (this loopback peer) appends the address and port it saw
        assertThat(validateVia("6.6.6.1", "203.0.113.7:40001").send().status()).isEqualTo(401);
        assertThat(validateVia("6.6.6.2, 10.0.0.1", "203.0.113.7:40002").send().status()).isEqualTo(401);
        Http.Reply third = validateVia("6.6.6.3", "[::ffff:203.0.113.7]:40003").send();

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isEqualTo("30");
        assertThat(validateVia("203.0.113.7", "198.51.100.2:40004").send().status()).as("another client").isEqualTo(401);
        assertThat(events).extracting(ChatEvent::clientIp)
                .containsExactly("203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.2");
    }

    @Test
    void countsAnIpv6ClientByItsSlash64() throws Exception {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        node = ChatNode.start(ChatSdk.builder().config(test.builder()
                .set(RateLimitConfig.IP, Optional.ofNullable(Rate.parse("1/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.1"))).build()).clock(clock).eventListener(events::add).build());

        assertThat(validateVia("[2001:db8:1:2::1]:4000").send().status()).isEqualTo(401);
        // another address of the same /64: the same subscriber, the same bucket
        assertThat(validateVia("2001:db8:1:2:ffff::7").send().status()).isEqualTo(429);
        assertThat(validateVia("2001:db8:1:3::1").send().status()).as("the next /64").isEqualTo(401);
        // the events keep the address itself
        assertThat(events).extracting(ChatEvent::clientIp).containsExactly("2001:db8:1:2:0:0:0:1",
                "2001:db8:1:2:ffff:0:0:7", "2001:db8:1:3:0:0:0:1");
    }

    @Test
    void readsOnlyTheConfiguredForwardingHeader() throws Exception {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        node = ChatNode.start(ChatSdk.builder().config(test.builder()
                .set(RateLimitConfig.IP, Optional.ofNullable(Rate.parse("1/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.1")))
                .set(WebConfig.Proxies.FORWARDED_HEADER, ForwardedHeader.FORWARDED).build())
                .clock(clock).eventListener(events::add).build());

        assertThat(validateVia("6.6.6.1").header("Forwarded", "for=\"203.0.113.7:1\";proto=https").send().status())
                .isEqualTo(401);
        assertThat(validateVia("6.6.6.2").header("Forwarded", "for=\"203.0.113.7:2\"").send().status()).isEqualTo(429);
        assertThat(events).extracting(ChatEvent::clientIp).containsExactly("203.0.113.7", "203.0.113.7");
    }

    private Http.Reply issueFrom(String client, String key) {
        Http.Call call = node.http().call("POST", "/chatsdk/auth/tokens").header("X-Forwarded-For", client)
                .json("{\"userId\":\"u\"}");
        return key == null ? call.send() : call.header("X-API-Key", key).send();
    }

    @Test
    void throttlesFailedApiKeysPerClientEvenWithTheRateLimitsOff() throws Exception {
        // the default budget, 10 a minute (TestConfig widens it for the other tests)
        start(test.builder().set(RateLimitConfig.FAILED_API_KEY, Optional.ofNullable(Rate.parse("10/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.copyOf(Set.of("127.0.0.1"))));
        String attacker = "203.0.113.7";
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < 100; i++) {
            Http.Reply reply = issueFrom(attacker + ":" + (1000 + i), i % 10 == 0 ? null : "ck_guess_" + i);
            statuses.merge(reply.status(), 1, Integer::sum);
        }
        Http.Reply rightKey = issueFrom(attacker, test.apiKey);
        Http.Reply revoke = node.http().call("POST", "/chatsdk/api/users/u/revoke-tokens").header("X-Forwarded-For", attacker)
                .header("X-API-Key", test.apiKey).send();

        assertThat(statuses).isEqualTo(Map.of(401, 10, 429, 90));
        assertThat(rightKey.status()).as("the right key, guessed while locked out, is not confirmed").isEqualTo(429);
        assertThat(rightKey.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(rightKey.header("Retry-After")).isEqualTo("6");
        assertThat(revoke.status()).isEqualTo(429);
        assertThat(issueFrom("198.51.100.2", test.apiKey).status()).as("another client").isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        assertThat(issueFrom(attacker, test.apiKey).status()).isEqualTo(200);
        assertThat(issueFrom(attacker, "ck_guess").status()).isEqualTo(401);
        assertThat(issueFrom(attacker, "ck_guess").status()).isEqualTo(429);
    }

    @Test
    void takesTheFailedApiKeyBudgetFromConfiguration() throws Exception {
        start(test.builder().set(RateLimitConfig.FAILED_API_KEY, Optional.ofNullable(Rate.parse("2/1h"))));

        assertThat(node.http().call("POST", "/chatsdk/auth/tokens").json("{\"userId\":\"u\"}").send().status()).isEqualTo(401);
        assertThat(node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", "x").json("{}").send().status())
                .isEqualTo(401);
        Http.Reply limited = node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", "x").json("{}").send();

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1800");
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("2");
    }
}
