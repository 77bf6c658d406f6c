package dev.chatsdk.jakarta.spi;

import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * Creates the {@link TokenIssuer} selected by {@code chatsdk.issuer}. The built-in {@code local} and {@code remote}
 * factories are always present; others are found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe and stateless.
 *
 * @since 0.1
 */
public interface TokenIssuerFactory {
    /** @return the value of {@code chatsdk.issuer} that selects this factory, such as {@code local} */
    String name();

    /**
     * @param context the configuration, clock, session store and upstream-call listener to build the issuer with
     * @return a ready, thread-safe issuer
     * @throws ChatSdkConfigException if the configuration does not suit this issuer
     * @since 0.2 (before: {@code create(ChatSdkConfig, Clock, SessionStore)})
     */
    TokenIssuer create(IssuerContext context);
}
