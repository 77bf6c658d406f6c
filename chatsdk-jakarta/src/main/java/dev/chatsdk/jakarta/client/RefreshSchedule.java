package dev.chatsdk.jakarta.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the background refresh runs: at {@code expiry - refreshBuffer} (at once if that has passed), timed on the
 * {@link TokenManager.Scheduler}; at most one task is scheduled at a time. Thread-safe.
 */
final class RefreshSchedule {
    private final TokenManager.Scheduler scheduler;
    private final Duration refreshBuffer;
    private final Clock clock;
    private final Runnable task;
    private final Object lock = new Object();
    private Runnable cancelScheduled;
    private volatile Instant refreshAt;
    private volatile boolean closed;

    RefreshSchedule(TokenManager.Scheduler scheduler, Duration refreshBuffer, Clock clock, Runnable task) {
        this.scheduler = scheduler;
        this.refreshBuffer = refreshBuffer;
        this.clock = clock;
        this.task = task;
    }

    /** Schedules the refresh of tokens that expire at {@code expiry}, replacing what was scheduled. */
    void refreshBefore(Instant expiry) {
        Instant due = expiry.minus(refreshBuffer);
        refreshAt = due;
        Duration delay = Duration.between(clock.instant(), due);
        synchronized (lock) {
            cancelLocked();
            if (!closed) {
                cancelScheduled = scheduler.schedule(task, delay.isNegative() ? Duration.ZERO : delay);
            }
        }
    }

    /** Runs the task again after {@code delay} (a background refresh that failed on the network). */
    void retryIn(Duration delay) {
        synchronized (lock) {
            if (!closed) {
                cancelScheduled = scheduler.schedule(task, delay);
            }
        }
    }

    /** @return whether the current tokens are still fresh at {@code now} (scheduled and not yet due) */
    boolean freshAt(Instant now) {
        Instant due = refreshAt;
        return due != null && now.isBefore(due);
    }

    /** Cancels what is scheduled and forgets when the tokens were due (they are gone). */
    void clear() {
        synchronized (lock) {
            cancelLocked();
        }
        refreshAt = null;
    }

    boolean closed() {
        return closed;
    }

    /** Cancels what is scheduled and stops the scheduler; nothing is scheduled afterwards. */
    void close() {
        closed = true;
        synchronized (lock) {
            cancelLocked();
        }
        scheduler.close();
    }

    private void cancelLocked() {
        if (cancelScheduled != null) {
            cancelScheduled.run();
            cancelScheduled = null;
        }
    }

    @Override
    public String toString() {
        return "refreshAt=" + refreshAt + (closed ? ", closed" : "");
    }

    /** @return the default scheduler: one daemon thread */
    static TokenManager.Scheduler daemonScheduler() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chatsdk-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
        return new TokenManager.Scheduler() {
            @Override
            public Runnable schedule(Runnable task, Duration delay) {
                ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
