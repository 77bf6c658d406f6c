package dev.chatsdk.jakarta.web;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.session.MariaDbDatabase;

/** Concurrent refreshes against the JDBC store on MariaDB, configured by URL as a user would. */
class MariaDbConcurrentRefreshIT extends ConcurrentRefreshContract {
    private static MariaDbDatabase database;

    @BeforeAll
    static void create() throws SQLException {
        database = new MariaDbDatabase();
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return config.set(SessionConfig.STORE, SessionStoreType.JDBC).set(SessionConfig.Jdbc.URL, database.url())
                .set(SessionConfig.Jdbc.USER, MariaDbDatabase.USER);
    }
}
