package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    @Test
    void goesClosedOpenHalfOpenClosedOnTheInjectedClock() {
        CircuitBreaker fresh = new CircuitBreaker(3, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 2; i++) {
            CircuitBreaker.Permit permit = fresh.permit();
            permit.failed();
            permit.release();
        }
        assertThat(fresh.state()).as("two failures of three").isEqualTo("closed");
        CircuitBreaker.Permit success = fresh.permit();
        success.succeeded();
        success.release();
        for (int i = 0; i < 2; i++) {
            CircuitBreaker.Permit permit = fresh.permit();
            permit.failed();
        }
        assertThat(fresh.state()).as("a success starts the count again").isEqualTo("closed");
        fresh.permit().failed();
        assertThat(fresh.state()).isEqualTo("open");
        assertThat(fresh.isOpen()).isTrue();

        clock.advance(Duration.ofSeconds(4));
        assertThat(fresh.permit().refusedFor()).as("the time left").isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(fresh.state()).isEqualTo("half-open");
        CircuitBreaker.Permit probe = fresh.permit();
        assertThat(probe.refusedFor()).isNull();
        assertThat(fresh.state()).isEqualTo("half-open");
        probe.succeeded();
        probe.release();
        assertThat(fresh.state()).isEqualTo("closed");
        assertThat(fresh.isOpen()).isFalse();
    }

    @Test
    void ofManyConcurrentCallersExactlyOneProbes() throws Exception {
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CircuitBreaker.Permit>> permits = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                permits.add(pool.submit(() -> {
                    go.await();
                    return breaker.permit();
                }));
            }
            go.countDown();
            List<CircuitBreaker.Permit> probes = new ArrayList<>();
            for (Future<CircuitBreaker.Permit> permit : permits) {
                CircuitBreaker.Permit p = permit.get(10, TimeUnit.SECONDS);
                if (p.refusedFor() == null) {
                    probes.add(p);
                } else {
                    assertThat(p.refusedFor()).isEqualTo(Duration.ofSeconds(1));
                }
            }
            assertThat(probes).as("one probe while half-open").hasSize(1);
            probes.get(0).succeeded();
            probes.get(0).release();
        } finally {
            pool.shutdownNow();
        }
        assertThat(breaker.state()).isEqualTo("closed");
    }
}
