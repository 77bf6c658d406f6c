package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.rate-limit.*} keys ({@link RateLimitConfig}) that no other part's test covers. */
class RateLimitConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
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
}
