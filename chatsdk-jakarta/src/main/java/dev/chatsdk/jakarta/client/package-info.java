/**
 * A Java client for the token endpoints: {@link dev.chatsdk.jakarta.client.TokenManager} keeps a user's tokens
 * fresh (refresh before expiry, single flight, backoff), for bots, integration services and desktop clients.
 * Public API, like {@code dev.chatsdk.jakarta}; it needs only the JDK (and the module's JSON reader, and the
 * JDK-only backoff and {@code Retry-After} reader of the internal {@code dev.chatsdk.jakarta.internal}, shared with
 * the server side).
 */
package dev.chatsdk.jakarta.client;
