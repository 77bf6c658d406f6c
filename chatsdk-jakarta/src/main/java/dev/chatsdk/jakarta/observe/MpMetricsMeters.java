package dev.chatsdk.jakarta.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;

/**
 * The module's meters in the server's MicroProfile Metrics application registry, with the names and tags of
 * {@link MicrometerMeters}; the server exports them (Payara: {@code /metrics?scope=application}, where
 * {@code chatsdk.tokens.issued} reads {@code chatsdk_tokens_issued_total}). Loaded only after {@link Telemetry} found
 * the MicroProfile Metrics API, so that the module runs without it. Thread-safe.
 */
final class MpMetricsMeters implements Meters {
    private static final Metadata ISSUED = metadata(MicrometerMeters.ISSUED, "New sessions' tokens issued");
    private static final Metadata REFRESHED = metadata(MicrometerMeters.REFRESHED,
            "Refreshes answered with new tokens, retries included");
    private static final Metadata RETRIED = metadata(MicrometerMeters.RETRIED,
            "Refreshes with a spent token within the rotation grace");
    private static final Metadata REUSE_DETECTED = metadata(MicrometerMeters.REUSE_DETECTED,
            "Spent refresh tokens presented after the grace; each revoked its session");
    private static final Metadata REVOKED = metadata(MicrometerMeters.REVOKED, "Sessions revoked before their end");
    private static final Metadata REJECTED = metadata(MicrometerMeters.REJECTED,
            "Requests answered with an error, by error code");
    private static final Metadata UPSTREAM_CALLS = metadata(MicrometerMeters.UPSTREAM_CALLS,
            "Calls to the ChatSDK API, by outcome");
    private static final Metadata UPSTREAM_LATENCY = Metadata.builder().withName(MicrometerMeters.UPSTREAM_LATENCY)
            .withDescription("Time of calls to the ChatSDK API, retries included").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata REQUESTS = Metadata.builder().withName(MicrometerMeters.REQUESTS)
            .withDescription("Time to answer requests to the module's endpoints").withUnit(MetricUnits.SECONDS).build();

    private final MetricRegistry registry;
    private final Counter issued;
    private final Counter refreshed;
    private final Counter retried;
    private final Counter reuseDetected;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MpMetricsMeters(MetricRegistry registry) {
        this.registry = registry;
        this.issued = registry.counter(ISSUED);
        this.refreshed = registry.counter(REFRESHED);
        this.retried = registry.counter(RETRIED);
        this.reuseDetected = registry.counter(REUSE_DETECTED);
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /**
     * @return the meters in the application registry CDI offers ({@code @Default MetricRegistry}, the application
     *         scope in MicroProfile Metrics 5) through the module's {@link MpMetricsRegistry} bean, or {@code null}
     *         where CDI does not run or offers none
     */
    static Meters find() {
        Instance<MpMetricsRegistry> lookup = CDI.current().select(MpMetricsRegistry.class);
        if (!lookup.isResolvable()) {
            return null;
        }
        MetricRegistry registry = lookup.get().get();
        return registry == null ? null : new MpMetricsMeters(registry);
    }

    @Override
    public void event(ChatEvent event) {
        if (event instanceof TokenIssued) {
            issued.inc();
        } else if (event instanceof TokenRefreshed) {
            refreshed.inc();
            if (((TokenRefreshed) event).retry()) {
                retried.inc();
            }
        } else if (event instanceof RefreshReuseDetected) {
            reuseDetected.inc();
        } else if (event instanceof SessionRevoked) {
            SessionRevoked revoked = (SessionRevoked) event;
            String cause = revoked.cause().name().toLowerCase(Locale.ROOT);
            counters.computeIfAbsent(REVOKED.getName() + cause,
                    k -> registry.counter(REVOKED, new Tag("cause", cause))).inc(revoked.sessions());
        } else if (event instanceof RequestRejected) {
            String code = ((RequestRejected) event).code().name();
            counters.computeIfAbsent(REJECTED.getName() + code, k -> registry.counter(REJECTED, new Tag("code", code)))
                    .inc();
        }
    }

    @Override
    public void upstreamCall(String outcome, long nanos) {
        counters.computeIfAbsent(UPSTREAM_CALLS.getName() + outcome,
                k -> registry.counter(UPSTREAM_CALLS, new Tag("outcome", outcome))).inc();
        timers.computeIfAbsent(UPSTREAM_LATENCY.getName() + outcome,
                k -> registry.timer(UPSTREAM_LATENCY, new Tag("outcome", outcome))).update(Duration.ofNanos(nanos));
    }

    @Override
    public void request(String endpoint, int status, long nanos) {
        String statusText = String.valueOf(status);
        timers.computeIfAbsent(endpoint + ' ' + statusText, k -> registry.timer(REQUESTS, new Tag("endpoint", endpoint),
                new Tag("status", statusText))).update(Duration.ofNanos(nanos));
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics (the server's application registry)";
    }
}
