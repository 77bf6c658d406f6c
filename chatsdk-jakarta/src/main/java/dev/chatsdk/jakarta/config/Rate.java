package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate: {@code permits} calls per {@code period}, bursts up to {@code permits}. Immutable.
 *
 * @since 0.1 (as {@code ChatSdkConfig.Rate}; in this package since 0.3)
 */
public final class Rate {
    private final int permits;
    private final Duration period;

    private Rate(int permits, Duration period) {
        this.permits = permits;
        this.period = period;
    }

    /**
     * @param permits calls per period, at least 1
     * @param period  the period, positive
     * @return the rate
     */
    public static Rate of(int permits, Duration period) {
        if (permits < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("not a rate");
        }
        return new Rate(permits, period);
    }

    /** @return calls per period */
    public int permits() {
        return permits;
    }

    /** @return the period */
    public Duration period() {
        return period;
    }

    /**
     * @param text {@code N/period} ({@code 30/1m}, {@code 600/PT1M}) or {@code off}
     * @return the rate, or {@code null} for {@code off}
     * @throws IllegalArgumentException if the text is neither
     */
    public static Rate parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("off")) {
            return null;
        }
        int slash = t.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a rate");
        }
        return of(Integer.parseInt(t.substring(0, slash).trim()), Setting.parseDuration(t.substring(slash + 1)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rate && ((Rate) o).permits == permits && ((Rate) o).period.equals(period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(permits, period);
    }

    @Override
    public String toString() {
        return permits + "/" + period;
    }
}
