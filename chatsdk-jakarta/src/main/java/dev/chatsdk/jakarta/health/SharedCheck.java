package dev.chatsdk.jakarta.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one check at a time and shares its report, so that probes cannot queue behind each other or pile up calls:
 * <ul>
 * <li>a report answers every caller for {@code reuse} after the check that made it <em>ended</em>;</li>
 * <li>the first caller after that starts one check and waits for it, at most {@code wait};</li>
 * <li>while that check is under way, every other caller gets the last report at once; before the first report
 * ever, they wait for the same check, at most {@code wait} too;</li>
 * <li>a check still running at {@code wait} gives its waiters the {@code unfinished} report, which then answers
 * like any other; no second check starts until the hung one ends.</li>
 * </ul>
 * Checks run on the executor, never on a caller's thread. Thread-safe.
 */
final class SharedCheck {
    private final Supplier<HealthReport> check;
    private final Function<Throwable, HealthReport> unfinished;
    private final Clock clock;
    private final Executor executor;
    private final Duration reuse;
    private final Duration wait;
    private final Object lock = new Object();
    /** The last report and when it was made (when its check ended); guarded by {@link #lock}. */
    private HealthReport last;
    private Instant lastAt;
    /** The check under way, or {@code null}; guarded by {@link #lock}. */
    private CompletableFuture<HealthReport> running;

    /**
     * @param check      makes a report; runs on {@code executor}
     * @param unfinished the report for a check that did not end within {@code wait} ({@code null}) or failed (its
     *                   exception)
     */
    SharedCheck(Supplier<HealthReport> check, Function<Throwable, HealthReport> unfinished, Clock clock,
            Executor executor, Duration reuse, Duration wait) {
        this.check = check;
        this.unfinished = unfinished;
        this.clock = clock;
        this.executor = executor;
        this.reuse = reuse;
        this.wait = wait;
    }

    /** @return the current report; never waits longer than {@code wait} */
    HealthReport get() {
        CompletableFuture<HealthReport> awaited;
        synchronized (lock) {
            Instant now = clock.instant();
            if (last != null && !now.isBefore(lastAt) && now.isBefore(lastAt.plus(reuse))) {
                return last;
            }
            if (running != null && last != null) {
                return last;
            }
            if (running == null) {
                awaited = start();
                // a check that already ended (refused by the executor, or run on this thread) is under way no more
                running = awaited.isDone() ? null : awaited;
            } else {
                awaited = running;
            }
        }
        try {
            return awaited.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return stale(awaited, unfinished.apply(null));
        } catch (ExecutionException e) {
            return unfinished.apply(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unfinished.apply(e);
        }
    }

    /** @return the last report made, or {@code null} before the first check ended */
    HealthReport last() {
        synchronized (lock) {
            return last;
        }
    }

    private CompletableFuture<HealthReport> start() {
        CompletableFuture<HealthReport> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                HealthReport report;
                try {
                    report = check.get();
                } catch (RuntimeException | Error e) {
                    report = unfinished.apply(e);
                }
                synchronized (lock) {
                    last = report;
                    lastAt = clock.instant();
                    running = null;
                }
                future.complete(report);
            });
        } catch (RejectedExecutionException e) {
            future.complete(unfinished.apply(e));
        }
        return future;
    }

    /** A check past its wait: its waiters' report answers the next callers too, until the check ends. */
    private HealthReport stale(CompletableFuture<HealthReport> awaited, HealthReport report) {
        synchronized (lock) {
            if (running == awaited) {
                last = report;
                lastAt = clock.instant();
            }
        }
        return report;
    }
}
