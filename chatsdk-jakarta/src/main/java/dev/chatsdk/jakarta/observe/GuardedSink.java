package dev.chatsdk.jakarta.observe;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.chatsdk.jakarta.event.ChatEvent;

/** A sink of the event stream that never fails the request: it logs its first failure, and every later one at DEBUG. */
final class GuardedSink {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");

    private final String name;
    private final Consumer<ChatEvent> sink;
    private final AtomicBoolean failed = new AtomicBoolean();

    /** @param name what the log calls the sink, such as "the event listener com.example.Audit" */
    GuardedSink(String name, Consumer<ChatEvent> sink) {
        this.name = name;
        this.sink = sink;
    }

    void accept(ChatEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException | LinkageError e) {
            if (failed.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-510: %s failed on a %s event; the request "
                        + "went on, and later failures of it are logged at DEBUG only", name, event.kind()), e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> String.format("CHATSDK-510: %s failed again on a %s event: %s",
                        name, event.kind(), e));
            }
        }
    }
}
