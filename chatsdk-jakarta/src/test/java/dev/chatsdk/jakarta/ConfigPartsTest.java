package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.config.Algorithm;
import dev.chatsdk.jakarta.config.CentrifugoConfig;
import dev.chatsdk.jakarta.config.ForwardedHeader;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.ServletFilterMode;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.config.Setting;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.TokenConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.testsupport.LogCapture;

/** The parts of the configuration, the deprecated {@code chatsdk.api-key}, and the builder against MicroProfile Config. */
class ConfigPartsTest {
    private final TestConfig test = new TestConfig();
    private final String upstreamKey = "ck_live_" + TestConfig.randomSecret();

    private Map<String, String> local(String... more) {
        Map<String, String> p = new HashMap<>(test.properties());
        p.remove(ChatSdkConfig.Keys.WEB_API_KEYS);
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    /** Runs the action, returning what it returned and the warnings logged meanwhile. */
    private static <T> Map.Entry<T, List<String>> warnings(Supplier<T> action) {
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta")) {
            T result = action.get();
            return Map.entry(result, capture.records().stream()
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList());
        }
    }

    @Test
    void theDeprecatedApiKeyAloneStillMeansTheAcceptedKeysWithTheLocalIssuer() {
        var result = warnings(() -> ChatSdkConfig.from(mp(local(ChatSdkConfig.Keys.API_KEY,
                test.apiKey))));

        assertThat(result.getKey().web().apiKeys()).containsExactly(test.apiKey);
        assertThat(result.getKey().remote().apiKey()).isEmpty();
        assertThat(result.getValue()).containsExactly("WARNING CHATSDK-105: chatsdk.api-key is deprecated; use "
                + "chatsdk.web.api-keys (env CHATSDK_WEB_API_KEYS)");
    }

    @Test
    void theDeprecatedApiKeyAloneStillMeansTheUpstreamKeyWithTheRemoteIssuer() {
        var result = warnings(() -> ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL,
                "https://chat.example.com", ChatSdkConfig.Keys.API_KEY, upstreamKey))));

        assertThat(result.getKey().remote().apiKey()).contains(upstreamKey);
        assertThat(result.getKey().web().apiKeys()).isEmpty();
        assertThat(result.getValue()).containsExactly("WARNING CHATSDK-105: chatsdk.api-key is deprecated; use "
                + "chatsdk.remote.api-key (env CHATSDK_REMOTE_API_KEY)");
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com", ChatSdkConfig.Keys.API_KEY,
                "a,b"))).as("the rules of the key it means, naming the key the user wrote").containsExactly(
                        "CHATSDK-083: 'chatsdk.api-key' " + SOURCE + " lists 2 keys; the remote issuer sends one, so "
                                + "set exactly one");
    }

    @Test
    void acceptedKeysWithTheRemoteIssuerAreReportedAsOpeningNothing() {
        var result = warnings(() -> ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL,
                "https://chat.example.com", ChatSdkConfig.Keys.REMOTE_API_KEY, upstreamKey,
                ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey))));

        assertThat(result.getKey().web().apiKeys()).containsExactly(test.apiKey);
        assertThat(result.getValue()).containsExactly("WARNING CHATSDK-107: chatsdk.web.api-keys is set, but the "
                + "remote issuer serves no token API (the ChatSDK API issues the tokens), so these keys open nothing; "
                + "remove it (the key sent to the ChatSDK API is chatsdk.remote.api-key)");
        assertThat(ChatSdkInternals.of(ChatSdk.create(result.getKey())).acceptedApiKeys()).isEmpty();
    }

    @Test
    void refusesAnAcceptedKeyThatIsAlsoCentrifugosKey() {
        List<String> problems = problems(local(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey,
                ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://127.0.0.1:9/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, test.apiKey));

        assertThat(problems).containsExactly("CHATSDK-027: 'chatsdk.web.api-keys' " + SOURCE + " has a key at "
                + "position 1 that equals, contains or is part of 'chatsdk.centrifugo.api-key' " + SOURCE + "; a key "
                + "sent to another service must not also open this module's token API, so give each its own "
                + "random key");
        assertThat(String.join("\n", problems)).doesNotContain(test.apiKey);
    }

    @Test
    void refusesAKeySentUpstreamThatAHeaderCannotCarryWithoutPrintingIt() {
        String remote = "https://chat.example.com";
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, remote, ChatSdkConfig.Keys.REMOTE_API_KEY,
                upstreamKey + "\n"))).as("a key read from a file with its newline").containsExactly("CHATSDK-019: "
                        + "'chatsdk.remote.api-key' " + SOURCE + " starts or ends with whitespace, or has what looks "
                        + "like an inline comment (whitespace, then '#' or '!': .properties files have none, the "
                        + "comment becomes part of the value); write the secret alone");
        List<String> inside = problems(Map.of(ChatSdkConfig.Keys.API_URL, remote, ChatSdkConfig.Keys.REMOTE_API_KEY,
                upstreamKey.substring(0, 10) + "\u00e9" + upstreamKey.substring(10)));
        assertThat(inside).containsExactly("CHATSDK-028: 'chatsdk.remote.api-key' " + SOURCE + " holds a "
                + "character an HTTP header cannot carry (a control character, a space or a letter outside ASCII); "
                + "copy the key again, without it");
        assertThat(String.join("\n", inside)).doesNotContain(upstreamKey.substring(10));
        assertThat(problems(local(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://127.0.0.1:9/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "centrifugo\tkey"))).singleElement().asString()
                .startsWith("CHATSDK-028: 'chatsdk.centrifugo.api-key' ");
    }

    @Test
    void aKeySentUpstreamWithTheLocalIssuerIsReportedAsSentNowhere() {
        var result = warnings(() -> ChatSdkConfig.from(mp(local(ChatSdkConfig.Keys.REMOTE_API_KEY, upstreamKey))));

        assertThat(result.getValue()).containsExactly("WARNING CHATSDK-108: chatsdk.remote.api-key is set, but the "
                + "issuer is local, which sends it nowhere; remove it, or set chatsdk.api-url to use the remote issuer");
    }

    @Test
    void theDeprecatedApiKeyWithTheKeyItMeansFailsStartUp() {
        assertThat(problems(local(ChatSdkConfig.Keys.API_KEY, test.apiKey, ChatSdkConfig.Keys.WEB_API_KEYS,
                test.apiKey))).containsExactly("CHATSDK-026: 'chatsdk.api-key' " + SOURCE + " and "
                        + "'chatsdk.web.api-keys' " + SOURCE + " are both set; chatsdk.api-key is deprecated and here "
                        + "means chatsdk.web.api-keys, so remove it and keep chatsdk.web.api-keys");
        List<String> remote = problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.API_KEY, upstreamKey, ChatSdkConfig.Keys.REMOTE_API_KEY, upstreamKey));
        assertThat(remote).containsExactly("CHATSDK-026: 'chatsdk.api-key' " + SOURCE + " and "
                + "'chatsdk.remote.api-key' " + SOURCE + " are both set; chatsdk.api-key is deprecated and, with "
                + "'chatsdk.issuer=remote', means chatsdk.remote.api-key, so remove it and keep chatsdk.remote.api-key");
        assertThat(String.join("\n", remote)).doesNotContain(upstreamKey);
    }

    @Test
    void refusesAnAcceptedKeyThatOverlapsTheUpstreamKeyWithoutPrintingEither() {
        for (String accepted : new String[] {upstreamKey, "x" + upstreamKey, upstreamKey.substring(0, 20)}) {
            List<String> problems = problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                    ChatSdkConfig.Keys.REMOTE_API_KEY, upstreamKey, ChatSdkConfig.Keys.WEB_API_KEYS,
                    test.apiKey + "," + accepted));

            assertThat(problems).containsExactly("CHATSDK-027: 'chatsdk.web.api-keys' " + SOURCE + " has a key at "
                    + "position 2 that equals, contains or is part of 'chatsdk.remote.api-key' " + SOURCE + "; a key "
                    + "sent to another service must not also open this module's token API, so give each its own "
                    + "random key");
            assertThat(String.join("\n", problems)).doesNotContain(upstreamKey.substring(0, 20));
        }
        assertThat(ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.REMOTE_API_KEY, upstreamKey, ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey)))
                .web().apiKeys()).containsExactly(test.apiKey);
    }

    @Test
    void eachPartHoldsItsDefaults() {
        ChatSdkConfig c = test.builder().build();

        assertThat(c.token().accessTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.local().algorithm()).isEqualTo(Algorithm.HS256);
        assertThat(c.local().keyId()).isEqualTo("chatsdk-1");
        assertThat(c.local().privateKey()).isEmpty();
        assertThat(c.remote().apiUrl()).isEmpty();
        assertThat(c.remote().maxAttempts()).isEqualTo(3);
        assertThat(c.remote().logoutPath()).isEmpty();
        assertThat(c.session().store()).isEqualTo(SessionStoreType.MEMORY);
        assertThat(c.session().jdbc().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.session().memory().maxSessions()).isEqualTo(100_000);
        assertThat(c.identity().requirePrincipalMatch()).isTrue();
        assertThat(c.identity().userAttribute()).isEmpty();
        assertThat(c.web().tokenPath()).isEqualTo("/api/chat/token");
        assertThat(c.web().cors().allowedOrigins()).isEmpty();
        assertThat(c.web().proxies().forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ChatSdkConfig.builder().set(Settings.APP_ID, TestConfig.APP_ID)
                .set(LocalKeysConfig.SECRET, test.secret).set(LocalKeysConfig.WS_SECRET, test.wsSecret).build()
                .rateLimits().user()).contains(Rate.parse("30/1m"));
        assertThat(c.centrifugo().enabled()).isFalse();
        assertThat(RemoteConfig.CONNECT_TIMEOUT.defaultValue()).contains(Duration.ofSeconds(2));
        assertThat(WebConfig.API_KEYS.secret()).isTrue();
        assertThat(WebConfig.API_KEYS.env()).isEqualTo("CHATSDK_WEB_API_KEYS");
    }

    @Test
    void eachPartKeepsItsBounds() {
        assertThat(TokenConfig.ACCESS_TTL.problems(Duration.ofDays(2), "'a'")).singleElement().asString()
                .startsWith("CHATSDK-023: 'a' is PT48H, above its bound of PT24H");
        assertThat(RemoteConfig.MAX_ATTEMPTS.problems(11, "'a'")).containsExactly("CHATSDK-031: 'a' is 11; use a "
                + "number from 1 to 10");
        assertThat(SessionConfig.Jdbc.MAX_CONNECTIONS.problems(1001, "'a'")).hasSize(1);
        assertThat(SessionConfig.ROTATION_GRACE.problems(Duration.ZERO, "'a'")).isEmpty();
        assertThat(IdentityConfig.ROLES_ALLOWED.problems(List.of("a", ""), "'a'")).containsExactly("CHATSDK-035: "
                + "'a' has an empty entry at position 2; remove the extra comma");
        assertThat(WebConfig.MAX_BODY_SIZE.problems(WebConfig.MAX_BODY_SIZE_LIMIT + 1, "'a'")).hasSize(1);
        assertThat(WebConfig.MAX_BODY_SIZE.problems(WebConfig.MAX_BODY_SIZE_LIMIT, "'a'")).isEmpty();
        assertThatThrownBy(() -> test.builder().set(LocalKeysConfig.SECRET, "short").build())
                .hasMessageContaining("CHATSDK-013: 'chatsdk.local.secret' is 5 bytes long");
        assertThatThrownBy(() -> test.builder().set(RateLimitConfig.USER, Optional.of(Rate.parse("1/2d"))).build())
                .hasMessageContaining("CHATSDK-048: 'chatsdk.rate-limit.user' has the period PT48H");
        assertThatThrownBy(() -> test.builder().set(CentrifugoConfig.API_URL, "http://centrifugo:8000/api").build())
                .hasMessageContaining("CHATSDK-085: 'chatsdk.centrifugo.api-key' is required");
        assertThatThrownBy(() -> ChatSdkConfig.builder().set("chatsdk.token.acess-ttl", "1h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderAndMicroProfileConfigGiveEqualConfigurations() {
        Map<String, String> p = new LinkedHashMap<>(local());
        p.put(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey);
        p.put(ChatSdkConfig.Keys.ACCESS_TTL, "15m");
        p.put(ChatSdkConfig.Keys.SCOPES, "chat:read, chat:write");
        p.put(ChatSdkConfig.Keys.SESSION_STORE, "JDBC");
        p.put(ChatSdkConfig.Keys.JDBC_URL, "jdbc:h2:mem:x");
        p.put(ChatSdkConfig.Keys.JDBC_PASSWORD, "db-secret-1");
        p.put(ChatSdkConfig.Keys.JDBC_TIMEOUT, "PT1.5S");
        p.put(ChatSdkConfig.Keys.IDENTITY_REQUIRE_PRINCIPAL_MATCH, "false");
        p.put(ChatSdkConfig.Keys.SERVLET_FILTER, "always");
        p.put(ChatSdkConfig.Keys.FORWARDED_HEADER, "forwarded");
        p.put(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.0/8");
        p.put(ChatSdkConfig.Keys.RATE_LIMIT_IP, "5/1h");
        p.put(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api/");
        p.put(ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "centrifugo-key");
        ChatSdkConfig fromMp = ChatSdkConfig.from(mp(p));

        ChatSdkConfig.Builder b = test.builder().set(TokenConfig.ACCESS_TTL, Duration.ofMinutes(15))
                .set(TokenConfig.SCOPES, List.of("chat:read", "chat:write"))
                .set(SessionConfig.STORE, SessionStoreType.JDBC).set(SessionConfig.Jdbc.URL, "jdbc:h2:mem:x")
                .set(SessionConfig.Jdbc.PASSWORD, "db-secret-1")
                .set(SessionConfig.Jdbc.TIMEOUT, Duration.ofMillis(1500))
                .set(IdentityConfig.REQUIRE_PRINCIPAL_MATCH, false)
                .set(WebConfig.SERVLET_FILTER, ServletFilterMode.ALWAYS)
                .set(WebConfig.Proxies.FORWARDED_HEADER, ForwardedHeader.FORWARDED)
                .set(WebConfig.Proxies.TRUSTED, List.of("10.0.0.0/8"))
                .set(RateLimitConfig.IP, Optional.of(Rate.of(5, Duration.ofHours(1))))
                .set("chatsdk.centrifugo.api-url", "http://centrifugo:8000/api/")
                .set(CentrifugoConfig.API_KEY, "centrifugo-key");
        ChatSdkConfig fromCode = b.build();

        assertThat(fromCode).isEqualTo(fromMp).hasSameHashCodeAs(fromMp);
        assertThat(fromCode.toString()).isEqualTo(fromMp.toString());
        for (Setting<?> s : Settings.ALL) {
            assertThat((Object) fromCode.get(s)).as(s.key()).isEqualTo(fromMp.get(s));
        }
        assertThat(b.set(SessionConfig.Jdbc.PASSWORD, "db-secret-2").build()).as("a secret that differs")
                .isNotEqualTo(fromMp);
    }
}
