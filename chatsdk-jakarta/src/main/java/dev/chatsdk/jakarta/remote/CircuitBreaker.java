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

    /**
     * Asks to make one call. The caller must settle the permit on every path: {@link Permit#succeeded()} or
     * {@link Permit#failed()} once the upstream's verdict is known, and {@link Permit#release()} in a
     * {@code finally} block, which frees a half-open probe that ended without a verdict (an exception of our
     * own, an {@link Error}), so the next call probes again instead of the breaker staying open for good.
     *
     * @return a permit; {@link Permit#refusedFor()} is non-null when the call must not go ahead
     */
    synchronized Permit permit() {
        if (openUntil == null) {
            return new Permit(false, null);
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return new Permit(false, Duration.between(now, openUntil));
        }
        if (probing) {
            return new Permit(false, Duration.ofSeconds(1));
        }
        probing = true;
        return new Permit(true, null);
    }

    private synchronized void succeeded(boolean probe) {
        failures = 0;
        openUntil = null;
        if (probe) {
            probing = false;
        }
    }

    private synchronized void failed(boolean probe) {
        failures++;
        if (probe || failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
        if (probe) {
            probing = false;
        }
    }

    /** The probe ended without a verdict on the upstream: the next call probes instead. */
    private synchronized void abandoned() {
        probing = false;
    }

    /** One call's leave to go ahead; used by the one thread that makes the call. */
    final class Permit {
        private final boolean probe;
        private final Duration refusedFor;
        private boolean settled;

        private Permit(boolean probe, Duration refusedFor) {
            this.probe = probe;
            this.refusedFor = refusedFor;
            this.settled = refusedFor != null;
        }

        /** @return {@code null} if the call may go ahead, else how long until the breaker lets a probe through */
        Duration refusedFor() {
            return refusedFor;
        }

        /** The upstream answered usefully. Only the first verdict counts. */
        void succeeded() {
            if (settle()) {
                CircuitBreaker.this.succeeded(probe);
            }
        }

        /** The upstream failed. Only the first verdict counts. */
        void failed() {
            if (settle()) {
                CircuitBreaker.this.failed(probe);
            }
        }

        /** Ends the call; without a verdict it counts as neither success nor failure. Call it in {@code finally}. */
        void release() {
            if (settle() && probe) {
                abandoned();
            }
        }

        private boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            return true;
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
