package dev.chatsdk.jakarta.spi;

import java.time.Clock;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * Creates the {@link TokenIssuer} selected by {@code chatsdk.issuer}. The built-in {@code local}
 * factory is always present; others are found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe and stateless.
 *
 * @since 0.1
 */
public interface TokenIssuerFactory {
    /** @return the value of {@code chatsdk.issuer} that selects this factory, such as {@code local} */
    String name();

    /**
     * @param config   the validated configuration
     * @param clock    the clock every token time is read from
     * @param sessions where sessions are kept, for issuers that keep them
     * @return a ready, thread-safe issuer
     * @throws ChatSdkConfigException if the configuration does not suit this issuer
     */
    TokenIssuer create(ChatSdkConfig config, Clock clock, SessionStore sessions);
}
