package dev.chatsdk.jakarta.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The shared backoff and {@code Retry-After} reader of the token client and the upstream calls. */
class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("  0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void readsAnHttpDateAgainstTheGivenTime() {
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 08:59:00 GMT", NOW)).as("a date in the past: no wait")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void takesGarbageAsNoAnswer() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).as("no sign in delta-seconds").isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
        assertThat(RetryAfter.parse("Mon, 32 Jan 2026 09:00:00 GMT", NOW)).isNull();
    }

    @Test
    void capsWhatItReads() {
        assertThat(RetryAfter.parse("86401", NOW)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).as("past a long").isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", NOW)).isEqualTo(RetryAfter.MAX);
    }

    @Test
    void doublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.ceilingMillis(1)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(400);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(800);
        assertThat(backoff.ceilingMillis(4)).isEqualTo(1000);
        assertThat(backoff.ceilingMillis(100)).as("no overflow far past the cap").isEqualTo(1000);
        assertThat(new Backoff(Duration.ofDays(1000), Duration.ofDays(2000)).ceilingMillis(62))
                .isEqualTo(Duration.ofDays(2000).toMillis());
    }

    @Test
    void jittersWithinZeroAndTheCeilingFromTheGivenRandom() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        Random random = new Random(42);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            long wait = backoff.jittered(2, random).toMillis();
            assertThat(wait).isBetween(0L, 400L);
            seen.add(wait);
        }
        assertThat(seen).as("full jitter spreads the waits").hasSizeGreaterThan(300).contains(0L);
        assertThat(backoff.jittered(3, new Random(7))).as("a seeded random gives the same wait")
                .isEqualTo(backoff.jittered(3, new Random(7)));
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).jittered(5, random)).isEqualTo(Duration.ZERO);
    }

    @Test
    void prefersTheServersRetryAfter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.next(1, Duration.ofSeconds(5), new Random(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.next(1, null, new Random(1)).toMillis()).isBetween(0L, 200L);
    }

    @Test
    void refusesNegativeSteps() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
