package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.above;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.token.*} keys ({@link TokenConfig}): the token lifetimes, their order and bounds, the clock skew. */
class TokenConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void rejectsARefreshLifetimeNotLongerThanAccess() {
        assertThat(problems(valid(ChatSdkConfig.Keys.REFRESH_TTL, "1h"))).containsExactly("CHATSDK-022: "
                + "'chatsdk.token.refresh-ttl' " + SOURCE + " (PT1H) must be longer than 'chatsdk.token.access-ttl' "
                + "(PT1H); raise it (the default is P7D)");
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
}
