package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The session store codes that need PostgreSQL, from a module configured with MicroProfile Config properties. */
class SessionCodesIT {
    @Test
    void theJdbcStoreCreatingItsTablesIs301() throws Exception {
        TestConfig test = new TestConfig();
        try (PostgresDatabase db = new PostgresDatabase(); LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ChatSdk sdk = MpConfigured.sdk(MpConfigured.properties(test, "chatsdk.session.store", "jdbc",
                    "chatsdk.session.jdbc.url", db.url(), "chatsdk.session.jdbc.user", PostgresDatabase.USER,
                    "chatsdk.session.jdbc.max-connections", "2"));
            sdk.issue(ChatUser.of("erin-301"));

            assertThat(logs.lines()).containsOnlyOnce(
                    "CHATSDK-301: created the session tables chatsdk_session and chatsdk_refresh");
        }
    }
}
