package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.centrifugo.*} keys ({@link CentrifugoConfig}), with the health switches read alongside. */
class CentrifugoConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void readsTheHealthAndCentrifugoKeys() {
        String key = "cfg_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.HEALTH_ENABLED, "false",
                ChatSdkConfig.Keys.HEALTH_DETAILS, "true", ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api/",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, key)));

        assertThat(config.web().healthEnabled()).isFalse();
        assertThat(config.web().healthDetails()).isTrue();
        assertThat(config.centrifugo().apiUrl().orElse(null)).isEqualTo("http://centrifugo:8000/api");
        assertThat(config.centrifugo().apiKey().orElse(null)).isEqualTo(key);
        assertThat(config.centrifugo().enabled()).isTrue();
        assertThat(config.toString()).doesNotContain(key).contains("centrifugo[apiUrl=<set>, apiKey=<set, 52 bytes>]");
        ChatSdkConfig defaults = ChatSdkConfig.from(mp(valid()));
        assertThat(defaults.web().healthEnabled()).isTrue();
        assertThat(defaults.web().healthDetails()).isFalse();
        assertThat(defaults.centrifugo().enabled()).isFalse();
    }

    @Test
    void needsBothCentrifugoKeysNamingTheMissingOne() {
        String key = "cfg_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api"))).containsExactly(
                "CHATSDK-085: 'chatsdk.centrifugo.api-key' is required when 'chatsdk.centrifugo.api-url' " + SOURCE
                        + " is set; set it (env CHATSDK_CENTRIFUGO_API_KEY) to Centrifugo's server API key, or remove "
                        + "chatsdk.centrifugo.api-url");
        List<String> keyOnly = problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, key));
        assertThat(keyOnly).containsExactly("CHATSDK-086: 'chatsdk.centrifugo.api-url' is required when "
                + "'chatsdk.centrifugo.api-key' " + SOURCE + " is set; set it (env CHATSDK_CENTRIFUGO_API_URL) to "
                + "Centrifugo's server API base URL, such as http://centrifugo:8000/api, or remove chatsdk.centrifugo.api-key");
        assertThat(String.join("\n", keyOnly)).doesNotContain(key);
    }

    @Test
    void rejectsACentrifugoUrlThatIsNotHttpAndCentrifugoWithTheRemoteIssuer() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "centrifugo:8000",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k"))).containsExactly("CHATSDK-087: 'chatsdk.centrifugo.api-url' "
                        + SOURCE + " is 'centrifugo:8000', not an absolute http or https URL; use the base URL of "
                        + "Centrifugo's server API, such as http://centrifugo:8000/api");
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com", ChatSdkConfig.Keys.REMOTE_API_KEY,
                "ck_live_1", ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k"))).containsExactly("CHATSDK-088: 'chatsdk.centrifugo.api-url' "
                        + SOURCE + " is set with 'chatsdk.issuer=remote'; the ChatSDK API keeps the sessions and "
                        + "disconnects its own sockets, so remove the chatsdk.centrifugo.* keys");
    }

    @Test
    void checksTheCallSettingsWhenCentrifugoIsOnWithTheLocalIssuer() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k", ChatSdkConfig.Keys.REMOTE_MAX_ATTEMPTS, "0")))
                .containsExactly("CHATSDK-031: 'chatsdk.remote.max-attempts' " + SOURCE + " is 0; use a number from 1 to 10");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.REMOTE_MAX_ATTEMPTS, "0"))).remote().maxAttempts())
                .as("unused without Centrifugo or the remote issuer").isZero();
    }

    @Test
    void refusesACentrifugoApiKeyThatIsASigningSecret() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, test.secret))).containsExactly("CHATSDK-012: "
                        + "'chatsdk.centrifugo.api-key' " + SOURCE + " equals, contains or is part of a secret in "
                        + "'chatsdk.local.secret' " + SOURCE + ", and is sent to Centrifugo on every disconnect; give "
                        + "Centrifugo's API its own key");
    }
}
