package dev.chatsdk.jakarta.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Connections from a JDBC URL, kept open between units of work while they work: a connection that
 * failed at the connection level is closed, the others wait in a bounded queue for the next unit.
 * (On an application server, prefer its pooled DataSource.) Thread-safe.
 */
final class UrlConnections implements JdbcSessionStore.Connections {
    private final String url;
    private final Properties credentials;
    private final BlockingQueue<Connection> idle;

    UrlConnections(String url, Properties credentials, int max) {
        this.url = url;
        this.credentials = credentials;
        this.idle = new ArrayBlockingQueue<>(max);
    }

    @Override
    public Connection open() throws SQLException {
        Connection reused = idle.poll();
        return reused != null ? reused : DriverManager.getConnection(url, credentials);
    }

    @Override
    public void release(Connection connection, boolean healthy) {
        if (!healthy || !idle.offer(connection)) {
            JdbcSessionStore.closeQuietly(connection);
        }
    }

    @Override
    public String toString() {
        return "UrlConnections[" + idle.size() + " idle]";
    }
}
