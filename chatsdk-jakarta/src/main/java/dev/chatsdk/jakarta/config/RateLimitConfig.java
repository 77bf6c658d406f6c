package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The rate limits ({@code chatsdk.rate-limit.*}), each {@code N/period} or {@code off}. Immutable.
 *
 * @since 0.3
 */
public final class RateLimitConfig {
    /** A rate's period: a day covers daily quotas. */
    static final Duration MAX_PERIOD = Duration.ofDays(1);

    /** Calls per authenticated user on the token endpoint, as {@code N/period} or {@code off}; default {@code 30/1m}. */
    public static final Setting<Optional<Rate>> USER = Setting.rate("chatsdk.rate-limit.user",
            Rate.of(30, Duration.ofMinutes(1)));
    /** Calls per client address on refresh, logout and validate; default {@code 60/1m}. */
    public static final Setting<Optional<Rate>> IP = Setting.rate("chatsdk.rate-limit.ip",
            Rate.of(60, Duration.ofMinutes(1)));
    /** Calls per API key on the server-to-server token API; default {@code 600/1m}. */
    public static final Setting<Optional<Rate>> API_KEY = Setting.rate("chatsdk.rate-limit.api-key",
            Rate.of(600, Duration.ofMinutes(1)));
    /** Failed API key attempts per client address; default {@code 10/1m}; never off. */
    public static final Setting<Optional<Rate>> FAILED_API_KEY = Setting.rate("chatsdk.rate-limit.failed-api-key",
            Rate.of(10, Duration.ofMinutes(1)));


    private final Rate user;
    private final Rate ip;
    private final Rate apiKey;
    private final Rate failedApiKey;

    private RateLimitConfig(ConfigValues v) {
        this.user = v.get(USER).orElse(null);
        this.ip = v.get(IP).orElse(null);
        this.apiKey = v.get(API_KEY).orElse(null);
        this.failedApiKey = v.get(FAILED_API_KEY).orElse(null);
    }

    /**
     * @param v the values; this part's problems are added to them
     * @return the part
     */
    public static RateLimitConfig from(ConfigValues v) {
        RateLimitConfig c = new RateLimitConfig(v);
        if (c.failedApiKey == null) {
            v.add("CHATSDK-044: %s cannot be off: wrong API keys are always throttled per client address; give a rate "
                    + "such as 10/1m", v.where(FAILED_API_KEY));
        }
        period(v, USER, c.user);
        period(v, IP, c.ip);
        period(v, API_KEY, c.apiKey);
        period(v, FAILED_API_KEY, c.failedApiKey);
        return c;
    }

    private static void period(ConfigValues v, Setting<?> setting, Rate rate) {
        if (rate != null && rate.period().compareTo(MAX_PERIOD) > 0) {
            v.add("CHATSDK-048: %s has the period %s, longer than %s; give a rate per day at most, such as %d/1d",
                    v.where(setting), rate.period(), MAX_PERIOD, rate.permits());
        }
    }

    /** @return the rate per authenticated user on the token endpoint; empty when off */
    public Optional<Rate> user() {
        return Optional.ofNullable(user);
    }

    /** @return the rate per client address on refresh, logout and validate; empty when off */
    public Optional<Rate> ip() {
        return Optional.ofNullable(ip);
    }

    /** @return the rate per API key on the token API; empty when off */
    public Optional<Rate> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** @return the budget of failed API key attempts per client address; never off */
    public Rate failedApiKey() {
        return failedApiKey;
    }

    @Override
    public String toString() {
        return "rateLimit[user=" + user + ", ip=" + ip + ", apiKey=" + apiKey + ", failedApiKey=" + failedApiKey + "]";
    }
}
