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
     * @throws ChatSdkConfigException if the named DataSource cannot be found, or the tables are missing while
     *                                {@code chatsdk.session.jdbc.create-schema} is {@code false} ({@code CHATSDK-304})
     */
    public static SessionStore create(ChatSdkConfig config) {
        if (SessionStoreType.MEMORY.equals(config.session().store())) {
            return new InMemorySessionStore(config.session().memory().maxSessions(), config.session().maxPerUser());
        }
        if (config.session().jdbc().dataSource().isPresent()) {
            String name = config.session().jdbc().dataSource().orElse(null);
            DataSource dataSource = lookup(name);
            return checked(new JdbcSessionStore(JdbcSessionStore.Connections.of(dataSource), Integer.MAX_VALUE,
                    config.session().jdbc().timeout(), config.session().jdbc().createSchema(),
                    JtaGuard.threadsFor(name)), config);
        }
        SessionConfig.Jdbc jdbc = config.session().jdbc();
        return checked(fromUrl(jdbc.url().orElse(null), jdbc.user().orElse(null), jdbc.password().orElse(null),
                jdbc.maxConnections(), jdbc.timeout(), jdbc.createSchema()), config);
    }

    /** With {@code create-schema=false}, start-up fails ({@code CHATSDK-304}) when the tables are missing. */
    private static JdbcSessionStore checked(JdbcSessionStore store, ChatSdkConfig config) {
        if (!config.session().jdbc().createSchema()) {
            store.requireTables();
        }
        return store;
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
                    + "your server binds, such as java:jboss/datasources/ChatDS, or set '%s' instead",
                    ChatSdkConfig.Keys.JDBC_DATASOURCE, name, e.getClass().getSimpleName(), ChatSdkConfig.Keys.JDBC_URL));
        }
    }

    private static ChatSdkConfigException problem(String message) {
        return new ChatSdkConfigException(List.of(message));
    }

    /** A JDBC URL's connections: at most {@code max} open at once (for production, prefer the server's pooled DataSource). */
    private static JdbcSessionStore fromUrl(String url, String user, String password, int max, Duration timeout,
            boolean createSchema) {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return new JdbcSessionStore(new UrlConnections(url, credentials, max, timeout), max, timeout, createSchema);
    }
}
