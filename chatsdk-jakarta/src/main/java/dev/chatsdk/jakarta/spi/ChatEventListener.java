package dev.chatsdk.jakarta.spi;

import dev.chatsdk.jakarta.event.ChatEvent;

/**
 * Receives the module's audit events, for example to write them to the application's own audit log. Give one
 * to {@code ChatSdk.builder().eventListener(…)} or list it in
 * {@code META-INF/services/dev.chatsdk.jakarta.spi.ChatEventListener}; with CDI, an observer method
 * ({@code @Observes ChatEvent}) receives the same events without this interface.
 *
 * <p>Called synchronously on the thread that handles the request, for every event, by many threads at once:
 * implementations must be thread-safe and quick (hand slow work to a queue). An exception thrown here is
 * logged once ({@code CHATSDK-510}) and never fails the request.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ChatEventListener {
    /** @param event what happened; never {@code null} */
    void onEvent(ChatEvent event);
}
