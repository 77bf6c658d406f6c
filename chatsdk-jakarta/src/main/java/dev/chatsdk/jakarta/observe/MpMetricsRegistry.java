package dev.chatsdk.jakarta.observe;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The application registry of the server's MicroProfile Metrics, looked up through an injected {@link Instance}: a
 * lookup from {@code CDI.current()} has no annotated injection point, which Payara's registry producer needs to tell
 * the scope. {@code beans.xml} excludes this bean where the MicroProfile Metrics API is absent; where the API is
 * present without an implementation, the {@link Instance} is merely unresolvable.
 */
@Dependent
class MpMetricsRegistry {
    @Inject
    Instance<MetricRegistry> registries;

    /** @return the application registry ({@code @Default} in MicroProfile Metrics 5), or {@code null} if none */
    MetricRegistry get() {
        return registries.isResolvable() ? registries.get() : null;
    }
}
