package dev.chatsdk.jakarta.internal;

import java.time.Duration;

/** Waits between attempts; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread; an interrupt ends the wait early and stays set on the thread. */
    Sleeper THREAD = wait -> {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    /** @param wait how long; zero or negative: not at all */
    void sleep(Duration wait);
}
