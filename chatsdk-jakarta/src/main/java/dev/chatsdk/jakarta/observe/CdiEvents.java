package dev.chatsdk.jakarta.observe;

import java.util.ServiceConfigurationError;
import java.util.function.Consumer;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;

import dev.chatsdk.jakarta.event.ChatEvent;

/** Fires the events as CDI events, where CDI runs: observers of {@code ChatEvent} or of one event type receive them. */
final class CdiEvents {
    private CdiEvents() {
    }

    /** @return what fires an event to the application's observers, or {@code null} without CDI */
    static Consumer<ChatEvent> find() {
        try {
            return Lookup.find();
        } catch (LinkageError | IllegalStateException | ServiceConfigurationError e) {
            return null;
        }
    }

    /** Holds the CDI types, so that this class loads where CDI is absent. */
    private static final class Lookup {
        static Consumer<ChatEvent> find() {
            BeanManager beans = CDI.current().getBeanManager();
            return event -> beans.getEvent().fire(event);
        }
    }
}
