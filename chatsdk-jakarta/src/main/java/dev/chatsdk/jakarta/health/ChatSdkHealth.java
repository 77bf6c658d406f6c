package dev.chatsdk.jakarta.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.observe.WithheldMessages;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;

/**
 * Checks what the module needs to issue and refresh tokens, for readiness probes, through the SPI only: the issuer's
 * {@linkplain TokenIssuer#health report} (local: its signing key, and the Centrifugo breaker, which does not make the
 * module DOWN; remote: the state of its circuit breaker and, unless the breaker is open (then nothing is called),
 * whether the ChatSDK API answers within {@link #PROBE_TIMEOUT}), then the {@linkplain SessionStore#health report} of
 * the session store in use, if any (memory: always reachable; JDBC: {@code Connection.isValid} with a short timeout,
 * no table touched; a store of the application's own: what it reports).
 *
 * <p>Probes cannot stall the node: one check runs at a time, on a thread of its own; its report answers every
 * probe for {@link #REUSE} after the check <em>ended</em>; while a check is under way other probes get the last
 * report at once (before the first one ever, they share the check under way); no probe waits longer than
 * {@link #WAIT}. The store is asked on yet another thread and waited for at most {@link #STORE_TIMEOUT}. Thread-safe.
 */
public final class ChatSdkHealth {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.health");
    /** How long one report answers every probe, from the end of the check that made it. */
    public static final Duration REUSE = Duration.ofSeconds(1);
    /** The longest a probe of the ChatSDK API may take (or the request timeout, when shorter). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Longest wait for the session store's answer. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);
    /** The longest any caller of {@link #check()} waits: the checks' own deadline and a margin to end them. */
    public static final Duration WAIT = PROBE_TIMEOUT.plusMillis(500);

    /** What an upstream's report is made of: its breaker, and a probe that ends at a deadline. */
    interface Upstream {
        /** @return {@code closed}, {@code open} or {@code half-open} */
        String circuitState();

        /** @return what keeps the API from answering within {@code deadline}, or empty when it answers */
        Optional<String> probe(Duration deadline);
    }

    private final ChatSdk sdk;
    private final Executor storeChecks;
    private final Function<Duration, Health> issuer;
    private final Duration probeTimeout;
    private final Duration wait;
    private final SharedCheck shared;
    /** The ping under way or last made; only the one thread that runs a check uses it. */
    private CompletableFuture<Health> storeCheck;

    /** @param sdk the module to check */
    public ChatSdkHealth(ChatSdk sdk) {
        this(sdk, sdk.clock(), ChatSdkHealth::daemon, sdk.issuer()::health, WAIT);
    }

    /**
     * @param threads  runs the checks and the store pings, each on a thread of its own
     * @param upstream stands for the issuer: an upstream's report made of this breaker and probe; {@code null}: the
     *                 module's issuer reports itself
     * @param wait     the longest a caller waits ({@link #WAIT})
     */
    ChatSdkHealth(ChatSdk sdk, Clock clock, Executor threads, Upstream upstream, Duration wait) {
        this(sdk, clock, threads, upstream == null ? sdk.issuer()::health
                : deadline -> upstream(upstream.circuitState(), upstream::probe, deadline), wait);
    }

    private ChatSdkHealth(ChatSdk sdk, Clock clock, Executor threads, Function<Duration, Health> issuer,
            Duration wait) {
        this.sdk = sdk;
        this.storeChecks = threads;
        this.issuer = issuer;
        this.wait = wait;
        this.probeTimeout = min(PROBE_TIMEOUT, sdk.config().remote().requestTimeout());
        this.shared = new SharedCheck(this::fresh, this::unfinished, clock, threads, REUSE, wait);
    }

    /**
     * The report of an upstream API behind a circuit breaker: never probed while the breaker is open, which is DOWN
     * as it is; else UP when the probe answers within {@code deadline}.
     *
     * @param circuit  {@code closed}, {@code open} or {@code half-open}
     * @param probe    what keeps the API from answering within a deadline, or empty when it answers
     * @param deadline the longest the probe may take
     * @return {@code upstream.reachable}, {@code upstream.problem} when there is one, {@code upstream.circuit}
     */
    public static Health upstream(String circuit, Function<Duration, Optional<String>> probe, Duration deadline) {
        Optional<String> problem = "open".equals(circuit)
                ? Optional.of("not probed while the circuit breaker is open")
                : probe.apply(deadline);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("upstream.reachable", problem.isEmpty());
        problem.ifPresent(p -> data.put("upstream.problem", p));
        data.put("upstream.circuit", circuit);
        return problem.isEmpty() ? Health.up(data) : Health.down(data);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "chatsdk-health");
        thread.setDaemon(true);
        thread.start();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * @return the report of the last check, when it ended less than {@link #REUSE} ago or another check is under
     *         way; else the report of a new check. Never waits longer than {@link #WAIT}.
     */
    public HealthReport check() {
        return shared.get();
    }

    private HealthReport fresh() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", sdk.config().issuer());
        Health ofIssuer = issuer.apply(probeTimeout);
        data.putAll(ofIssuer.details());
        boolean up = ofIssuer.isUp();
        Optional<SessionStore> store = ChatSdkInternals.of(sdk).sessionStore();
        if (store.isPresent()) {
            Health ofStore = store(store.get());
            data.putAll(ofStore.details());
            up &= ofStore.isUp();
        }
        return new HealthReport(up, data);
    }

    /** The report of a check that did not end within its wait ({@code failure == null}) or failed. */
    private HealthReport unfinished(Throwable failure) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", sdk.config().issuer());
        if (failure == null) {
            data.put("problem", "the checks did not finish within " + wait.toMillis() + " ms");
        } else {
            LOG.log(System.Logger.Level.ERROR, "CHATSDK-579: the health check failed with "
                    + failure.getClass().getName() + " (messages withheld)", WithheldMessages.of(failure));
            data.put("problem", "the checks failed (" + failure.getClass().getSimpleName() + ")");
        }
        return new HealthReport(false, data);
    }

    /**
     * Asks the store on another thread, so that a database that swallows packets cannot hold the check past the
     * timeout; while one check hangs, later checks wait for that one instead of starting another.
     */
    private Health store(SessionStore store) {
        if (storeCheck == null || storeCheck.isDone()) {
            storeCheck = CompletableFuture.supplyAsync(() -> store.health(STORE_TIMEOUT), storeChecks);
        }
        try {
            return storeCheck.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unreachable("the session store did not answer within " + STORE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return unreachable("the check failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    private static Health unreachable(String problem) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionStore.reachable", false);
        data.put("sessionStore.problem", problem);
        return Health.down(data);
    }

    @Override
    public String toString() {
        HealthReport last = shared.last();
        return "ChatSdkHealth[" + (last == null ? "not checked yet" : last.status()) + "]";
    }
}
