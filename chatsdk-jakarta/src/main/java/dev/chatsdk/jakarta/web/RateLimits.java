package dev.chatsdk.jakarta.web;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.RateLimiter;
import dev.chatsdk.jakarta.token.Sha256;

/**
 * The three rate limits: per authenticated user on the token endpoint, per client address on refresh,
 * logout and validate, per API key on the token API. Behind a proxy, the client address comes from
 * {@code X-Forwarded-For} (or {@code Forwarded}) only when the peer is one of {@code chatsdk.web.trusted-proxies}:
 * the rightmost address that is not a trusted proxy. Thread-safe.
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

    private final ChatSdkConfig config;
    private final RateLimiter limiter;
    private final Clock clock;

    RateLimits(ChatSdkConfig config, RateLimiter limiter, Clock clock) {
        this.config = config;
        this.limiter = limiter;
        this.clock = clock;
    }

    void user(String name) {
        check("user:" + name, config.rateLimitUser());
    }

    void apiKey(String key) {
        check("key:" + Sha256.hex(key).substring(0, 16), config.rateLimitApiKey());
    }

    /** Not applied when the framework does not tell the client address (JAX-RS outside a servlet container). */
    void client(ChatRequest request) {
        String address = clientAddress(request, config.trustedProxies());
        if (address != null) {
            check("ip:" + address, config.rateLimitIp());
        }
    }

    private void check(String bucket, ChatSdkConfig.Rate rate) {
        if (rate == null) {
            return;
        }
        RateLimiter.Result result = limiter.acquire(bucket, rate.permits(), rate.period(), clock.instant());
        if (!result.allowed()) {
            throw new Exceeded(rate.permits(), result.retryAfterSeconds());
        }
    }

    static String clientAddress(ChatRequest request, Set<String> trustedProxies) {
        String peer = request.remoteAddress();
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.header("X-Forwarded-For");
        String[] hops = forwarded != null ? forwarded.split(",") : forwardedFor(request.header("Forwarded"));
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** The {@code for=} values of an RFC 7239 header, in order. */
    private static String[] forwardedFor(String header) {
        if (header == null) {
            return new String[0];
        }
        return java.util.Arrays.stream(header.split(","))
                .map(element -> java.util.Arrays.stream(element.split(";")).map(String::trim)
                        .filter(p -> p.regionMatches(true, 0, "for=", 0, 4)).map(p -> p.substring(4).replace("\"", ""))
                        .findFirst().orElse(""))
                .toArray(String[]::new);
    }

}
