package dev.chatsdk.jakarta.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.spi.ChatEventListener;

/**
 * Finds where the events and meters go: the listeners given in code, then those of {@code META-INF/services}
 * ({@link ServiceLoader}), then the CDI observers; the meters to a registry given in code, else the server's
 * MicroProfile Metrics, else Micrometer's, else nowhere.
 */
final class SinkDiscovery {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.observe");

    /** What was found. */
    static final class Found {
        final List<GuardedSink> sinks;
        final Meters meters;

        Found(List<GuardedSink> sinks, Meters meters) {
            this.sinks = List.copyOf(sinks);
            this.meters = meters;
        }
    }

    private SinkDiscovery() {
    }

    /** @see Telemetry#create */
    static Found discover(List<ChatEventListener> listeners, Object meterRegistry, ClassLoader loader) {
        List<GuardedSink> sinks = new ArrayList<>();
        for (ChatEventListener listener : listeners) {
            sinks.add(new GuardedSink("the event listener " + listener.getClass().getName(), listener::onEvent));
        }
        try {
            for (ChatEventListener listener : ServiceLoader.load(ChatEventListener.class, loader)) {
                sinks.add(new GuardedSink("the event listener " + listener.getClass().getName(), listener::onEvent));
            }
        } catch (ServiceConfigurationError e) {
            throw new ChatSdkConfigException(List.of(String.format("CHATSDK-511: META-INF/services/%s lists a class "
                    + "that cannot be used (%s); fix the file or the class", ChatEventListener.class.getName(),
                    e.getMessage())));
        }
        int listenerCount = sinks.size();
        Consumer<ChatEvent> cdi = CdiEvents.find();
        if (cdi != null) {
            sinks.add(new GuardedSink("a CDI observer of the ChatSDK events", cdi));
        }
        Meters meters = meters(meterRegistry);
        LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-520: audit events go to the log "
                + "'dev.chatsdk.jakarta.audit', %d listener(s)%s; metrics: %s", listenerCount,
                cdi != null ? " and CDI observers" : "", meters));
        return new Found(sinks, meters);
    }

    /**
     * Chooses where the meters go: a registry given in code always; else the server's MicroProfile Metrics
     * application registry, which the server exports; else Micrometer (a registry CDI offers, else the global one);
     * else nowhere.
     */
    private static Meters meters(Object given) {
        boolean micrometer = visible("io.micrometer.core.instrument.MeterRegistry");
        if (given != null) {
            if (!micrometer) {
                throw new IllegalArgumentException("a meterRegistry was given, but Micrometer is not visible to the "
                        + "ChatSDK module's class loader");
            }
            return MicrometerMeters.create(given);
        }
        if (visible("org.eclipse.microprofile.metrics.MetricRegistry")) {
            Meters server = mpMetrics();
            if (server != null) {
                return server;
            }
        }
        return micrometer ? MicrometerMeters.create(null) : Meters.NONE;
    }

    /**
     * @return the server's MicroProfile Metrics, or {@code null} where CDI does not run or offers no registry, or the
     *         server's registry fails (logged: the module then starts without it)
     */
    private static Meters mpMetrics() {
        try {
            return MpMetricsMeters.find();
        } catch (LinkageError | IllegalStateException | ServiceConfigurationError e) {
            return null;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-530: the server's MicroProfile Metrics registry "
                    + "could not be obtained (%s); the meters go elsewhere", e), e);
            return null;
        }
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, Telemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
