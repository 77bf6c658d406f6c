/**
 * A Java client for the token endpoints: {@link dev.chatsdk.jakarta.client.TokenManager} keeps a user's tokens
 * fresh (refresh before expiry, single flight, backoff), for bots, integration services and desktop clients.
 * Public API, like {@code dev.chatsdk.jakarta}; it needs only the JDK (and the module's JSON reader).
 */
package dev.chatsdk.jakarta.client;
