package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.TestClock;

class CircuitBreakerTest {
    private final TestClock clock = new TestClock();
    private CircuitBreaker breaker;

    @BeforeEach
    void openIt() {
        breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 2; i++) {
            CircuitBreaker.Permit permit = breaker.permit();
            assertThat(permit.refusedFor()).isNull();
            permit.failed();
            permit.release();
        }
        assertThat(breaker.state()).isEqualTo("open");
        assertThat(breaker.permit().refusedFor()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
    }

    @Test
    void letsOneProbeThroughAndClosesOnItsSuccess() {
        CircuitBreaker.Permit probe = breaker.permit();
        assertThat(probe.refusedFor()).isNull();
        assertThat(breaker.permit().refusedFor()).as("a second caller while the probe is out").isEqualTo(Duration.ofSeconds(1));
        probe.succeeded();
        probe.release();
        assertThat(breaker.state()).isEqualTo("closed");
        assertThat(breaker.permit().refusedFor()).isNull();
    }

    @Test
    void opensAgainWhenTheProbeFails() {
        CircuitBreaker.Permit probe = breaker.permit();
        probe.failed();
        probe.release();
        assertThat(breaker.state()).isEqualTo("open");
        assertThat(breaker.permit().refusedFor()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aProbeReleasedWithoutVerdictLetsTheNextCallProbe() {
        CircuitBreaker.Permit probe = breaker.permit();
        probe.release();
        assertThat(breaker.state()).isEqualTo("half-open");
        CircuitBreaker.Permit next = breaker.permit();
        assertThat(next.refusedFor()).isNull();
        next.succeeded();
        assertThat(breaker.state()).isEqualTo("closed");
    }

    @Test
    void onlyTheFirstVerdictOfAPermitCounts() {
        CircuitBreaker.Permit probe = breaker.permit();
        probe.succeeded();
        probe.failed();
        probe.release();
        assertThat(breaker.state()).isEqualTo("closed");
    }

    @Test
    void aRefusedPermitChangesNothing() {
        CircuitBreaker.Permit probe = breaker.permit();
        CircuitBreaker.Permit refused = breaker.permit();
        refused.failed();
        refused.release();
        assertThat(breaker.permit().refusedFor()).as("the probe is still out").isEqualTo(Duration.ofSeconds(1));
        probe.succeeded();
        assertThat(breaker.state()).isEqualTo("closed");
    }
}
