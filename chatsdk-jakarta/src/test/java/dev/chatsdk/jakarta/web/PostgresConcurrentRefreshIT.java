package dev.chatsdk.jakarta.web;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.session.DatabasePerClass;

/** Concurrent refreshes against the JDBC store on PostgreSQL, configured by URL as a user would. */
class PostgresConcurrentRefreshIT extends ConcurrentRefreshContract {
    @RegisterExtension
    static final DatabasePerClass DATABASE = DatabasePerClass.postgres();

    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return DATABASE.withJdbcStore(config);
    }
}
