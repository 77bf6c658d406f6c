package dev.chatsdk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerVersionsTest {
    private static final String PROPERTY = "chatsdk.version.server-versions-test";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void readsTheVersionTheBuildPassed() {
        System.setProperty(PROPERTY, "1.2.3.Final");

        assertThat(ServerVersions.of(PROPERTY, "test.version")).isEqualTo("1.2.3.Final");
    }

    @Test
    void aMissingVersionNamesThePropertyAndThePomPropertyItComesFrom() {
        assertThatThrownBy(() -> ServerVersions.of(PROPERTY, "test.version")).isInstanceOf(IllegalStateException.class)
                .hasMessage("system property chatsdk.version.server-versions-test is not set: the module's pom must pass"
                        + " it to surefire/failsafe as <systemPropertyVariables><chatsdk.version.server-versions-test>"
                        + "${test.version}</chatsdk.version.server-versions-test>");
    }

    @Test
    void anUnresolvedPomPropertyIsMissingToo() {
        System.setProperty(PROPERTY, "${test.version}");

        assertThatThrownBy(() -> ServerVersions.of(PROPERTY, "test.version")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PROPERTY);
    }
}
