package dev.chatsdk.jakarta.session;

import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps the JDBC store's units of work out of a JTA transaction of the caller. Inside a transaction a container
 * DataSource enlists the connections a thread takes, and then refuses {@code commit}, {@code rollback} and
 * {@code setAutoCommit}; worse, the store's writes would share the caller's fate: a rotation rolled back with the
 * caller's work loses the session's next token, one kept while the caller's retry repeats it trips reuse detection.
 * So when the calling thread is in a transaction, the unit of work runs on a thread of the store's own, which has no
 * transaction (its connection is a local one, committed by the store), and the caller waits for it within the
 * operation's deadline ({@code chatsdk.session.jdbc.timeout}, plus a second for a unit that is finishing). Outside a
 * transaction, and where there can be none (the store's own connections of a JDBC URL, a server without JTA), the
 * caller's thread does the work. At most {@link #THREADS} such units run at once; more wait, within their deadline.
 * The threads are made when first needed, end after a minute idle, and are stopped by {@link #close}. Thread-safe.
 */
final class StoreThreads implements AutoCloseable {
    /** Most units of work of callers in transactions that run at once. */
    static final int THREADS = 8;
    /** The name of the store's threads, followed by a number. */
    static final String NAME = "chatsdk-session-store-";
    /** How long past the deadline the caller waits for a unit that is finishing (its statements end at the deadline). */
    private static final long SETTLE_MILLIS = 1000;
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final BooleanSupplier inTransaction;
    private final Object lock = new Object();
    /** Made at first use; guarded by {@link #lock}. */
    private ThreadPoolExecutor executor;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** @param inTransaction whether the calling thread is in a JTA transaction */
    StoreThreads(BooleanSupplier inTransaction) {
        this.inTransaction = inTransaction;
    }

    /** @return threads for a store that can meet no JTA transaction: every unit runs on the caller's thread */
    static StoreThreads callerOnly() {
        return new StoreThreads(() -> false);
    }

    /**
     * Runs a unit of work on the caller's thread, or on one of the store's own when the caller is in a transaction.
     *
     * @param deadline the operation's deadline ({@link System#nanoTime})
     * @return what the unit returned
     * @throws dev.chatsdk.jakarta.ChatSdkException what the unit threw, or {@code STORE_UNAVAILABLE} when no thread
     *                                              finished it in time
     */
    <T> T run(long deadline, Supplier<T> unit) {
        if (!inTransaction.getAsBoolean()) {
            return unit.get();
        }
        Future<T> result;
        try {
            result = executor().submit(unit::get);
        } catch (RejectedExecutionException e) {
            throw SqlFailures.unavailable(new SQLTransientConnectionException("the session store is closed", "08003"));
        }
        try {
            return result.get(Math.max(0, BoundedStatements.left(deadline)) + SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(false);
            throw SqlFailures.unavailable(new SQLTimeoutException("no session store thread outside the caller's "
                    + "transaction finished the operation within the timeout (chatsdk.session.jdbc.timeout)", "08001"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw SqlFailures.unavailable(new SQLTransientConnectionException("interrupted while waiting for the "
                    + "session store", "08001"));
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IllegalStateException(cause);
    }

    private ThreadPoolExecutor executor() {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            if (executor == null) {
                ClassLoader loader = StoreThreads.class.getClassLoader();
                ThreadFactory factory = r -> {
                    Thread t = new Thread(r, NAME + NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(loader);
                    return t;
                };
                executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                        factory);
                executor.allowCoreThreadTimeOut(true);
            }
            return executor;
        }
    }

    /** Stops the store's threads: units still running finish (within their deadline), none starts. Idempotent. */
    @Override
    public void close() {
        ThreadPoolExecutor running;
        synchronized (lock) {
            closed = true;
            running = executor;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "StoreThreads[started=" + (executor != null) + ", closed=" + closed + "]";
        }
    }
}
