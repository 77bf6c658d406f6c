package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** The leak check itself catches a leak, at any level of the module's loggers, and names no secret. */
class NoSecretsInLogsTest {
    @Test
    void failsTheClassThatLeakedASecret() {
        String secret = "leak-probe-" + TestConfig.randomSecret();
        NoSecretsInLogs.secret(secret);
        Logger.getLogger("dev.chatsdk.jakarta.probe").fine("debugging with " + secret);

        assertThatThrownBy(() -> new NoSecretsInLogs().afterAll(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("a secret (")
                .hasMessageEndingWith("appeared in a log line of dev.chatsdk.jakarta.probe")
                .hasMessageNotContaining(secret);
    }
}
