package dev.chatsdk.jakarta.web.servlet;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** An application's session listener that counts the HTTP sessions its container destroyed, in every webapp. */
public class DestroyedSessions implements HttpSessionListener {
    private static final AtomicInteger DESTROYED = new AtomicInteger();

    /** @return how many HTTP sessions were destroyed so far */
    public static int count() {
        return DESTROYED.get();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        DESTROYED.incrementAndGet();
    }
}
