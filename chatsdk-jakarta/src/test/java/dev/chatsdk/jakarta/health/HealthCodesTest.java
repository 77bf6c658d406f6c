package dev.chatsdk.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;

/** The health code no other test asserts: a check that fails with an exception, on a remote issuer from properties. */
class HealthCodesTest {
    @Test
    void aCheckThatFailsIs579AndTheReportIsDown() {
        String key = "ck_live_" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        ChatSdk sdk = MpConfigured.sdk(Map.of("chatsdk.issuer", "remote", "chatsdk.api-url", "http://127.0.0.1:9",
                "chatsdk.remote.api-key", key, "chatsdk.remote.logout-path", "/api/auth/logout"));
        ChatSdkHealth.Upstream broken = new ChatSdkHealth.Upstream() {
            @Override
            public String circuitState() {
                throw new IllegalStateException("the breaker's state is unreadable: secret-looking detail");
            }

            @Override
            public Optional<String> probe(Duration deadline) {
                return Optional.empty();
            }
        };
        ChatSdkHealth health = new ChatSdkHealth(sdk, Clock.systemUTC(), task -> {
            Thread thread = new Thread(task, "health-codes-test");
            thread.setDaemon(true);
            thread.start();
        }, broken, Duration.ofSeconds(5));
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.health")) {
            HealthReport report = health.check();

            assertThat(report.up()).isFalse();
            assertThat(report.data()).containsEntry("problem", "the checks failed (IllegalStateException)");
            assertThat(logs.records()).anyMatch(r -> r.getLevel() == Level.SEVERE && r.getMessage().equals(
                    "CHATSDK-579: the health check failed with java.lang.IllegalStateException (messages withheld)"));
            assertThat(String.join("\n", logs.lines())).doesNotContain("secret-looking detail");
        }
    }
}
