package dev.chatsdk.jakarta.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): delta-seconds or an HTTP-date. Shared by the
 * token client and the server's upstream calls.
 */
public final class RetryAfter {
    /**
     * The longest wait a {@code Retry-After} is read as: a larger value (or one that would overflow) is taken as this
     * much. Callers bound it further (the backoff's time budget).
     */
    public static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * @param value the header's value, or {@code null}
     * @param now   the current time, for an HTTP-date
     * @return the wait it asks for, zero or more and at most {@link #MAX}; {@code null} when there is no value or it is
     *         neither delta-seconds nor an HTTP-date (then the caller's own backoff applies)
     */
    public static Duration parse(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // digits only (no sign): delta-seconds; too many digits for a long is still "a long time"
            if (text.length() > 18) {
                return MAX;
            }
            return clamp(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : clamp(wait);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration clamp(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
