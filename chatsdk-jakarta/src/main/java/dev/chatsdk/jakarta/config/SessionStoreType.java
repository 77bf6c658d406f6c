package dev.chatsdk.jakarta.config;

import java.util.Locale;

/**
 * Where sessions live ({@code chatsdk.session.store}); {@link #toString()} is the configuration spelling.
 *
 * @since 0.3
 */
public enum SessionStoreType {
    /** In this JVM's memory, the default: sessions do not survive a restart. */
    MEMORY,
    /** In the application's database. */
    JDBC;

    static SessionStoreType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** @return {@code memory} or {@code jdbc} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
