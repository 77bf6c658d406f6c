package dev.chatsdk.jakarta.web;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.session.DatabasePerClass;

/** Concurrent refreshes against the JDBC store on MariaDB, configured by URL as a user would. */
class MariaDbConcurrentRefreshIT extends ConcurrentRefreshContract {
    @RegisterExtension
    static final DatabasePerClass DATABASE = DatabasePerClass.mariaDb();

    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return DATABASE.withJdbcStore(config);
    }
}
