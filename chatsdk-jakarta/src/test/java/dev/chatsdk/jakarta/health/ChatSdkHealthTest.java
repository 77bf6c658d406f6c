package dev.chatsdk.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;

/**
 * Issue 16, item 2: health probes that cannot stall the node. The remote issuer's probe is a fake that blocks until
 * the test lets it go, and the clock moves by hand: concurrent checks share one probe, no caller waits past the
 * wait, a report is reused for {@link ChatSdkHealth#REUSE} after its probe <em>ended</em>, and an open breaker is
 * never probed. Before the fix, {@code check()} was {@code synchronized} around the probe (callers queued one probe
 * each) and stamped the report with the time its probe started.
 */
class ChatSdkHealthTest {
    /** A caller that is not back this long after it should have been is stuck. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final Executor THREADS = task -> {
        Thread thread = new Thread(task, "health-test");
        thread.setDaemon(true);
        thread.start();
    };

    private final TestClock clock = new TestClock();
    private final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void releaseProbes() {
        upstream.release();
    }

    /** The ChatSDK API as the health report sees it: a breaker state, and a probe that blocks until released. */
    private static final class FakeUpstream implements ChatSdkHealth.Upstream {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicReference<Duration> deadline = new AtomicReference<>();
        volatile String circuit = "closed";
        volatile CountDownLatch gate = new CountDownLatch(1);
        volatile RuntimeException failure;

        @Override
        public String circuitState() {
            return circuit;
        }

        @Override
        public Optional<String> probe(Duration deadline) {
            probes.incrementAndGet();
            this.deadline.set(deadline);
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return Optional.empty();
        }

        void release() {
            gate.countDown();
        }
    }

    private static ChatSdkConfig.Builder remote() {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, "http://127.0.0.1:9")
                .set(RemoteConfig.API_KEY, "ck_live_" + TestConfig.randomSecret())
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)));
    }

    private ChatSdkHealth health(ChatSdkConfig.Builder config, Duration wait) {
        return new ChatSdkHealth(ChatSdk.create(config.build()), clock, THREADS, upstream, wait);
    }

    /** One caller of {@code check()} on a thread of its own, timed. */
    private static final class Caller {
        final Thread thread;
        volatile HealthReport report;
        volatile Duration took;

        Caller(ChatSdkHealth health) {
            thread = new Thread(() -> {
                long started = System.nanoTime();
                report = health.check();
                took = Duration.ofNanos(System.nanoTime() - started);
            });
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static List<Caller> callers(ChatSdkHealth health, int n) {
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            callers.add(new Caller(health));
        }
        return callers;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void join(List<Caller> callers, Duration bound) throws InterruptedException {
        for (Caller caller : callers) {
            caller.thread.join(bound.toMillis());
            assertThat(caller.thread.isAlive()).as("a caller is still waiting after " + bound).isFalse();
        }
    }

    @Test
    void concurrentChecksShareOneProbe() throws Exception {
        ChatSdkHealth health = health(remote(), Duration.ofSeconds(30));

        List<Caller> callers = callers(health, 16);
        await("the probe", () -> upstream.probes.get() == 1);
        await("every caller waiting for it", () -> callers.stream()
                .allMatch(c -> c.thread.getState() == Thread.State.TIMED_WAITING));
        upstream.release();
        join(callers, SLACK);

        assertThat(upstream.probes).hasValue(1);
        HealthReport first = callers.get(0).report;
        assertThat(first.up()).isTrue();
        assertThat(callers).allSatisfy(c -> assertThat(c.report).isSameAs(first));
    }

    @Test
    void noCallerWaitsLongerThanTheWaitWhileTheProbeHangs() throws Exception {
        Duration wait = Duration.ofMillis(500);
        ChatSdkHealth health = health(remote(), wait);

        List<Caller> callers = callers(health, 16);
        join(callers, wait.plus(SLACK));

        assertThat(upstream.probes).hasValue(1);
        assertThat(callers).allSatisfy(c -> {
            assertThat(c.took).isLessThan(wait.plus(SLACK));
            assertThat(c.report.up()).isFalse();
            assertThat(c.report.data()).containsEntry("problem", "the checks did not finish within 500 ms");
        });

        clock.advance(ChatSdkHealth.REUSE.multipliedBy(5));
        long started = System.nanoTime();
        HealthReport meanwhile = health.check();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the hung probe is not waited for again")
                .isLessThan(wait);
        assertThat(meanwhile.up()).isFalse();
        assertThat(upstream.probes).as("no second probe while one hangs").hasValue(1);

        upstream.release();
        await("the probe's own report", () -> health.check().up());
        assertThat(upstream.probes).hasValue(1);
    }

    @Test
    void reusesTheReportForTheWindowAfterItsProbeEnded() throws Exception {
        ChatSdkHealth health = health(remote(), Duration.ofSeconds(30));
        Caller slow = new Caller(health);
        await("the probe", () -> upstream.probes.get() == 1);
        clock.advance(Duration.ofSeconds(5));
        upstream.release();
        join(List.of(slow), SLACK);

        clock.advance(ChatSdkHealth.REUSE.minusMillis(1));
        assertThat(health.check()).isSameAs(slow.report);
        assertThat(upstream.probes).as("the report made at the probe's end is reused").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        HealthReport next = health.check();
        assertThat(next).isNotSameAs(slow.report);
        assertThat(upstream.probes).hasValue(2);
    }

    @Test
    void neverProbesWhileTheBreakerIsOpen() throws Exception {
        upstream.circuit = "open";
        upstream.release();
        ChatSdkHealth health = health(remote(), ChatSdkHealth.WAIT);

        for (int i = 0; i < 3; i++) {
            HealthReport report = health.check();
            assertThat(report.up()).isFalse();
            assertThat(report.data()).containsExactly(Map.entry("issuer", "remote"),
                    Map.entry("upstream.reachable", false),
                    Map.entry("upstream.problem", "not probed while the circuit breaker is open"),
                    Map.entry("upstream.circuit", "open"));
            clock.advance(ChatSdkHealth.REUSE);
        }
        assertThat(upstream.probes).hasValue(0);

        upstream.circuit = "half-open";
        assertThat(health.check().up()).as("half-open: the probe decides").isTrue();
        assertThat(upstream.probes).hasValue(1);
    }

    @Test
    void givesTheProbeItsOwnShortDeadline() throws Exception {
        upstream.release();

        health(remote(), ChatSdkHealth.WAIT).check();
        assertThat(upstream.deadline).hasValue(Duration.ofSeconds(2));

        health(remote().set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800)), ChatSdkHealth.WAIT).check();
        assertThat(upstream.deadline).as("a shorter request timeout wins").hasValue(Duration.ofMillis(800));
        assertThat(ChatSdkHealth.WAIT).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void reportsAFailedCheckDownAndChecksAgainAfterTheWindow() throws Exception {
        upstream.failure = new IllegalStateException("no secret here");
        upstream.release();
        ChatSdkHealth health = health(remote(), ChatSdkHealth.WAIT);

        HealthReport failed = health.check();
        assertThat(failed.up()).isFalse();
        assertThat(failed.data()).containsEntry("problem", "the checks failed (IllegalStateException)");

        upstream.failure = null;
        clock.advance(ChatSdkHealth.REUSE);
        assertThat(health.check().up()).isTrue();
        assertThat(upstream.probes).hasValue(2);
    }

    @Test
    void checksTheLocalIssuerWithoutAnyUpstream() {
        ChatSdkHealth health = new ChatSdkHealth(ChatSdk.create(new TestConfig().builder()
                .set(LocalKeysConfig.KEY_ID, "k-1").build()), clock,
                THREADS, null, ChatSdkHealth.WAIT);

        HealthReport report = health.check();

        assertThat(report.up()).isTrue();
        assertThat(report.data()).containsEntry("signingKey.keyId", "k-1").containsEntry("sessionStore", "memory");
        assertThat(report.json(false)).isEqualTo(Map.of("status", "UP",
                "checks", List.of(Map.of("name", "chatsdk", "status", "UP"))));
        assertThat(report.json(true).toString()).contains("signingKey.keyId=k-1");
        assertThat(upstream.probes).hasValue(0);
        assertThat(health).hasToString("ChatSdkHealth[UP]");
    }
}
