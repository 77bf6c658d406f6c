package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.above;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.session.*} keys ({@link SessionConfig}): the store, its JDBC source, the rotation grace and lifetime bounds. */
class SessionConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void readsTheSessionKeys() {
        ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.SESSION_STORE, "JDBC",
                ChatSdkConfig.Keys.JDBC_URL, "jdbc:h2:mem:x", ChatSdkConfig.Keys.JDBC_USER, "sa",
                ChatSdkConfig.Keys.JDBC_PASSWORD, "db-secret-1", ChatSdkConfig.Keys.JDBC_MAX_CONNECTIONS, "4",
                ChatSdkConfig.Keys.JDBC_TIMEOUT, "1500ms", ChatSdkConfig.Keys.ROTATION_GRACE, "0s", ChatSdkConfig.Keys.MAX_LIFETIME, "P14D",
                ChatSdkConfig.Keys.CLOCK_SKEW, "5s", ChatSdkConfig.Keys.JDBC_CREATE_SCHEMA, "false")));

        assertThat(config.session().store()).isEqualTo(SessionStoreType.JDBC);
        assertThat(config.session().jdbc().url().orElse(null)).isEqualTo("jdbc:h2:mem:x");
        assertThat(config.session().jdbc().user().orElse(null)).isEqualTo("sa");
        assertThat(config.session().jdbc().password().orElse(null)).isEqualTo("db-secret-1");
        assertThat(config.session().jdbc().maxConnections()).isEqualTo(4);
        assertThat(config.session().jdbc().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.session().jdbc().createSchema()).isFalse();
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
        assertThat(config.session().jdbc().createSchema()).isTrue();
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
    void rejectsAnUnknownStore() {
        assertThat(problems(valid(ChatSdkConfig.Keys.SESSION_STORE, "redis"))).containsExactly("CHATSDK-050: "
                + "'chatsdk.session.store' " + SOURCE + " is 'redis'; use memory or jdbc");
    }

    @Test
    void needsExactlyOneJdbcSource() {
        String neither = "CHATSDK-051: 'chatsdk.session.store=jdbc' needs exactly one of 'chatsdk.session.jdbc.datasource'"
                + " and 'chatsdk.session.jdbc.url'; set the JNDI name of your application's DataSource (e.g. "
                + "java:jboss/datasources/ChatDS), or a JDBC URL";
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
                        + "server binds, such as java:jboss/datasources/ChatDS, or set 'chatsdk.session.jdbc.url' "
                        + "instead\\E");
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
}
