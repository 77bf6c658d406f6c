package dev.chatsdk.jakarta.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.remote.RemoteTokenIssuer;
import dev.chatsdk.jakarta.session.InMemorySessionStore;
import dev.chatsdk.jakarta.session.JdbcSessionStore;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.token.LocalTokenIssuer;

/**
 * Checks what the module needs to issue and refresh tokens, for readiness probes: with the local issuer, its
 * signing key and the session store (memory: always reachable; JDBC: {@code Connection.isValid} with a short
 * timeout, no table touched); with the remote issuer, whether the ChatSDK API answers and the state of its
 * circuit breaker. The Centrifugo breaker is reported but does not make the module DOWN (disconnects are
 * best-effort). A report is reused for {@link #REUSE}, so frequent probes cost one check a second.
 * Thread-safe.
 */
public final class ChatSdkHealth {
    /** How long one report answers every probe. */
    public static final Duration REUSE = Duration.ofSeconds(1);
    /** Longest wait for the session store's answer. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

    private final ChatSdk sdk;
    private final Clock clock;
    private final Executor storeChecks;
    private HealthReport last;
    private Instant lastAt = Instant.MIN;
    private CompletableFuture<Optional<String>> storeCheck;

    /** @param sdk the module to check */
    public ChatSdkHealth(ChatSdk sdk) {
        this(sdk, sdk.clock(), task -> {
            Thread thread = new Thread(task, "chatsdk-health");
            thread.setDaemon(true);
            thread.start();
        });
    }

    ChatSdkHealth(ChatSdk sdk, Clock clock, Executor storeChecks) {
        this.sdk = sdk;
        this.clock = clock;
        this.storeChecks = storeChecks;
    }

    /** @return the current report, or the one made less than {@link #REUSE} ago */
    public synchronized HealthReport check() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(REUSE)) || now.isBefore(lastAt)) {
            last = fresh(now);
            lastAt = now;
        }
        return last;
    }

    private HealthReport fresh(Instant now) {
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
            data.put("signingKey.ageSeconds", Math.max(0, Duration.between(local.keysLoadedAt(), now).toSeconds()));
            up = store(local.sessionStore(), data);
            local.centrifugo().ifPresent(c -> data.put("centrifugo.circuit", c.circuitState()));
        } else if (sdk.issuer() instanceof RemoteTokenIssuer) {
            RemoteTokenIssuer remote = (RemoteTokenIssuer) sdk.issuer();
            Optional<String> problem = sdk.checkUpstream();
            String circuit = remote.circuitState();
            data.put("upstream.reachable", problem.isEmpty());
            problem.ifPresent(p -> data.put("upstream.problem", p));
            data.put("upstream.circuit", circuit);
            up = problem.isEmpty() && !"open".equals(circuit);
        } else {
            data.put("issuer.class", sdk.issuer().getClass().getName());
        }
        return new HealthReport(up, data);
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
     * Pings on another thread, so that a database that swallows packets cannot hold the probe past the timeout;
     * while one ping hangs, later reports wait for that one instead of starting another.
     */
    private Optional<String> ping(JdbcSessionStore store) {
        if (storeCheck == null || storeCheck.isDone()) {
            storeCheck = CompletableFuture.supplyAsync(() -> store.ping(STORE_TIMEOUT), storeChecks);
        }
        try {
            return storeCheck.get(STORE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
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
    public synchronized String toString() {
        return "ChatSdkHealth[" + (last == null ? "not checked yet" : last.status()) + "]";
    }
}
