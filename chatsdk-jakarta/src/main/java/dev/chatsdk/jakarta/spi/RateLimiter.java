package dev.chatsdk.jakarta.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether one more call fits a bucket's rate: {@code permits} per {@code period}, with bursts up to
 * {@code permits}. The built-in limiter keeps token buckets in this JVM's memory; give another (a shared
 * store for a cluster) with {@code ChatSdk.builder().rateLimiter(...)}.
 *
 * <p>Implementations must be thread-safe and must not block.
 *
 * @since 0.1
 */
public interface RateLimiter {
    /** The verdict on one call. */
    final class Result {
        private final boolean allowed;
        private final int remaining;
        private final long retryAfterSeconds;

        /**
         * @param allowed           whether the call may proceed
         * @param remaining         calls left in the bucket now
         * @param retryAfterSeconds when refused, whole seconds until the next call fits
         */
        public Result(boolean allowed, int remaining, long retryAfterSeconds) {
            this.allowed = allowed;
            this.remaining = remaining;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** @return whether the call may proceed */
        public boolean allowed() {
            return allowed;
        }

        /** @return how many more calls the limit allows now */
        public int remaining() {
            return remaining;
        }

        /** @return when refused, the seconds to wait before trying again */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * @param bucket  who is counted (a user, a client address, an API key digest)
     * @param permits calls per period, and the largest burst
     * @param period  the period
     * @param now     the caller's clock reading
     * @return the verdict; an allowed call has been counted
     */
    Result acquire(String bucket, int permits, Duration period, Instant now);
}
