package dev.chatsdk.jakarta.observe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetadataBuilder;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;


/**
 * The module's meters in the server's MicroProfile Metrics application registry, with the names and tags of
 * {@link Meters.Meter}; the server exports them (Payara: {@code /metrics?scope=application}, where
 * {@code chatsdk.tokens.issued} reads {@code chatsdk_tokens_issued_total}). Loaded only after {@link Telemetry} found
 * the MicroProfile Metrics API, so that the module runs without it. Thread-safe.
 */
final class MpMetricsMeters implements Meters {
    /** Each meter's metadata: its name, description, and for timers the unit. */
    private static final Map<Meter, Metadata> METADATA = new EnumMap<>(Meter.class);

    static {
        for (Meter meter : Meter.values()) {
            MetadataBuilder metadata = Metadata.builder().withName(meter.name).withDescription(meter.description);
            METADATA.put(meter, (meter.timer ? metadata.withUnit(MetricUnits.SECONDS) : metadata).build());
        }
    }

    private final MetricRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MpMetricsMeters(MetricRegistry registry) {
        this.registry = registry;
        for (Meter meter : UNTAGGED_COUNTERS) {
            counters.put(meter.key(), registry.counter(METADATA.get(meter)));
        }
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
    public void count(Meter meter, long amount, String... tags) {
        counters.computeIfAbsent(meter.key(tags), k -> registry.counter(METADATA.get(meter), tags(tags))).inc(amount);
    }

    @Override
    public void time(Meter meter, long nanos, String... tags) {
        timers.computeIfAbsent(meter.key(tags), k -> registry.timer(METADATA.get(meter), tags(tags)))
                .update(Duration.ofNanos(nanos));
    }

    private static Tag[] tags(String... namesAndValues) {
        Tag[] tags = new Tag[namesAndValues.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return tags;
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics (the server's application registry)";
    }
}
