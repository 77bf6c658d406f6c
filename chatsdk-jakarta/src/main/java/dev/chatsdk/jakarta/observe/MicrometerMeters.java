package dev.chatsdk.jakarta.observe;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;

/**
 * The module's meters in a Micrometer registry. Loaded only after {@link Telemetry} found Micrometer on the class
 * path, so that the module runs without it. Thread-safe.
 */
final class MicrometerMeters implements Meters {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");
    static final String ISSUED = "chatsdk.tokens.issued";
    static final String REFRESHED = "chatsdk.tokens.refreshed";
    static final String RETRIED = "chatsdk.tokens.refresh.retried";
    static final String REUSE_DETECTED = "chatsdk.tokens.reuse.detected";
    static final String REVOKED = "chatsdk.sessions.revoked";
    static final String REJECTED = "chatsdk.requests.rejected";
    static final String UPSTREAM_CALLS = "chatsdk.upstream.calls";
    static final String UPSTREAM_LATENCY = "chatsdk.upstream.latency";
    static final String REQUESTS = "chatsdk.requests";

    private final MeterRegistry registry;
    private final String origin;
    private final boolean described;
    private final Counter issued;
    private final Counter refreshed;
    private final Counter retried;
    private final Counter reuseDetected;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param described whether meters are registered with their descriptions (through Micrometer's builders), or
     *                  through the registry's {@code counter(String, Iterable<Tag>)} and
     *                  {@code timer(String, Iterable<Tag>)} alone: WildFly's deployment registry forwards only those to
     *                  the registry it exports, and keeps what builders register to itself
     */
    private MicrometerMeters(MeterRegistry registry, String origin, boolean described) {
        this.registry = registry;
        this.origin = origin;
        this.described = described;
        this.issued = counter(ISSUED, "New sessions' tokens issued");
        this.refreshed = counter(REFRESHED, "Refreshes answered with new tokens, retries included");
        this.retried = counter(RETRIED, "Refreshes with a spent token within the rotation grace");
        this.reuseDetected = counter(REUSE_DETECTED,
                "Spent refresh tokens presented after the grace; each revoked its session");
    }

    /**
     * @param tags names and values, alternating; passed as an {@code Iterable<Tag>}, the overload WildFly overrides and
     *             every Micrometer version has ({@code counter(String, Tags)} is new in 1.17, and would bypass it)
     */
    private Counter counter(String name, String description, String... tags) {
        Iterable<Tag> tagged = Tags.of(tags);
        return described ? Counter.builder(name).description(description).tags(tagged).register(registry)
                : registry.counter(name, tagged);
    }

    /** @param tags names and values, alternating; as an {@code Iterable<Tag>}, for the reason given at {@link #counter} */
    private Timer timer(String name, String description, String... tags) {
        Iterable<Tag> tagged = Tags.of(tags);
        return described ? Timer.builder(name).description(description).tags(tagged).register(registry)
                : registry.timer(name, tagged);
    }

    /**
     * @param given a {@link MeterRegistry} given in code, or {@code null} for the one CDI offers (WildFly's micrometer
     *              subsystem, or the application's producer), else Micrometer's global registry
     * @throws IllegalArgumentException if {@code given} is not a {@link MeterRegistry}
     */
    static Meters create(Object given) {
        if (given == null) {
            MeterRegistry offered = cdiRegistry();
            return offered != null ? new MicrometerMeters(offered, "the MeterRegistry CDI offers", false)
                    : new MicrometerMeters(Metrics.globalRegistry, "Micrometer's global registry", true);
        }
        if (!(given instanceof MeterRegistry)) {
            throw new IllegalArgumentException("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry, not "
                    + given.getClass().getName());
        }
        return new MicrometerMeters((MeterRegistry) given, "the given " + given.getClass().getSimpleName(), true);
    }

    @Override
    public void event(ChatEvent event) {
        if (event instanceof TokenIssued) {
            issued.increment();
        } else if (event instanceof TokenRefreshed) {
            refreshed.increment();
            if (((TokenRefreshed) event).retry()) {
                retried.increment();
            }
        } else if (event instanceof RefreshReuseDetected) {
            reuseDetected.increment();
        } else if (event instanceof SessionRevoked) {
            SessionRevoked revoked = (SessionRevoked) event;
            String cause = revoked.cause().name().toLowerCase(java.util.Locale.ROOT);
            counters.computeIfAbsent(REVOKED + cause, k -> counter(REVOKED, "Sessions revoked before their end", "cause",
                    cause)).increment(revoked.sessions());
        } else if (event instanceof RequestRejected) {
            String code = ((RequestRejected) event).code().name();
            counters.computeIfAbsent(REJECTED + code, k -> counter(REJECTED,
                    "Requests answered with an error, by error code", "code", code)).increment();
        }
    }

    @Override
    public void upstreamCall(String outcome, long nanos) {
        counters.computeIfAbsent(UPSTREAM_CALLS + outcome, k -> counter(UPSTREAM_CALLS,
                "Calls to the ChatSDK API, by outcome", "outcome", outcome)).increment();
        timers.computeIfAbsent(UPSTREAM_LATENCY + outcome, k -> timer(UPSTREAM_LATENCY,
                "Time of calls to the ChatSDK API, retries included", "outcome", outcome))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void request(String endpoint, int status, long nanos) {
        String statusText = String.valueOf(status);
        timers.computeIfAbsent(endpoint + ' ' + statusText, k -> timer(REQUESTS,
                "Time to answer requests to the module's endpoints", "endpoint", endpoint, "status", statusText))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @return the {@link MeterRegistry} CDI offers, or {@code null} where CDI does not run or offers none */
    private static MeterRegistry cdiRegistry() {
        try {
            return CdiRegistry.find();
        } catch (LinkageError | IllegalStateException | ServiceConfigurationError e) {
            return null;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-531: the MeterRegistry CDI offers could not be "
                    + "obtained (%s); the meters go to Micrometer's global registry", e), e);
            return null;
        }
    }

    /** Holds the CDI types, so that this class loads where CDI is absent. */
    private static final class CdiRegistry {
        static MeterRegistry find() {
            Instance<MeterRegistry> registries = CDI.current().select(MeterRegistry.class);
            return registries.isResolvable() ? registries.get() : null;
        }
    }

    @Override
    public String toString() {
        return "Micrometer (" + origin + ")";
    }
}
