package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.spi.SessionStore;

/** Builds the store {@code chatsdk.session.store} names. */
public final class SessionStores {
    private SessionStores() {
    }

    /**
     * @return the configured store
     * @throws ChatSdkConfigException if the named DataSource cannot be found
     */
    public static SessionStore create(ChatSdkConfig config) {
        if (SessionStoreType.MEMORY.equals(config.session().store())) {
            return new InMemorySessionStore(config.session().memory().maxSessions(), config.session().maxPerUser());
        }
        if (config.session().jdbc().dataSource().isPresent()) {
            DataSource dataSource = lookup(config.session().jdbc().dataSource().orElse(null));
            return new JdbcSessionStore(JdbcSessionStore.Connections.of(dataSource), Integer.MAX_VALUE,
                    config.session().jdbc().timeout());
        }
        SessionConfig.Jdbc jdbc = config.session().jdbc();
        return fromUrl(jdbc.url().orElse(null), jdbc.user().orElse(null), jdbc.password().orElse(null),
                jdbc.maxConnections(),
                config.session().jdbc().timeout());
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource) {
                return (DataSource) found;
            }
            throw problem(String.format("CHATSDK-053: '%s' names '%s', which is a %s, not a DataSource; name your "
                    + "application's DataSource", ChatSdkConfig.Keys.JDBC_DATASOURCE, name,
                    found == null ? "null" : found.getClass().getName()));
        } catch (NamingException e) {
            throw problem(String.format("CHATSDK-053: '%s' names '%s', which JNDI cannot find here (%s); use the name "
                    + "your server binds, such as java:comp/DefaultDataSource, or set '%s' instead",
                    ChatSdkConfig.Keys.JDBC_DATASOURCE, name, e.getClass().getSimpleName(), ChatSdkConfig.Keys.JDBC_URL));
        }
    }

    private static ChatSdkConfigException problem(String message) {
        return new ChatSdkConfigException(List.of(message));
    }

    /** A JDBC URL's connections: at most {@code max} open at once (for production, prefer the server's pooled DataSource). */
    private static JdbcSessionStore fromUrl(String url, String user, String password, int max, Duration timeout) {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return new JdbcSessionStore(new UrlConnections(url, credentials, max, timeout), max, timeout);
    }
}
