package dev.chatsdk.example.ee;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsdk.jakarta.event.ChatEvent;

/**
 * The application's audit trail for chat tokens: a CDI observer of every ChatSDK event (observe one type, such as
 * {@code AccessDenied} or {@code RefreshReuseDetected}, to get only those). A real application would write each event
 * to its audit table or log; this one keeps the last 50 for {@link ChatEventsResource}. Events never carry tokens or
 * secrets. Observers run on request threads: keep them quick.
 */
@ApplicationScoped
public class ChatAudit {
    private static final int KEEP = 50;
    private final Deque<String> recent = new ConcurrentLinkedDeque<>();

    void record(@Observes ChatEvent event) {
        recent.addLast(event.toString());
        while (recent.size() > KEEP) {
            recent.pollFirst();
        }
    }

    /** @return the last events, oldest first */
    public List<String> recent() {
        return new ArrayList<>(recent);
    }
}
