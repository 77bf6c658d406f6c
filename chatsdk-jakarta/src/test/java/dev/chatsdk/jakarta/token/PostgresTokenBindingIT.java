package dev.chatsdk.jakarta.token;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.session.PostgresDatabase;

/** {@link TokenBindingIT} on the JDBC store on the machine's Postgres, where the store compares users in its own SQL. */
class PostgresTokenBindingIT extends TokenBindingIT {
    private static PostgresDatabase database;

    @BeforeAll
    static void create() throws SQLException {
        database = new PostgresDatabase();
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return config.set(SessionConfig.STORE, SessionStoreType.JDBC).set(SessionConfig.Jdbc.URL, database.url())
                .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER);
    }
}
