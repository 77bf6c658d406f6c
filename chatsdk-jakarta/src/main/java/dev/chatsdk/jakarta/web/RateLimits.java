package dev.chatsdk.jakarta.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.spi.RateLimiter;
import dev.chatsdk.jakarta.token.Sha256;

/**
 * The rate limits: per authenticated user on the token endpoint, per client address on refresh, logout and
 * validate, per API key on the token API, and the failed API key budget per client address, which is never off.
 * The client address is the one {@link ClientAddresses} finds (behind trusted proxies: the forwarded one).
 *
 * <p>Once a client address has spent its failed key budget, every API-key call from it answers 429 until the
 * budget refills, the right key included: otherwise a guesser would still learn, at full speed, which guess was
 * right. The lock is also kept in this JVM, so a {@link RateLimiter} shared by a cluster is only asked on failures.
 * Thread-safe.
 */
final class RateLimits {
    /** {@code RATE_LIMITED}, with what the response headers say. */
    static final class Exceeded extends ChatSdkException {
        private static final long serialVersionUID = 1L;
        final long retryAfterSeconds;
        final int limit;

        Exceeded(int limit, long retryAfterSeconds) {
            super(ErrorCode.RATE_LIMITED, String.format("Too many requests; try again in %d seconds.", retryAfterSeconds));
            this.limit = limit;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        Map<String, String> headers() {
            return Map.of("X-RateLimit-Limit", String.valueOf(limit), "X-RateLimit-Remaining", "0",
                    "X-RateLimit-Reset", String.valueOf(retryAfterSeconds));
        }
    }

    /** Most client addresses whose lock-out is remembered; expired ones are dropped first when that is reached. */
    static final int MAX_LOCKED = 100_000;

    private final ChatSdkConfig config;
    private final RateLimiter limiter;
    private final Clock clock;
    private final ClientAddresses addresses;
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

    RateLimits(ChatSdkConfig config, RateLimiter limiter, Clock clock, ClientAddresses addresses) {
        this.config = config;
        this.limiter = limiter;
        this.clock = clock;
        this.addresses = addresses;
    }

    void user(String name) {
        check("user:" + name, config.rateLimits().user().orElse(null));
    }

    void apiKey(String key) {
        check("key:" + Sha256.hex(key).substring(0, 16), config.rateLimits().apiKey().orElse(null));
    }

    /** Not applied when the framework does not tell the client address (JAX-RS outside a servlet container). */
    void client(ChatRequest request) {
        String address = addresses.of(request);
        if (address != null) {
            check("ip:" + IpRanges.client(address), config.rateLimits().ip().orElse(null));
        }
    }

    /**
     * Before an API key is compared: a client address that spent its failed key budget gets 429.
     *
     * @throws Exceeded while the address is locked out
     */
    void beforeApiKey(ChatRequest request) {
        Instant until = lockedUntil.get(failedKeyBucket(request));
        Instant now = clock.instant();
        if (until != null && now.isBefore(until)) {
            throw new Exceeded(config.rateLimits().failedApiKey().permits(),
                    Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000));
        }
    }

    /**
     * A missing or wrong API key: spends one of the address's failed attempts. Without an address (JAX-RS outside a
     * servlet container) all such callers share one budget: a lock-out then reaches every one, never a free guess.
     *
     * @throws Exceeded when the budget is spent, which locks the address out until it refills
     */
    void failedApiKey(ChatRequest request) {
        String bucket = failedKeyBucket(request);
        Rate rate = config.rateLimits().failedApiKey();
        Instant now = clock.instant();
        RateLimiter.Result result = limiter.acquire(bucket, rate.permits(), rate.period(), now);
        if (!result.allowed()) {
            if (lockedUntil.size() >= MAX_LOCKED) {
                lockedUntil.values().removeIf(until -> !now.isBefore(until));
            }
            lockedUntil.put(bucket, now.plusSeconds(result.retryAfterSeconds()));
            throw new Exceeded(rate.permits(), result.retryAfterSeconds());
        }
    }

    private String failedKeyBucket(ChatRequest request) {
        String address = addresses.of(request);
        return "failed-key:" + (address != null ? IpRanges.client(address) : "unknown");
    }

    private void check(String bucket, Rate rate) {
        if (rate == null) {
            return;
        }
        RateLimiter.Result result = limiter.acquire(bucket, rate.permits(), rate.period(), clock.instant());
        if (!result.allowed()) {
            throw new Exceeded(rate.permits(), result.retryAfterSeconds());
        }
    }

}
