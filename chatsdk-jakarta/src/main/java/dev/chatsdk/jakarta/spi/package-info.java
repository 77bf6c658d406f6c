/**
 * Extension points: {@link dev.chatsdk.jakarta.spi.TokenIssuer} with its
 * {@link dev.chatsdk.jakarta.spi.TokenIssuerFactory},
 * {@link dev.chatsdk.jakarta.spi.ChatUserResolver} and {@link dev.chatsdk.jakarta.spi.ChatEventListener}. Each is
 * discovered in this order: given in code to {@code ChatSdk.builder()}, then {@link java.util.ServiceLoader}, then the
 * built-in default; event listeners are all used, those given in code first, and CDI observers receive the same
 * events.
 */
package dev.chatsdk.jakarta.spi;
