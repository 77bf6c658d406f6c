package dev.chatsdk.jakarta.identity;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import dev.chatsdk.jakarta.spi.ChatUserResolver;

/** Finds the application's {@link ChatUserResolver} bean, where CDI runs. */
final class CdiResolvers {
    private CdiResolvers() {
    }

    /** @return the resolver bean, or {@code null} without CDI or without such a bean */
    static ChatUserResolver find() {
        try {
            return Lookup.find();
        } catch (NoClassDefFoundError | IllegalStateException e) {
            return null;
        }
    }

    /** Holds the CDI types, so that this class loads where CDI is absent. */
    private static final class Lookup {
        static ChatUserResolver find() {
            Instance<ChatUserResolver> beans = CDI.current().select(ChatUserResolver.class);
            return beans.isResolvable() ? beans.get() : null;
        }
    }
}
