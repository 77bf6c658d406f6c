package dev.chatsdk.jakarta.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an upstream that keeps failing: after {@code threshold} failures in a row it opens and
 * refuses every call for {@code openFor}; then it lets exactly one call through as a probe (half-open),
 * which closes it on success or opens it again on failure. Thread-safe.
 */
final class CircuitBreaker {
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean probing;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** @return {@code null} if the call may go ahead, else how long until the breaker lets a probe through */
    synchronized Duration refuse() {
        if (openUntil == null) {
            return null;
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return Duration.between(now, openUntil);
        }
        if (probing) {
            return Duration.ofSeconds(1);
        }
        probing = true;
        return null;
    }

    synchronized void succeeded() {
        failures = 0;
        openUntil = null;
        probing = false;
    }

    synchronized void failed() {
        failures++;
        if (probing || failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
            probing = false;
        }
    }

    synchronized boolean isOpen() {
        return openUntil != null;
    }

    /**
     * @return {@code closed}; {@code open} while it refuses every call; {@code half-open} once the next call (or
     *         the one in flight) is the probe that decides
     */
    synchronized String state() {
        if (openUntil == null) {
            return "closed";
        }
        return probing || !clock.instant().isBefore(openUntil) ? "half-open" : "open";
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + (openUntil == null ? "closed" : "open until " + openUntil) + ", failures=" + failures
                + "]";
    }
}
