package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** Closing the JDBC store releases what it opened, and never the pool of a DataSource it was given. */
class StoreCloseTest {
    @Test
    void closingAStoreOnADataSourceLeavesThePoolToItsOwner() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:close-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            JdbcSessionStore store = new JdbcSessionStore(JdbcSessionStore.Connections.of(pool), 2,
                    Duration.ofSeconds(5));
            assertThat(store.ping(Duration.ofSeconds(2))).isEmpty();

            store.close();

            assertThat(pool.getActiveConnections()).isZero();
            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).as("the pool still serves its application").isTrue();
            }
        } finally {
            pool.dispose();
        }
    }
}
