package dev.chatsdk.jakarta.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs one piece of work at a time for any number of concurrent callers: the first caller (the leader) runs it,
 * the callers that arrive while it runs wait and share its result or its exception. Thread-safe.
 */
final class SingleFlight<T> {
    private final Object lock = new Object();
    private CompletableFuture<T> inFlight;

    /**
     * @param work run by the leader only
     * @return the leader's result
     * @throws RuntimeException what the leader's work threw (the same instance for every caller)
     */
    T run(Supplier<T> work) {
        CompletableFuture<T> shared;
        boolean leader = false;
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            shared = inFlight;
        }
        if (leader) {
            try {
                shared.complete(work.get());
            } catch (RuntimeException e) {
                shared.completeExceptionally(e);
            } finally {
                synchronized (lock) {
                    inFlight = null;
                }
            }
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
