package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.ServletFilterMode;
import dev.chatsdk.testsupport.LogCapture;

/**
 * The configuration as a whole: read from MicroProfile Config or built in code, its defaults, every missing key
 * reported at once, environment variable names, unknown keys, and a {@code toString()} that prints no secret. Each
 * part's own keys are tested in {@code dev.chatsdk.jakarta.config} ({@code TokenConfigTest}, {@code WebConfigTest}, …).
 */
class ChatSdkConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void readsEveryKey() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ACCESS_TTL, "15m",
                ChatSdkConfig.Keys.REFRESH_TTL, "P30D", ChatSdkConfig.Keys.TOKEN_ISSUER, "my-iss",
                ChatSdkConfig.Keys.AUDIENCE, "my-aud", ChatSdkConfig.Keys.SCOPES, "chat:read, chat:write",
                ChatSdkConfig.Keys.LOCAL_KEY_ID, "k2", ChatSdkConfig.Keys.ROLES_ALLOWED, "a,b",
                ChatSdkConfig.Keys.TOKEN_PATH, "/chat/token/", ChatSdkConfig.Keys.API_BASE, "/x/tokens",
                ChatSdkConfig.Keys.MAX_BODY_SIZE, "2048", ChatSdkConfig.Keys.SERVLET_FILTER, "Always")));

        assertThat(config.issuer()).isEqualTo("local");
        assertThat(config.appId()).isEqualTo(TestConfig.APP_ID);
        assertThat(config.web().apiKeys()).hasSize(2).endsWith(test.apiKey);
        assertThat(config.token().accessTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.token().refreshTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.token().issuer()).isEqualTo("my-iss");
        assertThat(config.token().audience()).isEqualTo("my-aud");
        assertThat(config.token().scopes()).containsExactly("chat:read", "chat:write");
        assertThat(config.local().secret()).isEqualTo(test.secret);
        assertThat(config.local().wsSecret()).isEqualTo(test.wsSecret);
        assertThat(config.local().keyId()).isEqualTo("k2");
        assertThat(config.identity().rolesAllowed()).containsExactlyInAnyOrder("a", "b");
        assertThat(config.web().tokenPath()).isEqualTo("/chat/token");
        assertThat(config.web().apiBase()).isEqualTo("/x/tokens");
        assertThat(config.web().maxBodySize()).isEqualTo(2048);
        assertThat(config.web().servletFilter()).isEqualTo(ServletFilterMode.ALWAYS);
    }

    @Test
    void appliesTheContractDefaults() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.APP_ID, TestConfig.APP_ID,
                ChatSdkConfig.Keys.LOCAL_SECRET, test.secret, ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.wsSecret)));

        assertThat(config.token().accessTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.token().refreshTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.token().issuer()).isEqualTo("chatsdk-api");
        assertThat(config.token().audience()).isEqualTo("chatsdk-client");
        assertThat(config.token().scopes()).containsExactly("chat:read", "chat:write", "reaction:write", "typing:write",
                "upload:write", "search:read");
        assertThat(config.local().keyId()).isEqualTo("chatsdk-1");
        assertThat(config.web().apiKeys()).isEmpty();
        assertThat(config.identity().rolesAllowed()).isEmpty();
        assertThat(config.web().tokenPath()).isEqualTo("/api/chat/token");
        assertThat(config.web().apiBase()).isEqualTo("/chatsdk");
        assertThat(config.web().maxBodySize()).isEqualTo(16384);
        assertThat(config.web().servletFilter()).isEqualTo(ServletFilterMode.AUTO);
    }

    @Test
    void reportsEveryMissingRequiredKeyAtOnce() {
        assertThatThrownBy(() -> ChatSdkConfig.from(mp(Map.of())))
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessage("ChatSDK Jakarta cannot start: 3 configuration problems" + System.lineSeparator()
                        + "CHATSDK-010: 'chatsdk.app-id' is required when 'chatsdk.issuer=local'; set it (env "
                        + "CHATSDK_APP_ID) to your ChatSDK app id" + System.lineSeparator()
                        + "CHATSDK-011: 'chatsdk.local.secret' is required when 'chatsdk.issuer=local'; set it (env "
                        + "CHATSDK_LOCAL_SECRET) to a random string of at least 32 bytes, e.g. the output of "
                        + "'openssl rand -base64 48'" + System.lineSeparator()
                        + "CHATSDK-011: 'chatsdk.local.ws-secret' is required when 'chatsdk.issuer=local'; set it "
                        + "(env CHATSDK_LOCAL_WS_SECRET) to a random string of at least 32 bytes, e.g. the output of "
                        + "'openssl rand -base64 48'");
    }

    @Test
    void rejectsAnAppIdThatCannotStandInSub() {
        assertThat(problems(valid(ChatSdkConfig.Keys.APP_ID, "app:1"))).containsExactly("CHATSDK-016: "
                + "'chatsdk.app-id' " + SOURCE + " must be 1 to 255 characters without ':' or surrounding spaces; "
                + "set it to your ChatSDK app id");
    }

    @Test
    void rejectsAnUnknownIssuerListingTheKnownOnes() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ISSUER, "magic")));

        assertThatThrownBy(() -> ChatSdk.create(config)).isInstanceOf(ChatSdkConfigException.class)
                .hasMessageEndingWith("CHATSDK-015: 'chatsdk.issuer' is 'magic', which is not a known issuer; "
                        + "use one of: local, remote");
    }

    @Test
    void neverPrintsSecretsOrKeys() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid()));

        assertThat(config.toString()).doesNotContain(test.secret, test.wsSecret, test.apiKey)
                .contains("secret=<set, 48 bytes>", "apiKeys=2 set");
    }

    @Test
    void buildsInCodeWithTheSameRules() {
        assertThat(test.builder().build().identity().rolesAllowed()).isEqualTo(Set.of(TestUsers.CHAT_ROLE));
        assertThatThrownBy(() -> test.builder().set(LocalKeysConfig.WS_SECRET, null).build())
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("CHATSDK-011: 'chatsdk.local.ws-secret' is required");
    }

    @Test
    void namesEnvironmentVariablesByMicroProfileRules() {
        assertThat(ChatSdkConfig.env("chatsdk.local.ws-secret")).isEqualTo("CHATSDK_LOCAL_WS_SECRET");
        assertThat(ChatSdkConfig.env(ChatSdkConfig.Keys.APP_ID)).isEqualTo("CHATSDK_APP_ID");
    }

    @Test
    void warnsAboutUnknownKeysWithTheClosestKnownOne() {
        List<String> warnings;
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta")) {
            Map<String, String> withTypo = valid("chatsdk.token.acess-ttl", "2h");
            withTypo.put("chatsdk.remote.request.timeout", "3s"); // how an environment source spells a known key
            ChatSdkConfig.from(mp(withTypo));
            warnings = capture.records().stream().map(record -> record.getLevel() + " " + record.getMessage()).toList();
        }

        assertThat(warnings).containsExactly("WARNING CHATSDK-101: 'chatsdk.token.acess-ttl' is not a ChatSDK Jakarta "
                + "key and is ignored; did you mean 'chatsdk.token.access-ttl'?");
    }

    @Test
    void suggestsTheClosestKeyForATypo() {
        assertThat(MicroProfileConfigReader.closest("chatsdk.local.secrett")).isEqualTo("chatsdk.local.secret");
        assertThat(MicroProfileConfigReader.closest("chatsdk.token.acess-ttl")).isEqualTo("chatsdk.token.access-ttl");
    }
}
