package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.chatsdk.jakarta.config.ForwardedHeader;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.ServletFilterMode;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.testsupport.LogCapture;

class ChatSdkConfigTest {
    private static final String SOURCE = "[from PropertiesConfigSource[source=test]]";
    private final TestConfig test = new TestConfig();

    static Config mp(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    private Map<String, String> valid(String... overrides) {
        Map<String, String> p = new HashMap<>(test.properties());
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                p.remove(overrides[i]);
            } else {
                p.put(overrides[i], overrides[i + 1]);
            }
        }
        return p;
    }

    private static List<String> problems(Map<String, String> properties) {
        try {
            ChatSdkConfig.from(mp(properties));
        } catch (ChatSdkConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a configuration problem");
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
    void rejectsShortSecretsWithoutPrintingThem() {
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, "short-secret-123"));

        assertThat(problems).containsExactly("CHATSDK-013: 'chatsdk.local.secret' " + SOURCE + " is 16 bytes long; "
                + "HS256 needs at least 32 bytes, e.g. the output of 'openssl rand -base64 48'");
        assertThat(String.join("\n", problems)).doesNotContain("short-secret-123");
    }

    @Test
    void rejectsEqualSecrets() {
        assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.secret))).containsExactly(
                "CHATSDK-014: 'chatsdk.local.ws-secret' " + SOURCE + " must differ from 'chatsdk.local.secret' "
                        + SOURCE + ", and neither may contain the other, so that a leaked realtime secret cannot sign "
                        + "access tokens; set a second random secret");
    }

    @Test
    void rejectsARealtimeSecretThatHoldsTheSigningSecret() {
        // the attack review's case: the signing secret plus one character, which a leaked ws secret gives away
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.secret + "x"));

        assertThat(problems).singleElement().asString().startsWith("CHATSDK-014: 'chatsdk.local.ws-secret' ");
        assertThat(String.join("\n", problems)).doesNotContain(test.secret);
    }

    @Test
    void rejectsASecretWithSurroundingWhitespaceOrAnInlineComment() {
        for (String secret : List.of(test.secret + " ", " " + test.secret, "abc # prod secret, keep it out of git please!!",
                test.secret + "\t! rotated in May")) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, secret));

            assertThat(problems).as(secret).contains("CHATSDK-019: 'chatsdk.local.secret' " + SOURCE + " starts or "
                    + "ends with whitespace, or has what looks like an inline comment (whitespace, then '#' or '!': "
                    + ".properties files have none, the comment becomes part of the value); write the secret alone");
            assertThat(String.join("\n", problems)).as(secret).doesNotContain("prod secret").doesNotContain(test.secret);
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.LOCAL_SECRET, "a#b!c" + test.secret))).local().secret())
                .as("# and ! without whitespace before them are part of a secret").startsWith("a#b!c");
    }

    @Test
    void rejectsAnApiKeyThatIsOrHoldsASigningSecret() {
        String retired = TestConfig.randomSecret();
        for (String[] c : new String[][] {{test.secret, "'chatsdk.local.secret'"},
            {test.wsSecret, "'chatsdk.local.ws-secret'"}, {retired + "-and-more", "'chatsdk.local.previous-keys'"}}) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, c[0],
                    ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired));

            assertThat(problems).as(c[1]).containsExactly("CHATSDK-012: 'chatsdk.web.api-keys' " + SOURCE + " has a key at "
                    + "position 1 that equals, contains or is part of a secret in " + c[1] + " " + SOURCE + ", so "
                    + "anyone holding the key could sign tokens; give the token API its own random key");
        }
    }

    @Test
    void rejectsAnAppIdThatCannotStandInSub() {
        assertThat(problems(valid(ChatSdkConfig.Keys.APP_ID, "app:1"))).containsExactly("CHATSDK-016: "
                + "'chatsdk.app-id' " + SOURCE + " must be 1 to 255 characters without ':' or surrounding spaces; "
                + "set it to your ChatSDK app id");
    }

    @Test
    void parsesIsoAndShorthandDurations() {
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration(" 1h ")).isEqualTo(Duration.ofHours(1));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(dev.chatsdk.jakarta.config.Setting.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> dev.chatsdk.jakarta.config.Setting.parseDuration("1 hour"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsDurationsThatAreNotDurations() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "one hour"))).containsExactly("CHATSDK-020: "
                + "'chatsdk.token.access-ttl' " + SOURCE + " is 'one hour', not a duration; use ISO-8601 (PT1H, P7D) "
                + "or a number with ms, s, m, h or d (45s, 15m, 1h, 7d)");
    }

    @Test
    void rejectsDurationsThatAreNotPositive() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "0s"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.token.access-ttl' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h");
    }

    @Test
    void boundsTheBodyTimeout() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "3s"))).web().bodyTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "0s"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h");
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "6m"))).containsExactly("CHATSDK-023: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT6M, above its bound of PT5M because a client that "
                + "needs longer to send a few kilobytes holds a connection for nothing (the default is PT10S); use PT5M "
                + "or less");
    }

    @Test
    void rejectsARefreshLifetimeNotLongerThanAccess() {
        assertThat(problems(valid(ChatSdkConfig.Keys.REFRESH_TTL, "1h"))).containsExactly("CHATSDK-022: "
                + "'chatsdk.token.refresh-ttl' " + SOURCE + " (PT1H) must be longer than 'chatsdk.token.access-ttl' "
                + "(PT1H); raise it (the default is P7D)");
    }

    @Test
    void rejectsNumbersThatAreNotNumbersOrOutOfRange() {
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_BODY_SIZE, "16k"))).containsExactly("CHATSDK-030: "
                + "'chatsdk.web.max-body-size' " + SOURCE + " is '16k', not a whole number; give a number such as 16384");
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_BODY_SIZE, "0"))).containsExactly("CHATSDK-031: "
                + "'chatsdk.web.max-body-size' " + SOURCE + " is 0; use a number from 1 to 1048576");
        assertThat(problems(valid(ChatSdkConfig.Keys.MEMORY_MAX_SESSIONS, "-5"))).containsExactly("CHATSDK-031: "
                + "'chatsdk.session.memory.max-sessions' " + SOURCE + " is -5; use a number from 1 to 100000000");
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_PER_USER, "0"))).containsExactly("CHATSDK-031: "
                + "'chatsdk.session.max-per-user' " + SOURCE + " is 0; use a number from 1 to 100000000");
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_PER_USER, "many"))).singleElement().asString()
                .startsWith("CHATSDK-030: 'chatsdk.session.max-per-user' " + SOURCE + " is 'many', not a whole number");
    }

    @Test
    void readsTheSessionKeys() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.SESSION_STORE, "JDBC",
                ChatSdkConfig.Keys.JDBC_URL, "jdbc:h2:mem:x", ChatSdkConfig.Keys.JDBC_USER, "sa",
                ChatSdkConfig.Keys.JDBC_PASSWORD, "db-secret-1", ChatSdkConfig.Keys.JDBC_MAX_CONNECTIONS, "4",
                ChatSdkConfig.Keys.JDBC_TIMEOUT, "1500ms", ChatSdkConfig.Keys.ROTATION_GRACE, "0s", ChatSdkConfig.Keys.MAX_LIFETIME, "P14D",
                ChatSdkConfig.Keys.CLOCK_SKEW, "5s")));

        assertThat(config.session().store()).isEqualTo(SessionStoreType.JDBC);
        assertThat(config.session().jdbc().url().orElse(null)).isEqualTo("jdbc:h2:mem:x");
        assertThat(config.session().jdbc().user().orElse(null)).isEqualTo("sa");
        assertThat(config.session().jdbc().password().orElse(null)).isEqualTo("db-secret-1");
        assertThat(config.session().jdbc().maxConnections()).isEqualTo(4);
        assertThat(config.session().jdbc().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.session().rotationGrace()).isZero();
        assertThat(config.session().maxLifetime()).isEqualTo(Duration.ofDays(14));
        assertThat(config.token().clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("db-secret-1").contains("password=<set, 11 bytes>");
    }

    @Test
    void appliesTheSessionDefaults() {
        ChatSdkConfig config = test.builder().build();

        assertThat(config.session().store()).isEqualTo(SessionStoreType.MEMORY);
        assertThat(config.session().rotationGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.session().maxLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.token().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.session().memory().maxSessions()).isEqualTo(100_000);
        assertThat(config.session().maxPerUser()).isEqualTo(50);
        assertThat(config.session().jdbc().maxConnections()).isEqualTo(10);
        assertThat(config.session().jdbc().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void boundsTheJdbcTimeout() {
        String store = ChatSdkConfig.Keys.SESSION_STORE;
        String url = ChatSdkConfig.Keys.JDBC_URL;
        String timeout = ChatSdkConfig.Keys.JDBC_TIMEOUT;
        assertThat(problems(valid(store, "jdbc", url, "jdbc:h2:mem:x", timeout, "0s"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.session.jdbc.timeout' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h");
        assertThat(problems(valid(store, "jdbc", url, "jdbc:h2:mem:x", timeout, "2m"))).containsExactly("CHATSDK-023: "
                + "'chatsdk.session.jdbc.timeout' " + SOURCE + " is PT2M, above its bound of PT1M because a request "
                + "thread waits that long for a silent database; use PT1M or less");
        assertThat(ChatSdkConfig.from(mp(valid(store, "jdbc", url, "jdbc:h2:mem:x", timeout, "1m"))).session().jdbc().timeout())
                .isEqualTo(Duration.ofMinutes(1));
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
    void rejectsAnUnknownStore() {
        assertThat(problems(valid(ChatSdkConfig.Keys.SESSION_STORE, "redis"))).containsExactly("CHATSDK-050: "
                + "'chatsdk.session.store' " + SOURCE + " is 'redis'; use memory or jdbc");
    }

    @Test
    void needsExactlyOneJdbcSource() {
        String neither = "CHATSDK-051: 'chatsdk.session.store=jdbc' needs exactly one of 'chatsdk.session.jdbc.datasource'"
                + " and 'chatsdk.session.jdbc.url'; set the JNDI name of your application's DataSource (e.g. "
                + "java:comp/DefaultDataSource), or a JDBC URL";
        assertThat(problems(valid(ChatSdkConfig.Keys.SESSION_STORE, "jdbc"))).containsExactly(neither);
        assertThat(problems(valid(ChatSdkConfig.Keys.SESSION_STORE, "jdbc", ChatSdkConfig.Keys.JDBC_URL, "postgres://x")))
                .containsExactly("CHATSDK-052: 'chatsdk.session.jdbc.url' " + SOURCE + " does not start with 'jdbc:'; "
                        + "use a JDBC URL such as jdbc:postgresql://db:5432/app");
    }

    @Test
    void rejectsNegativeGraceAndSkew() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "-PT1S"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.session.rotation-grace' " + SOURCE + " is PT-1S; use zero or a positive duration such as "
                + "PT30S or 30s");
    }

    @Test
    void failsWhenTheNamedDataSourceIsNotInJndi() {
        ChatSdkConfig config = test.builder().set(ChatSdkConfig.Keys.SESSION_STORE, "jdbc")
                .set(SessionConfig.Jdbc.DATASOURCE, "java:comp/env/jdbc/missing").build();

        // the exception's name depends on the JNDI provider on the class path (none, or Jetty's)
        assertThatThrownBy(() -> ChatSdk.create(config)).isInstanceOf(ChatSdkConfigException.class)
                .hasMessageMatching("(?s).*\\QCHATSDK-053: 'chatsdk.session.jdbc.datasource' names "
                        + "'java:comp/env/jdbc/missing', which JNDI cannot find here (\\E\\w+\\Q); use the name your "
                        + "server binds, such as java:comp/DefaultDataSource, or set 'chatsdk.session.jdbc.url' "
                        + "instead\\E");
    }

    @Test
    void rejectsPathsThatCannotBeMapped() {
        assertThat(problems(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/api/*"))).containsExactly("CHATSDK-032: "
                + "'chatsdk.web.token-path' " + SOURCE + " is '/api/*'; use a path below the context root that "
                + "starts with '/' and has no wildcard, query or spaces, such as '/api/chat/token'");
        assertThat(problems(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/chatsdk/token"))).containsExactly("CHATSDK-033: "
                + "'chatsdk.web.token-path' " + SOURCE + " ('/chatsdk/token') must not lie under 'chatsdk.web.api-base' "
                + "('/chatsdk'); choose a path outside it");
    }

    @Test
    void rejectsAnUnknownServletFilterMode() {
        assertThat(problems(valid(ChatSdkConfig.Keys.SERVLET_FILTER, "sometimes"))).containsExactly("CHATSDK-034: "
                + "'chatsdk.web.servlet-filter' " + SOURCE + " is 'sometimes'; use auto, always or never");
    }

    @Test
    void rejectsAnEmptyApiKeyEntry() {
        assertThat(problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey + ",,"))).containsExactly(
                "CHATSDK-035: 'chatsdk.web.api-keys' " + SOURCE + " has an empty entry at position 2; remove the extra comma",
                "CHATSDK-035: 'chatsdk.web.api-keys' " + SOURCE + " has an empty entry at position 3; remove the extra comma");
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
    void rejectsAHealthSwitchThatIsNotABoolean() {
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_ENABLED, "yes"))).containsExactly(
                "CHATSDK-025: 'chatsdk.web.health-enabled' " + SOURCE + " is 'yes'; use true or false");
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_DETAILS, "on"))).containsExactly(
                "CHATSDK-025: 'chatsdk.web.health-details' " + SOURCE + " is 'on'; use true or false");
    }
    @Test
    void acceptsABareZeroWhereADurationMayBeZero() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "0",
                ChatSdkConfig.Keys.CLOCK_SKEW, " 0 ")));

        assertThat(config.session().rotationGrace()).isZero();
        assertThat(config.token().clockSkew()).isZero();
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "0", ChatSdkConfig.Keys.MAX_LIFETIME, "0"))).containsExactly(
                "CHATSDK-021: 'chatsdk.token.access-ttl' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h",
                "CHATSDK-021: 'chatsdk.session.max-lifetime' " + SOURCE + " is PT0S; use a positive duration such as PT1H "
                        + "or 1h");
        assertThat(problems(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "00"))).containsExactly("CHATSDK-020: "
                + "'chatsdk.session.rotation-grace' " + SOURCE + " is '00', not a duration; use ISO-8601 (PT1H, P7D) or a "
                + "number with ms, s, m, h or d (45s, 15m, 1h, 7d)");
    }

    @Test
    void refusesAcceptedApiKeysShorterThan32CharactersWithoutPrintingThem() {
        String shortKey = "x".repeat(31);
        List<String> problems = problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey + "," + shortKey));

        assertThat(problems).containsExactly("CHATSDK-043: 'chatsdk.web.api-keys' " + SOURCE + " has a key at position 2 "
                + "that is 31 characters long; the token API accepts only keys of at least 32 characters, e.g. the output "
                + "of 'openssl rand -base64 32'");
        assertThat(problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, "x"))).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.WEB_API_KEYS, "x".repeat(32)))).web().apiKeys()).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "k1"))).remote().apiKey()).as("the upstream's key is the upstream's to choose")
                .contains("k1");
    }

    @Test
    void holdsRetiredHmacSecretsToTheActiveSecretsRules() {
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS,
                "old-1=" + "s".repeat(31) + ",old-2=" + test.wsSecret + ",old-3=" + TestConfig.randomSecret()));

        assertThat(problems).containsExactly("CHATSDK-017: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired "
                + "key 'old-1' of 31 bytes; HS256 needs at least 32 bytes, so remove it (tokens it signed cannot be "
                + "trusted)", "CHATSDK-018: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired key 'old-2' "
                + "equal to, containing or part of 'chatsdk.local.ws-secret' " + SOURCE + ", so a leaked realtime "
                + "secret could sign access tokens; remove it, or change chatsdk.local.ws-secret");
        assertThat(String.join("\n", problems)).doesNotContain(test.wsSecret);
    }

    @Test
    void holdsRetiredSecretsApartFromTheRealtimeSecretAndFreeOfPasteErrors() {
        // the second attack review's case: the ws secret minus its last character, retired, signed access tokens
        String part = test.wsSecret.substring(0, test.wsSecret.length() - 1);
        for (String retired : List.of(part, test.wsSecret + "x")) {
            assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired))).as(retired)
                    .singleElement().asString().startsWith("CHATSDK-018: 'chatsdk.local.previous-keys' ");
        }
        for (String retired : List.of(TestConfig.randomSecret() + " # c", TestConfig.randomSecret() + "\u00a0")) {
            assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired))).as(retired)
                    .containsExactly("CHATSDK-019: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired key "
                            + "'old' starting or ending with whitespace, or with what looks like an inline comment "
                            + "(whitespace, then '#' or '!'); write the secret alone");
        }
        assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, test.secret + "\u00a0"))).as("a no-break space")
                .singleElement().asString().startsWith("CHATSDK-019: 'chatsdk.local.secret' ");
    }

    @Test
    void refusesACentrifugoApiKeyThatIsASigningSecret() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, test.secret))).containsExactly("CHATSDK-012: "
                        + "'chatsdk.centrifugo.api-key' " + SOURCE + " equals, contains or is part of a secret in "
                        + "'chatsdk.local.secret' " + SOURCE + ", and is sent to Centrifugo on every disconnect; give "
                        + "Centrifugo's API its own key");
    }

    @Test
    void readsTheForwardedHeaderAndRefusesAnythingElse() {
        assertThat(ChatSdkConfig.from(mp(valid())).web().proxies().forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "Forwarded"))).web().proxies().forwardedHeader())
                .isEqualTo(ForwardedHeader.FORWARDED);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "none"))).web().proxies().forwardedHeader())
                .isEqualTo(ForwardedHeader.NONE);
        assertThat(problems(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "x-real-ip"))).containsExactly("CHATSDK-041: "
                + "'chatsdk.web.forwarded-header' " + SOURCE + " is 'x-real-ip'; use x-forwarded-for, forwarded or none");
    }

    @Test
    void takesAnAuthChallengeOnOneLineOfPrintableAsciiOnly() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, null))).web().authChallenge()).isEmpty();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, " Basic realm=\"app\" ")))
                .web().authChallenge()).contains("Basic realm=\"app\"");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Bearer"))).web().authChallenge())
                .contains("Bearer");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE,
                "Basic realm=\"ChatSDK quickstart\", charset=\"UTF-8\""))).web().authChallenge()).isPresent();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Negotiate abc+/=="))).web().authChallenge())
                .isPresent();
        for (String bad : new String[] {"Basic realm=\"a\"\r\nSet-Cookie: x=y", "realm=\"app\"", "Basic réalm=\"app\"",
                "Basic " + "x".repeat(1100), "Basic realm=\"a", "x y z", "Basic realm=a b", "Basic realm=\"a\";x=y"}) {
            assertThat(problems(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, bad))).as(bad).containsExactly("CHATSDK-039: "
                    + "'chatsdk.web.auth-challenge' " + SOURCE + " is not a WWW-Authenticate challenge; give an auth "
                    + "scheme and its parameters in printable ASCII on one line, such as Basic realm=\"app\"");
        }
    }

    @Test
    void refusesTrustedProxiesThatCanNeverMatch() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5, 10.0.0.0/8, fd00::/8")))
                .web().proxies().trusted()).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.0/8", "fd00::/8");
        assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5,proxy.internal,10.0.0.0/40")))
                .containsExactlyInAnyOrder("CHATSDK-042: 'chatsdk.web.trusted-proxies' " + SOURCE + " has "
                        + "'proxy.internal', which is neither an IP address nor a CIDR range and so can never match a "
                        + "proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges (10.0.0.0/8, fd00::/8), "
                        + "host names are not resolved", "CHATSDK-042: 'chatsdk.web.trusted-proxies' " + SOURCE + " has "
                        + "'10.0.0.0/40', which is neither an IP address nor a CIDR range and so can never match a "
                        + "proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges (10.0.0.0/8, fd00::/8), "
                        + "host names are not resolved");
    }

    @Test
    void keepsAFailedApiKeyBudgetThatCannotBeTurnedOff() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, null))).rateLimits().failedApiKey()
                .toString()).isEqualTo("10/PT1M");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, "3/10s")))
                .rateLimits().failedApiKey().toString()).isEqualTo("3/PT10S");
        assertThat(problems(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, "off"))).containsExactly("CHATSDK-044: "
                + "'chatsdk.rate-limit.failed-api-key' " + SOURCE + " cannot be off: wrong API keys are always throttled "
                + "per client address; give a rate such as 10/1m");
    }

    private static String above(String key, String value, String bound, String because) {
        return "CHATSDK-023: '" + key + "' " + SOURCE + " is " + value + ", above its bound of " + bound + " because "
                + because + "; use " + bound + " or less";
    }

    @Test
    void failsStartupWhenTheClockSkewExceedsFiveMinutes() {
        String because = "a larger leeway keeps expired tokens valid (keep the clocks in step with NTP instead)";
        assertThat(problems(valid(ChatSdkConfig.Keys.CLOCK_SKEW, "365d"))).containsExactly(
                above("chatsdk.token.clock-skew", "PT8760H", "PT5M", because));
        assertThat(problems(valid(ChatSdkConfig.Keys.CLOCK_SKEW, "301s"))).containsExactly(
                above("chatsdk.token.clock-skew", "PT5M1S", "PT5M", because));
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.CLOCK_SKEW, "5m"))).token().clockSkew())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void failsStartupWhenTheRotationGraceExceedsFiveMinutes() {
        String because = "a retry comes within seconds, and a thief's replay within the grace passes for one";
        assertThat(problems(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "30d"))).containsExactly(
                above("chatsdk.session.rotation-grace", "PT720H", "PT5M", because));
        assertThat(problems(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "PT5M0.001S"))).containsExactly(
                above("chatsdk.session.rotation-grace", "PT5M0.001S", "PT5M", because));
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "PT5M"))).session().rotationGrace())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void failsStartupWhenASessionOrTokenWouldLiveBeyondItsBound() {
        String session = "a user logs in again at least once a year, and a stolen session ends with it";
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_LIFETIME, "PT2562047788015215H"))).containsExactly(
                above("chatsdk.session.max-lifetime", "PT2562047788015215H", "PT8760H", session));
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_LIFETIME, "999999999d"))).containsExactly(
                above("chatsdk.session.max-lifetime", "PT23999999976H", "PT8760H", session));
        assertThat(problems(valid(ChatSdkConfig.Keys.MAX_LIFETIME, "366d"))).containsExactly(
                above("chatsdk.session.max-lifetime", "PT8784H", "PT8760H", session));
        assertThat(problems(valid(ChatSdkConfig.Keys.REFRESH_TTL, "P366D"))).containsExactly(
                above("chatsdk.token.refresh-ttl", "PT8784H", "PT8760H", "a refresh token lives no longer than its "
                        + "session, and a session at most a year"));
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "25h"))).containsExactly(
                above("chatsdk.token.access-ttl", "PT25H", "PT24H", "signature-only verifiers accept an access token "
                        + "until it expires, whatever was revoked"));
    }

    @Test
    void needsTokenLifetimesInWholeSeconds() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "1500ms", ChatSdkConfig.Keys.REFRESH_TTL, "PT1H0.5S")))
                .containsExactly("CHATSDK-024: 'chatsdk.token.access-ttl' " + SOURCE + " is PT1.5S; token times are "
                        + "whole seconds, so use whole seconds such as 90s or PT15M", "CHATSDK-024: "
                        + "'chatsdk.token.refresh-ttl' " + SOURCE + " is PT1H0.5S; token times are whole seconds, so use "
                        + "whole seconds such as 90s or PT15M");
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "500ms"))).singleElement().asString()
                .startsWith("CHATSDK-024: 'chatsdk.token.access-ttl' " + SOURCE + " is PT0.5S;");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ACCESS_TTL, "3h", ChatSdkConfig.Keys.MAX_LIFETIME, "2h")))
                .session().maxLifetime()).as("token lifetimes beyond the session are capped by it, not refused").hasHours(2);
    }

    @Test
    void startsAndIssuesWithTheLargestValueOfEveryBoundInBothStores() {
        Map<String, String> largest = valid(ChatSdkConfig.Keys.CLOCK_SKEW, "PT5M", ChatSdkConfig.Keys.ROTATION_GRACE,
                "5m", ChatSdkConfig.Keys.ACCESS_TTL, "P1D", ChatSdkConfig.Keys.REFRESH_TTL, "P365D",
                ChatSdkConfig.Keys.MAX_LIFETIME, "365d");
        for (String store : new String[] {"memory", "jdbc"}) {
            Map<String, String> p = new HashMap<>(largest);
            if (store.equals("jdbc")) {
                p.put(ChatSdkConfig.Keys.SESSION_STORE, "jdbc");
                p.put(ChatSdkConfig.Keys.JDBC_URL, "jdbc:h2:mem:bounds-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            }
            ChatSdk sdk = ChatSdk.create(ChatSdkConfig.from(mp(p)));
            ChatTokens issued = sdk.issue(ChatUser.of("u-1"));
            ChatTokens refreshed = sdk.refresh(issued.refreshToken());

            com.auth0.jwt.interfaces.DecodedJWT refresh = com.auth0.jwt.JWT.decode(refreshed.refreshToken());
            assertThat(refresh.getExpiresAtAsInstant()).as(store)
                    .isAfter(issued.issuedAt().plus(Duration.ofDays(364))).isBefore(issued.issuedAt().plus(Duration.ofDays(366)));
            assertThat(com.auth0.jwt.JWT.decode(refreshed.accessToken()).getExpiresAtAsInstant()).as(store)
                    .isAfter(issued.issuedAt().plus(Duration.ofHours(23)));
            assertThat(refreshed.sessionId()).isEqualTo(issued.sessionId());
        }
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
    void refusesTrustedProxyRangesSoWideThatAnyoneCouldForgeTheClientAddress() {
        for (String[] wide : new String[][] {{"0.0.0.0/0", "8"}, {"::/0", "16"}, {"128.0.0.0/1", "8"},
            {"10.0.0.0/7", "8"}, {"2000::/3", "16"}, {"2001:db8::/15", "16"}, {"fc00::/7", "8"}, {"::ffff:0:0/0", "8"}}) {
            assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5, " + wide[0]))).as(wide[0])
                    .containsExactly("CHATSDK-045: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '" + wide[0] + "', a "
                            + "range wider than /" + wide[1] + ", which holds addresses that are no proxy of yours: any "
                            + "of them could forge the client address; list your proxies' own addresses or network (such "
                            + "as 10.0.0.0/8 or fd00::/8)");
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES,
                "10.0.0.0/8, 172.16.0.0/12, fd00::/8, 2a06:98c0::/29, 2001::/16, 127.0.0.1, ::1"))).web().proxies().trusted())
                .hasSize(7);
    }

    @Test
    void refusesATrustedProxyAddressWrittenWithAPrefixNamingTheNetwork() {
        assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5/8, 2001:db8::1/32, 192.168.1.130/25")))
                .containsExactlyInAnyOrder(
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '10.0.0.5/8', an address with a "
                                + "prefix; write the network '10.0.0.0/8', or the address alone",
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '2001:db8::1/32', an address with "
                                + "a prefix; write the network '2001:db8::/32', or the address alone",
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '192.168.1.130/25', an address "
                                + "with a prefix; write the network '192.168.1.128/25', or the address alone");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5/32, 192.168.1.128/25")))
                .web().proxies().trusted()).hasSize(2);
    }

    @Test
    void refusesCorsOriginsNoBrowserSendsNamingTheOriginToWrite() {
        String[][] cases = {
            {"https://app.example.com/", "an origin has no path, not even '/'", "https://app.example.com"},
            {"https://app.example.com/app", "an origin has no path, not even '/'", "https://app.example.com"},
            {"https://user:pw@app.example.com", "browsers never send credentials in an origin", "https://app.example.com"},
            {"https://app.example.com?x=1", "an origin has no query or fragment", "https://app.example.com"},
            {"https://app.example.com#top", "an origin has no query or fragment", "https://app.example.com"},
            {"https://app.example.com:443", "browsers leave the default port out", "https://app.example.com"},
            {"http://app.example.com:80", "browsers leave the default port out", "http://app.example.com"},
            {"HTTPS://App.Example.com:8443", "browsers write the scheme and host in lower case", "https://app.example.com:8443"},
            {"https://app.example.com:08443", "it is not an origin as browsers write it (ASCII host, punycode for "
                    + "international names, port 1 to 65535 without leading zeros)", "https://app.example.com:8443"}};
        for (String[] c : cases) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, c[0]));
            assertThat(problems).as(c[0]).containsExactly("CHATSDK-047: 'chatsdk.web.cors.allowed-origins' " + SOURCE
                    + " has '" + RedactedUrlOf.of(c[0]) + "', which no browser sends as its Origin (" + c[1] + "); write '"
                    + c[2] + "'");
        }
        assertThat(String.join("\n", problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS,
                "https://user:pw@app.example.com")))).doesNotContain("pw");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS,
                "https://app.example.com, http://localhost:3000, https://[::1]:8443, https://xn--bcher-kva.example")))
                .web().cors().allowedOrigins()).hasSize(4);
    }

    @Test
    void refusesCorsOriginsThatCannotBeMadeExact() {
        String[][] cases = {{"*", "a wildcard is never an origin: list each origin"},
            {"https://*.example.com", "a wildcard is never an origin: list each origin"},
            {"null", "it is not an http or https origin"}, {"app.example.com", "it is not an http or https origin"},
            {"ftp://files.example.com", "it is not an http or https origin"},
            {"chrome-extension://abcdef", "it is not an http or https origin"},
            {"https://bücher.example", "it is not an http or https origin"},
            {"https://app.example.com:99999", "it is not an origin as browsers write it (ASCII host, punycode for "
                    + "international names, port 1 to 65535 without leading zeros)"}};
        for (String[] c : cases) {
            assertThat(problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, c[0]))).as(c[0]).containsExactly(
                    "CHATSDK-038: 'chatsdk.web.cors.allowed-origins' " + SOURCE + " has '" + c[0] + "' (" + c[1] + "); "
                            + "list exact origins such as https://app.example.com (scheme, host and port, no path, no "
                            + "wildcard)");
        }
    }

    @Test
    void refusesEmptyEntriesInEveryList() {
        for (String key : new String[] {ChatSdkConfig.Keys.SCOPES, ChatSdkConfig.Keys.ROLES_ALLOWED,
            ChatSdkConfig.Keys.TRUSTED_PROXIES, ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, ChatSdkConfig.Keys.IDENTITY_JWT_CLAIMS,
            ChatSdkConfig.Keys.IDENTITY_ROLE_CLAIMS}) {
            String value = key.equals(ChatSdkConfig.Keys.TRUSTED_PROXIES) ? "10.0.0.1,,10.0.0.2,"
                    : key.equals(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS) ? "https://a.example,,https://b.example," : "a,,b,";
            assertThat(problems(valid(key, value))).as(key).containsExactly(
                    "CHATSDK-035: '" + key + "' " + SOURCE + " has an empty entry at position 2; remove the extra comma",
                    "CHATSDK-035: '" + key + "' " + SOURCE + " has an empty entry at position 4; remove the extra comma");
        }
        String retired = "old=" + TestConfig.randomSecret();
        assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, retired + ", "))).containsExactly(
                "CHATSDK-035: 'chatsdk.local.previous-keys' " + SOURCE + " has an empty entry at position 2; remove the "
                        + "extra comma");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.SCOPES, " chat:read , chat:write "))).token().scopes())
                .containsExactly("chat:read", "chat:write");
    }

    @Test
    void refusesPathsNoRequestCouldReach() {
        for (String[] c : new String[][] {{ChatSdkConfig.Keys.TOKEN_PATH, "/api/./chat/token"},
            {ChatSdkConfig.Keys.TOKEN_PATH, "/api/chat/../token"}, {ChatSdkConfig.Keys.API_BASE, "/chatsdk;v=1"},
            {ChatSdkConfig.Keys.API_BASE, "/x/.."}}) {
            assertThat(problems(valid(c[0], c[1]))).as(c[1]).containsExactly("CHATSDK-049: '" + c[0] + "' " + SOURCE
                    + " is '" + c[1] + "'; servers cut ';' parameters and resolve '.' and '..' segments before any "
                    + "request is matched, so no request could ever reach it; write the path as it resolves, without ';'");
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/api/v1.2/chat..token"))).web().tokenPath())
                .isEqualTo("/api/v1.2/chat..token");
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

    /** What configuration messages print for a URL (credentials, query and fragment withheld). */
    private static final class RedactedUrlOf {
        static String of(String url) {
            return dev.chatsdk.jakarta.remote.RedactedUrl.of(url);
        }
    }
}
