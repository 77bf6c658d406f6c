package dev.chatsdk.jakarta.client;

import java.util.Optional;

import dev.chatsdk.jakarta.ChatTokens;

/**
 * Where a {@link TokenManager} keeps the current tokens, so an application can persist them. The default
 * keeps them in memory. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface TokenStore {
    /** @return the stored tokens, if any */
    Optional<ChatTokens> load();

    /**
     * Stores the current tokens (after every refresh).
     *
     * @param tokens the tokens to keep
     */
    void save(ChatTokens tokens);

    /** Forgets the tokens (after a refresh that cannot succeed). */
    void clear();

    /** @return a store in this JVM's memory */
    static TokenStore inMemory() {
        return new TokenStore() {
            private volatile ChatTokens tokens;

            @Override
            public Optional<ChatTokens> load() {
                return Optional.ofNullable(tokens);
            }

            @Override
            public void save(ChatTokens current) {
                tokens = current;
            }

            @Override
            public void clear() {
                tokens = null;
            }
        };
    }
}
