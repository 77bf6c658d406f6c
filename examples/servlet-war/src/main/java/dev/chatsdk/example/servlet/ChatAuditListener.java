package dev.chatsdk.example.servlet;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.spi.ChatEventListener;

/**
 * The application's audit trail for chat tokens, registered in
 * {@code META-INF/services/dev.chatsdk.jakarta.spi.ChatEventListener}. A real application would write each event to
 * its audit table or log; this one keeps the last 50 in memory for {@link ChatEventsServlet}. Events never carry
 * tokens or secrets. Called on request threads: thread-safe and quick.
 */
public class ChatAuditListener implements ChatEventListener {
    private static final int KEEP = 50;
    private static final Deque<String> RECENT = new ConcurrentLinkedDeque<>();

    @Override
    public void onEvent(ChatEvent event) {
        RECENT.addLast(event.toString());
        while (RECENT.size() > KEEP) {
            RECENT.pollFirst();
        }
    }

    /** @return the last events, oldest first */
    static List<String> recent() {
        return new ArrayList<>(RECENT);
    }
}
