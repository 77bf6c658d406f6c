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


/**
 * The module's meters in a Micrometer registry. Loaded only after {@link Telemetry} found Micrometer on the class
 * path, so that the module runs without it. Thread-safe.
 */
final class MicrometerMeters implements Meters {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");

    private final MeterRegistry registry;
    private final String origin;
    private final boolean described;
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
        for (Meter meter : UNTAGGED_COUNTERS) {
            counters.put(meter.key(), counter(meter));
        }
    }

    /**
     * @param tags names and values, alternating; passed as an {@code Iterable<Tag>}, the overload WildFly overrides and
     *             every Micrometer version has ({@code counter(String, Tags)} is new in 1.17, and would bypass it)
     */
    private Counter counter(Meter meter, String... tags) {
        Iterable<Tag> tagged = Tags.of(tags);
        return described ? Counter.builder(meter.name).description(meter.description).tags(tagged).register(registry)
                : registry.counter(meter.name, tagged);
    }

    /** @param tags names and values, alternating; as an {@code Iterable<Tag>}, for the reason given at {@link #counter} */
    private Timer timer(Meter meter, String... tags) {
        Iterable<Tag> tagged = Tags.of(tags);
        return described ? Timer.builder(meter.name).description(meter.description).tags(tagged).register(registry)
                : registry.timer(meter.name, tagged);
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
    public void count(Meter meter, long amount, String... tags) {
        counters.computeIfAbsent(meter.key(tags), k -> counter(meter, tags)).increment(amount);
    }

    @Override
    public void time(Meter meter, long nanos, String... tags) {
        timers.computeIfAbsent(meter.key(tags), k -> timer(meter, tags)).record(nanos, TimeUnit.NANOSECONDS);
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
