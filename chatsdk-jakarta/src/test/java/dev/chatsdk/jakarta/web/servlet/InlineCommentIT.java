package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;

/**
 * The mistake of issue 20 as a user makes it: a comment at the end of a line of the WAR's
 * {@code microprofile-config.properties}, which the format takes into the value. The web application does not start
 * (Jetty 12, the module found as a library, SmallRye Config reading the file), and the message names the key.
 */
class InlineCommentIT {
    @Test
    void aCommentAfterTheAllowedRolesFailsTheDeploymentNamingTheKey(@TempDir Path dir) {
        Map<String, String> props = new HashMap<>(new TestConfig().properties());
        props.put(ChatSdkConfig.Keys.ROLES_ALLOWED, "chat-user   # who may chat");
        JettyServer failing = new JettyServer().deploy("/commented", TestWebapp.with(props).write(dir));

        assertThatThrownBy(failing::start).hasMessageContaining("ChatSDK Jakarta cannot start: 1 configuration problem")
                .hasMessageContaining("CHATSDK-075: 'chatsdk.access.roles-allowed' [from PropertiesConfigSource[source=")
                .hasMessageContaining("microprofile-config.properties]] has what looks like an inline comment "
                        + "(whitespace, then '#' or '!'), which its value cannot hold; a .properties file takes such a "
                        + "comment into the value, so put it on a line of its own");
    }
}
