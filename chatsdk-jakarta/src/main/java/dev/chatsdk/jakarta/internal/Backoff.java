package dev.chatsdk.jakarta.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (after the {@code n}-th failed attempt, from 1) wait a
 * uniformly random time in {@code [0, min(cap, base * 2^n)]}, or what the server asked for in {@code Retry-After}.
 * Shared by the token client and the server's upstream calls. Immutable, thread-safe.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;

    /**
     * @param base the first step (before jitter, doubled per attempt)
     * @param cap  the largest step
     * @throws IllegalArgumentException if either is negative
     */
    public Backoff(Duration base, Duration cap) {
        this.baseMillis = Objects.requireNonNull(base, "base").toMillis();
        this.capMillis = Objects.requireNonNull(cap, "cap").toMillis();
        if (baseMillis < 0 || capMillis < 0) {
            throw new IllegalArgumentException("the backoff's base and cap must not be negative");
        }
    }

    /** @return the most a wait after {@code attempt} failed attempts may be: {@code min(cap, base * 2^attempt)} */
    public long ceilingMillis(int attempt) {
        int shift = Math.max(0, Math.min(attempt, 62));
        // base << shift without overflow: past cap >> shift the product exceeds the cap anyway
        return baseMillis > (capMillis >> shift) ? capMillis : Math.min(capMillis, baseMillis << shift);
    }

    /**
     * @param attempt how many attempts failed so far (1 before the first retry)
     * @param random  where the jitter comes from
     * @return a wait in {@code [0, ceilingMillis(attempt)]}
     */
    public Duration jittered(int attempt, RandomGenerator random) {
        long ceiling = ceilingMillis(attempt);
        return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /** @return {@link #jittered(int, RandomGenerator)} with the thread's random */
    public Duration jittered(int attempt) {
        return jittered(attempt, ThreadLocalRandom.current());
    }

    /**
     * @param attempt    how many attempts failed so far
     * @param retryAfter what the server asked for ({@link RetryAfter#parse}), or {@code null}
     * @param random     where the jitter comes from
     * @return {@code retryAfter} when the server said, else a jittered step
     */
    public Duration next(int attempt, Duration retryAfter, RandomGenerator random) {
        return retryAfter != null ? retryAfter : jittered(attempt, random);
    }

    /** @return the largest step */
    public Duration cap() {
        return Duration.ofMillis(capMillis);
    }

    @Override
    public String toString() {
        return "Backoff[base=" + baseMillis + "ms, cap=" + capMillis + "ms]";
    }
}
