package dev.chatsdk.jakarta.token;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.session.DatabasePerClass;

/** {@link TokenBindingIT} on the JDBC store on the machine's PostgreSQL, where the store compares users itself. */
class PostgresTokenBindingIT extends TokenBindingIT {
    @RegisterExtension
    static final DatabasePerClass DATABASE = DatabasePerClass.postgres();

    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return DATABASE.withJdbcStore(config);
    }
}
