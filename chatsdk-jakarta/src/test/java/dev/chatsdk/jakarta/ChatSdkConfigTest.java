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
        assertThat(config.apiKeys()).hasSize(2).endsWith(test.apiKey);
        assertThat(config.accessTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.tokenIssuer()).isEqualTo("my-iss");
        assertThat(config.audience()).isEqualTo("my-aud");
        assertThat(config.scopes()).containsExactly("chat:read", "chat:write");
        assertThat(config.localSecret()).isEqualTo(test.secret);
        assertThat(config.localWsSecret()).isEqualTo(test.wsSecret);
        assertThat(config.keyId()).isEqualTo("k2");
        assertThat(config.rolesAllowed()).containsExactlyInAnyOrder("a", "b");
        assertThat(config.tokenPath()).isEqualTo("/chat/token");
        assertThat(config.apiBase()).isEqualTo("/x/tokens");
        assertThat(config.maxBodySize()).isEqualTo(2048);
        assertThat(config.servletFilter()).isEqualTo(ChatSdkConfig.ServletFilterMode.ALWAYS);
    }

    @Test
    void appliesTheContractDefaults() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.APP_ID, TestConfig.APP_ID,
                ChatSdkConfig.Keys.LOCAL_SECRET, test.secret, ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.wsSecret)));

        assertThat(config.accessTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.refreshTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.tokenIssuer()).isEqualTo("chatsdk-api");
        assertThat(config.audience()).isEqualTo("chatsdk-client");
        assertThat(config.scopes()).containsExactly("chat:read", "chat:write", "reaction:write", "typing:write",
                "upload:write", "search:read");
        assertThat(config.keyId()).isEqualTo("chatsdk-1");
        assertThat(config.apiKeys()).isEmpty();
        assertThat(config.rolesAllowed()).isEmpty();
        assertThat(config.tokenPath()).isEqualTo("/api/chat/token");
        assertThat(config.apiBase()).isEqualTo("/chatsdk");
        assertThat(config.maxBodySize()).isEqualTo(16384);
        assertThat(config.servletFilter()).isEqualTo(ChatSdkConfig.ServletFilterMode.AUTO);
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
                        + SOURCE + ", so that a leaked realtime secret cannot sign access tokens; set a second "
                        + "random secret");
    }

    @Test
    void rejectsAnAppIdThatCannotStandInSub() {
        assertThat(problems(valid(ChatSdkConfig.Keys.APP_ID, "app:1"))).containsExactly("CHATSDK-016: "
                + "'chatsdk.app-id' " + SOURCE + " must be 1 to 255 characters without ':' or surrounding spaces; "
                + "set it to your ChatSDK app id");
    }

    @Test
    void parsesIsoAndShorthandDurations() {
        assertThat(MicroProfileConfigReader.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(MicroProfileConfigReader.parseDuration("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(MicroProfileConfigReader.parseDuration("pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(MicroProfileConfigReader.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(MicroProfileConfigReader.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(MicroProfileConfigReader.parseDuration(" 1h ")).isEqualTo(Duration.ofHours(1));
        assertThat(MicroProfileConfigReader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(MicroProfileConfigReader.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> MicroProfileConfigReader.parseDuration("1 hour"))
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
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "3s"))).bodyTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "0s"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h");
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "6m"))).containsExactly("CHATSDK-047: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT6M; use at most PT5M (a client that needs longer to "
                + "send a few kilobytes holds a connection for nothing), such as the default PT10S");
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
                ChatSdkConfig.Keys.ROTATION_GRACE, "0s", ChatSdkConfig.Keys.MAX_LIFETIME, "P14D",
                ChatSdkConfig.Keys.CLOCK_SKEW, "5s")));

        assertThat(config.sessionStore()).isEqualTo("jdbc");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(config.jdbcUser()).isEqualTo("sa");
        assertThat(config.jdbcPassword()).isEqualTo("db-secret-1");
        assertThat(config.jdbcMaxConnections()).isEqualTo(4);
        assertThat(config.rotationGrace()).isZero();
        assertThat(config.maxLifetime()).isEqualTo(Duration.ofDays(14));
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("db-secret-1").contains("jdbcPassword=<set, 11 bytes>");
    }

    @Test
    void appliesTheSessionDefaults() {
        ChatSdkConfig config = test.builder().build();

        assertThat(config.sessionStore()).isEqualTo("memory");
        assertThat(config.rotationGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.memoryMaxSessions()).isEqualTo(100_000);
        assertThat(config.maxPerUser()).isEqualTo(50);
        assertThat(config.jdbcMaxConnections()).isEqualTo(10);
    }

    @Test
    void choosesTheRemoteIssuerWhenAnApiUrlIsSet() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com/",
                ChatSdkConfig.Keys.API_KEY, "ck_live_1", ChatSdkConfig.Keys.REMOTE_REQUEST_TIMEOUT, "3s",
                ChatSdkConfig.Keys.REMOTE_LOGOUT_PATH, "/auth/logout")));

        assertThat(config.issuer()).isEqualTo("remote");
        assertThat(config.apiUrl()).isEqualTo("https://chat.example.com");
        assertThat(config.remoteTokenPath()).isEqualTo("/api/auth/connect");
        assertThat(config.remoteRefreshPath()).isEqualTo("/api/auth/refresh");
        assertThat(config.remoteLogoutPath()).isEqualTo("/auth/logout");
        assertThat(config.remoteRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.remoteConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.remoteMaxConcurrentCalls()).isEqualTo(64);
        assertThat(config.toString()).doesNotContain("ck_live_1");
        assertThat(ChatSdkConfig.from(mp(valid())).issuer()).isEqualTo("local");
    }

    @Test
    void needsAnApiUrlAndOneKeyForTheRemoteIssuer() {
        assertThat(problems(Map.of(ChatSdkConfig.Keys.ISSUER, "remote"))).containsExactly(
                "CHATSDK-080: 'chatsdk.api-url' is required when 'chatsdk.issuer=remote'; set it (env CHATSDK_API_URL) "
                        + "to your ChatSDK API's base URL, such as https://chat.example.com",
                "CHATSDK-082: 'chatsdk.api-key' is required when 'chatsdk.issuer=remote'; set it (env CHATSDK_API_KEY) "
                        + "to the API key from your ChatSDK dashboard");
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "chat.example.com", ChatSdkConfig.Keys.API_KEY, "a,b")))
                .containsExactly("CHATSDK-081: 'chatsdk.api-url' " + SOURCE + " is 'chat.example.com', not an absolute "
                        + "http or https URL; use the ChatSDK API's base URL, such as https://chat.example.com",
                        "CHATSDK-083: 'chatsdk.api-key' " + SOURCE + " lists 2 keys; the remote issuer sends one, so "
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
        ChatSdkConfig config = test.builder().sessionStore("jdbc").jdbcDataSource("java:comp/env/jdbc/missing").build();

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
        assertThat(problems(valid(ChatSdkConfig.Keys.API_KEY, test.apiKey + ",,"))).containsExactly(
                "CHATSDK-035: 'chatsdk.api-key' " + SOURCE + " has an empty entry at position 2; remove the extra comma",
                "CHATSDK-035: 'chatsdk.api-key' " + SOURCE + " has an empty entry at position 3; remove the extra comma");
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
                .contains("localSecret=<set, 48 bytes>", "apiKeys=2 set");
    }

    @Test
    void buildsInCodeWithTheSameRules() {
        assertThat(test.builder().build().rolesAllowed()).isEqualTo(Set.of(TestUsers.CHAT_ROLE));
        assertThatThrownBy(() -> test.builder().localWsSecret(null).build())
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
        List<String> warnings = new java.util.ArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.chatsdk.jakarta");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            Map<String, String> withTypo = valid("chatsdk.token.acess-ttl", "2h");
            withTypo.put("chatsdk.remote.request.timeout", "3s"); // how an environment source spells a known key
            ChatSdkConfig.from(mp(withTypo));
        } finally {
            log.removeHandler(capture);
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

        assertThat(config.healthEnabled()).isFalse();
        assertThat(config.healthDetails()).isTrue();
        assertThat(config.centrifugoApiUrl()).isEqualTo("http://centrifugo:8000/api");
        assertThat(config.centrifugoApiKey()).isEqualTo(key);
        assertThat(config.centrifugoEnabled()).isTrue();
        assertThat(config.toString()).doesNotContain(key).contains("centrifugoApiKey=<set, 52 bytes>");
        ChatSdkConfig defaults = ChatSdkConfig.from(mp(valid()));
        assertThat(defaults.healthEnabled()).isTrue();
        assertThat(defaults.healthDetails()).isFalse();
        assertThat(defaults.centrifugoEnabled()).isFalse();
    }

    @Test
    void needsBothCentrifugoKeysNamingTheMissingOne() {
        String key = "cfg_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api"))).containsExactly(
                "CHATSDK-571: 'chatsdk.centrifugo.api-key' is required when 'chatsdk.centrifugo.api-url' " + SOURCE
                        + " is set; set it (env CHATSDK_CENTRIFUGO_API_KEY) to Centrifugo's server API key, or remove "
                        + "chatsdk.centrifugo.api-url");
        List<String> keyOnly = problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, key));
        assertThat(keyOnly).containsExactly("CHATSDK-572: 'chatsdk.centrifugo.api-url' is required when "
                + "'chatsdk.centrifugo.api-key' " + SOURCE + " is set; set it (env CHATSDK_CENTRIFUGO_API_URL) to "
                + "Centrifugo's server API base URL, such as http://centrifugo:8000/api, or remove chatsdk.centrifugo.api-key");
        assertThat(String.join("\n", keyOnly)).doesNotContain(key);
    }

    @Test
    void rejectsACentrifugoUrlThatIsNotHttpAndCentrifugoWithTheRemoteIssuer() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "centrifugo:8000",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k"))).containsExactly("CHATSDK-573: 'chatsdk.centrifugo.api-url' "
                        + SOURCE + " is 'centrifugo:8000', not an absolute http or https URL; use the base URL of "
                        + "Centrifugo's server API, such as http://centrifugo:8000/api");
        assertThat(problems(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com", ChatSdkConfig.Keys.API_KEY,
                "ck_live_1", ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k"))).containsExactly("CHATSDK-574: 'chatsdk.centrifugo.api-url' "
                        + SOURCE + " is set with 'chatsdk.issuer=remote'; the ChatSDK API keeps the sessions and "
                        + "disconnects its own sockets, so remove the chatsdk.centrifugo.* keys");
    }

    @Test
    void checksTheCallSettingsWhenCentrifugoIsOnWithTheLocalIssuer() {
        assertThat(problems(valid(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, "http://centrifugo:8000/api",
                ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, "k", ChatSdkConfig.Keys.REMOTE_MAX_ATTEMPTS, "0")))
                .containsExactly("CHATSDK-031: 'chatsdk.remote.max-attempts' " + SOURCE + " is 0; use a number from 1 to 10");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.REMOTE_MAX_ATTEMPTS, "0"))).remoteMaxAttempts())
                .as("unused without Centrifugo or the remote issuer").isZero();
    }

    @Test
    void rejectsAHealthSwitchThatIsNotABoolean() {
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_ENABLED, "yes"))).containsExactly(
                "CHATSDK-570: 'chatsdk.web.health-enabled' " + SOURCE + " is 'yes'; use true or false");
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_DETAILS, "on"))).containsExactly(
                "CHATSDK-578: 'chatsdk.web.health-details' " + SOURCE + " is 'on'; use true or false");
    }
    @Test
    void acceptsABareZeroWhereADurationMayBeZero() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.ROTATION_GRACE, "0",
                ChatSdkConfig.Keys.CLOCK_SKEW, " 0 ")));

        assertThat(config.rotationGrace()).isZero();
        assertThat(config.clockSkew()).isZero();
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
        List<String> problems = problems(valid(ChatSdkConfig.Keys.API_KEY, test.apiKey + "," + shortKey));

        assertThat(problems).containsExactly("CHATSDK-043: 'chatsdk.api-key' " + SOURCE + " has a key at position 2 "
                + "that is 31 characters long; the token API accepts only keys of at least 32 characters, e.g. the output "
                + "of 'openssl rand -base64 32'");
        assertThat(problems(valid(ChatSdkConfig.Keys.API_KEY, "x"))).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.API_KEY, "x".repeat(32)))).apiKeys()).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.API_KEY, "k1"))).apiKeys()).as("the upstream's key is the upstream's to choose")
                .containsExactly("k1");
    }

    @Test
    void holdsRetiredHmacSecretsToTheActiveSecretsRules() {
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS,
                "old-1=" + "s".repeat(31) + ",old-2=" + test.wsSecret + ",old-3=" + TestConfig.randomSecret()));

        assertThat(problems).containsExactly("CHATSDK-017: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired "
                + "key 'old-1' of 31 bytes; HS256 needs at least 32 bytes, so remove it (tokens it signed cannot be "
                + "trusted)", "CHATSDK-018: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired key 'old-2' "
                + "equal to 'chatsdk.local.ws-secret' " + SOURCE + ", so a leaked realtime secret could sign access "
                + "tokens; remove it, or change chatsdk.local.ws-secret");
        assertThat(String.join("\n", problems)).doesNotContain(test.wsSecret);
    }

    @Test
    void readsTheForwardedHeaderAndRefusesAnythingElse() {
        assertThat(ChatSdkConfig.from(mp(valid())).forwardedHeader()).isEqualTo(ChatSdkConfig.ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "Forwarded"))).forwardedHeader())
                .isEqualTo(ChatSdkConfig.ForwardedHeader.FORWARDED);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "none"))).forwardedHeader())
                .isEqualTo(ChatSdkConfig.ForwardedHeader.NONE);
        assertThat(problems(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "x-real-ip"))).containsExactly("CHATSDK-041: "
                + "'chatsdk.web.forwarded-header' " + SOURCE + " is 'x-real-ip'; use x-forwarded-for, forwarded or none");
    }

    @Test
    void takesAnAuthChallengeOnOneLineOfPrintableAsciiOnly() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, null))).authChallenge()).isEmpty();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, " Basic realm=\"app\" ")))
                .authChallenge()).contains("Basic realm=\"app\"");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Bearer"))).authChallenge())
                .contains("Bearer");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE,
                "Basic realm=\"ChatSDK quickstart\", charset=\"UTF-8\""))).authChallenge()).isPresent();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Negotiate abc+/=="))).authChallenge())
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
                .trustedProxies()).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.0/8", "fd00::/8");
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
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, null))).rateLimitFailedApiKey()
                .toString()).isEqualTo("10/PT1M");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, "3/10s")))
                .rateLimitFailedApiKey().toString()).isEqualTo("3/PT10S");
        assertThat(problems(valid(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, "off"))).containsExactly("CHATSDK-044: "
                + "'chatsdk.rate-limit.failed-api-key' " + SOURCE + " cannot be off: wrong API keys are always throttled "
                + "per client address; give a rate such as 10/1m");
    }
}
