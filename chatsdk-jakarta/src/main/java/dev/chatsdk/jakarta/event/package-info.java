/**
 * Audit events: what the module did for whom, for an application's own audit log. Observe them with
 * CDI ({@code void on(@Observes ChatEvent event)}, or one type such as {@link dev.chatsdk.jakarta.event.AccessDenied}),
 * or implement {@link dev.chatsdk.jakarta.spi.ChatEventListener} (given to {@code ChatSdk.builder()} or listed in
 * {@code META-INF/services}). Events carry user ids, session ids, client addresses and reasons; never a token,
 * a secret or an API key.
 */
package dev.chatsdk.jakarta.event;
