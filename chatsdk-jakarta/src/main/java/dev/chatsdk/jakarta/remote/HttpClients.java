package dev.chatsdk.jakarta.remote;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP clients of the module, each with an executor of its own whose daemon threads are named
 * {@code chatsdk-<name>-http-N} (they end when idle), so that {@link #close} can release them: on Java 21 and later
 * {@code HttpClient.close()} (reached as {@link AutoCloseable}, so this compiles for Java 17); on Java 17, which has no
 * {@code close()}, the executor is shut down and the client is left to the garbage collector (its selector thread ends
 * with it).
 */
final class HttpClients {
    private HttpClients() {
    }

    /** A client and the executor it was given. */
    static final class Owned {
        final HttpClient http;
        private final ExecutorService executor;

        private Owned(HttpClient http, ExecutorService executor) {
            this.http = http;
            this.executor = executor;
        }

        /** Closes the client where the JDK can, and stops its threads. Idempotent; waits for no answer. */
        void close() {
            executor.shutdownNow();
            if (http instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) http).close();
                } catch (Exception e) {
                    // nothing more to release
                }
            }
        }
    }

    /**
     * @param name           names the threads: {@code chatsdk-<name>-http-N}
     * @param connectTimeout the connect timeout
     * @return a client that follows no redirect
     */
    static Owned create(String name, Duration connectTimeout) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chatsdk-" + name + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new Owned(http, executor);
    }
}
