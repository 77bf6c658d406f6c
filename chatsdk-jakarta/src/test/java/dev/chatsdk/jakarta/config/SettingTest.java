package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The syntax every part reads its values in: durations, whole numbers and comma-separated lists. */
class SettingTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void parsesIsoAndShorthandDurations() {
        assertThat(Setting.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Setting.parseDuration("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(Setting.parseDuration("pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Setting.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Setting.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Setting.parseDuration(" 1h ")).isEqualTo(Duration.ofHours(1));
        assertThat(Setting.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Setting.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Setting.parseDuration("1 hour"))
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
}
