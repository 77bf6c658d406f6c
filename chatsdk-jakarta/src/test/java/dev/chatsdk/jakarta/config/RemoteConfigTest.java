package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.above;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The remote issuer's keys ({@link RemoteConfig}): {@code chatsdk.api-url}, its key, the outbound call bounds. */
class RemoteConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void choosesTheRemoteIssuerWhenAnApiUrlIsSet() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com/",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "ck_live_1", ChatSdkConfig.Keys.REMOTE_REQUEST_TIMEOUT, "3s",
                ChatSdkConfig.Keys.REMOTE_LOGOUT_PATH, "/auth/logout")));

        assertThat(config.issuer()).isEqualTo("remote");
        assertThat(config.remote().apiUrl().orElse(null)).isEqualTo("https://chat.example.com");
        assertThat(config.remote().tokenPath()).isEqualTo("/api/auth/connect");
        assertThat(config.remote().refreshPath()).isEqualTo("/api/auth/refresh");
        assertThat(config.remote().logoutPath().orElse(null)).isEqualTo("/auth/logout");
        assertThat(config.remote().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.remote().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.remote().maxConcurrentCalls()).isEqualTo(64);
        assertThat(config.toString()).doesNotContain("ck_live_1");
        assertThat(ChatSdkConfig.from(mp(valid())).issuer()).isEqualTo("local");
    }

    @Test
    void theRevokeUserPathHoldsTheUserIdOnce411() {
        Map<String, String> remote = Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "ck_live_1");
        assertThat(ChatSdkConfig.from(mp(remote)).remote().revokeUserPath()).isEqualTo("/api/users/{userId}/revoke-tokens");
        for (String path : new String[] {"/api/users/revoke-tokens", "/u/{userId}/{userId}", "/u/{userid}"}) {
            Map<String, String> with = new HashMap<>(remote);
            with.put(ChatSdkConfig.Keys.REMOTE_REVOKE_USER_PATH, path);
            assertThat(problems(with)).as(path).containsExactly("CHATSDK-411: 'chatsdk.remote.revoke-user-path' " + SOURCE
                    + " is '" + path + "'; it must hold '{userId}' exactly once, where the user id goes, such as "
                    + "'/api/users/{userId}/revoke-tokens'");
        }
        Map<String, String> query = new HashMap<>(remote);
        query.put(ChatSdkConfig.Keys.REMOTE_REVOKE_USER_PATH, "/u/{userId}?x=1");
        assertThat(problems(query)).singleElement().asString().startsWith("CHATSDK-032: 'chatsdk.remote.revoke-user-path'");
        Map<String, String> other = new HashMap<>(remote);
        other.put(ChatSdkConfig.Keys.REMOTE_REVOKE_USER_PATH, "/v2/users/{userId}/revoke");
        assertThat(ChatSdkConfig.from(mp(other)).remote().revokeUserPath()).isEqualTo("/v2/users/{userId}/revoke");
    }

    @Test
    void needsAnApiUrlAndOneKeyForTheRemoteIssuer() {
        assertThat(problems(Map.of(ChatSdkConfig.Keys.ISSUER, "remote"))).containsExactly(
                "CHATSDK-080: 'chatsdk.api-url' is required when 'chatsdk.issuer=remote'; set it (env CHATSDK_API_URL) "
                        + "to your ChatSDK API's base URL, such as https://chat.example.com",
                "CHATSDK-082: 'chatsdk.remote.api-key' is required when 'chatsdk.issuer=remote'; set it (env CHATSDK_REMOTE_API_KEY) "
                        + "to the API key from your ChatSDK dashboard");
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "chat.example.com", ChatSdkConfig.Keys.REMOTE_API_KEY, "a,b")))
                .containsExactly("CHATSDK-081: 'chatsdk.api-url' " + SOURCE + " is 'chat.example.com', not an absolute "
                        + "http or https URL; use the ChatSDK API's base URL, such as https://chat.example.com",
                        "CHATSDK-083: 'chatsdk.remote.api-key' " + SOURCE + " lists 2 keys; the remote issuer sends one, so "
                                + "set exactly one");
    }

    @Test
    void boundsTheOutboundCallSettingsAndTheRatePeriods() {
        Map<String, String> remote = Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "ck_live_1", ChatSdkConfig.Keys.REMOTE_CONNECT_TIMEOUT, "61s",
                ChatSdkConfig.Keys.REMOTE_REQUEST_TIMEOUT, "999999d", ChatSdkConfig.Keys.REMOTE_BREAKER_OPEN_FOR, "2h");
        assertThat(problems(remote)).containsExactly(
                above("chatsdk.remote.connect-timeout", "PT1M1S", "PT1M", "a caller and a request thread wait that long "
                        + "for each try"),
                above("chatsdk.remote.request-timeout", "PT23999976H", "PT1M", "a caller and a request thread wait up to "
                        + "twice that (with retries) for one answer"),
                above("chatsdk.remote.breaker-open-for", "PT2H", "PT1H", "an open breaker refuses every call until it "
                        + "lets a probe through"));
        Map<String, String> largest = new HashMap<>(remote);
        largest.putAll(Map.of(ChatSdkConfig.Keys.REMOTE_CONNECT_TIMEOUT, "1m", ChatSdkConfig.Keys.REMOTE_REQUEST_TIMEOUT,
                "PT1M", ChatSdkConfig.Keys.REMOTE_BREAKER_OPEN_FOR, "1h"));
        assertThat(ChatSdkConfig.from(mp(largest)).remote().breakerOpenFor()).isEqualTo(Duration.ofHours(1));

        assertThat(problems(valid(ChatSdkConfig.Keys.RATE_LIMIT_IP, "100/999999999d",
                ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, "1/25h"))).containsExactly(
                        "CHATSDK-048: 'chatsdk.rate-limit.ip' " + SOURCE + " has the period PT23999999976H, longer than "
                                + "PT24H; give a rate per day at most, such as 100/1d",
                        "CHATSDK-048: 'chatsdk.rate-limit.failed-api-key' " + SOURCE + " has the period PT25H, longer "
                                + "than PT24H; give a rate per day at most, such as 1/1d");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.RATE_LIMIT_USER, "100000/1d"))).rateLimits().user().orElse(null)
                .period()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesBaseUrlsWithAQueryOrFragmentWithoutPrintingThem() {
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com/api?key=s3cret",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "ck_live_1"))).containsExactly("CHATSDK-084: 'chatsdk.api-url' " + SOURCE
                        + " is 'https://chat.example.com/api?***', a base URL with a query or fragment, to which no path "
                        + "can be appended; give scheme, host, port and path only");
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api#x",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k"))).containsExactly("CHATSDK-084: 'chatsdk.centrifugo.api-url' "
                        + SOURCE + " is 'http://centrifugo:8000/api?***', a base URL with a query or fragment, to which no "
                        + "path can be appended; give scheme, host, port and path only");
    }
}
