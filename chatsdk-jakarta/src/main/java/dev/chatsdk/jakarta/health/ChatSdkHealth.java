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

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.observe.WithheldMessages;
import dev.chatsdk.jakarta.remote.RemoteTokenIssuer;
import dev.chatsdk.jakarta.session.InMemorySessionStore;
import dev.chatsdk.jakarta.session.JdbcSessionStore;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.token.LocalTokenIssuer;

/**
 * Checks what the module needs to issue and refresh tokens, for readiness probes: with the local issuer, its
 * signing key and the session store (memory: always reachable; JDBC: {@code Connection.isValid} with a short
 * timeout, no table touched); with the remote issuer, the state of its circuit breaker and, unless the breaker is
 * open (then nothing is called), whether the ChatSDK API answers within {@link #PROBE_TIMEOUT}. The Centrifugo
 * breaker is reported but does not make the module DOWN (disconnects are best-effort).
 *
 * <p>Probes cannot stall the node: one check runs at a time, on a thread of its own; its report answers every
 * probe for {@link #REUSE} after the check <em>ended</em>; while a check is under way other probes get the last
 * report at once (before the first one ever, they share the check under way); no probe waits longer than
 * {@link #WAIT}. Thread-safe.
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

    /** What the report asks of the remote issuer: its breaker, and a probe that ends at a deadline. */
    interface Upstream {
        /** @return {@code closed}, {@code open} or {@code half-open} */
        String circuitState();

        /** @return what keeps the API from answering within {@code deadline}, or empty when it answers */
        Optional<String> probe(Duration deadline);

        static Upstream of(RemoteTokenIssuer remote) {
            return new Upstream() {
                @Override
                public String circuitState() {
                    return remote.circuitState();
                }

                @Override
                public Optional<String> probe(Duration deadline) {
                    return remote.checkUpstream(deadline);
                }
            };
        }
    }

    private final ChatSdk sdk;
    private final Clock clock;
    private final Executor storeChecks;
    private final Upstream upstream;
    private final Duration probeTimeout;
    private final Duration wait;
    private final SharedCheck shared;
    /** The ping under way or last made; only the one thread that runs a check uses it. */
    private CompletableFuture<Optional<String>> storeCheck;

    /** @param sdk the module to check */
    public ChatSdkHealth(ChatSdk sdk) {
        this(sdk, sdk.clock(), ChatSdkHealth::daemon, sdk.issuer() instanceof RemoteTokenIssuer
                ? Upstream.of((RemoteTokenIssuer) sdk.issuer()) : null, WAIT);
    }

    /**
     * @param threads  runs the checks and the store pings, each on a thread of its own
     * @param upstream the remote issuer, or {@code null} with any other
     * @param wait     the longest a caller waits ({@link #WAIT})
     */
    ChatSdkHealth(ChatSdk sdk, Clock clock, Executor threads, Upstream upstream, Duration wait) {
        this.sdk = sdk;
        this.clock = clock;
        this.storeChecks = threads;
        this.upstream = upstream;
        this.wait = wait;
        this.probeTimeout = min(PROBE_TIMEOUT, sdk.config().remoteRequestTimeout());
        this.shared = new SharedCheck(this::fresh, this::unfinished, clock, threads, REUSE, wait);
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
        boolean up = true;
        if (sdk.issuer() instanceof LocalTokenIssuer) {
            LocalTokenIssuer local = (LocalTokenIssuer) sdk.issuer();
            data.put("signingKey.loaded", true);
            data.put("signingKey.algorithm", sdk.config().algorithm());
            data.put("signingKey.keyId", sdk.config().keyId());
            data.put("signingKey.retiredKeys", (long) local.retiredKeys());
            data.put("signingKey.loadedAt", local.keysLoadedAt().toString());
            data.put("signingKey.ageSeconds", Math.max(0, Duration.between(local.keysLoadedAt(),
                    clock.instant()).toSeconds()));
            up = store(local.sessionStore(), data);
            local.centrifugo().ifPresent(c -> data.put("centrifugo.circuit", c.circuitState()));
        } else if (upstream != null) {
            up = upstream(data);
        } else {
            data.put("issuer.class", sdk.issuer().getClass().getName());
        }
        return new HealthReport(up, data);
    }

    /** @return whether the API can be used: never called while the breaker is open, which is DOWN as it is */
    private boolean upstream(Map<String, Object> data) {
        String circuit = upstream.circuitState();
        Optional<String> problem = "open".equals(circuit)
                ? Optional.of("not probed while the circuit breaker is open")
                : upstream.probe(probeTimeout);
        data.put("upstream.reachable", problem.isEmpty());
        problem.ifPresent(p -> data.put("upstream.problem", p));
        data.put("upstream.circuit", circuit);
        return problem.isEmpty();
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

    /** @return whether the store answers; memory always does, a store of the application's own is not checked */
    private boolean store(SessionStore store, Map<String, Object> data) {
        if (store instanceof InMemorySessionStore) {
            data.put("sessionStore", "memory");
            data.put("sessionStore.reachable", true);
            return true;
        }
        if (!(store instanceof JdbcSessionStore)) {
            data.put("sessionStore", store.getClass().getName());
            data.put("sessionStore.checked", false);
            return true;
        }
        data.put("sessionStore", "jdbc");
        Optional<String> problem = ping((JdbcSessionStore) store);
        data.put("sessionStore.reachable", problem.isEmpty());
        problem.ifPresent(p -> data.put("sessionStore.problem", p));
        return problem.isEmpty();
    }

    /**
     * Pings on another thread, so that a database that swallows packets cannot hold the check past the timeout;
     * while one ping hangs, later checks wait for that one instead of starting another.
     */
    private Optional<String> ping(JdbcSessionStore store) {
        if (storeCheck == null || storeCheck.isDone()) {
            storeCheck = CompletableFuture.supplyAsync(() -> store.ping(STORE_TIMEOUT), storeChecks);
        }
        try {
            return storeCheck.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("the database did not answer within " + STORE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Optional.of("the check failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public String toString() {
        HealthReport last = shared.last();
        return "ChatSdkHealth[" + (last == null ? "not checked yet" : last.status()) + "]";
    }
}
