package dev.chatsdk.jakarta.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chatsdk.jakarta.spi.RateLimiter;

/**
 * The built-in {@link RateLimiter}: one token bucket per key in this JVM, refilled continuously; at most
 * {@value #MAX_BUCKETS} buckets, full (idle) ones dropped first when that is reached. Thread-safe.
 */
public final class TokenBuckets implements RateLimiter {
    static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant refilledAt;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.refilledAt = at;
        }
    }

    @Override
    public Result acquire(String key, int permits, Duration period, Instant now) {
        if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(key)) {
            buckets.values().removeIf(b -> b.tokens >= permits - 1);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(permits, now));
        double perSecond = permits / (double) Math.max(1, period.toMillis()) * 1000;
        synchronized (bucket) {
            double elapsed = Math.max(0, Duration.between(bucket.refilledAt, now).toMillis()) / 1000.0;
            bucket.tokens = Math.min(permits, bucket.tokens + elapsed * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Result(true, (int) Math.floor(bucket.tokens), 0);
            }
            long wait = (long) Math.ceil((1 - bucket.tokens) / perSecond);
            return new Result(false, 0, Math.max(1, wait));
        }
    }

    @Override
    public String toString() {
        return "TokenBuckets[" + buckets.size() + " buckets]";
    }
}
