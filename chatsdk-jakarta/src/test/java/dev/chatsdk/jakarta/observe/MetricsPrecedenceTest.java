package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.event.AccessDenied;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Where the meters go when CDI offers a registry: the server's MicroProfile Metrics application registry (a recording
 * one here; {@code PayaraOperationsIT} uses Payara's), unless a Micrometer registry is given in code; a Micrometer
 * {@code MeterRegistry} bean (WildFly's micrometer subsystem) before Micrometer's global registry.
 */
class MetricsPrecedenceTest {
    private final TestConfig test = new TestConfig();

    /** Counts and timer updates by {@code name[tag=value,...]}. */
    static final Map<String, Long> RECORDED = new ConcurrentHashMap<>();

    private static String key(Metadata metadata, Object[] tags) {
        StringJoiner joined = new StringJoiner(",", metadata.getName() + "[", "]");
        for (Object tag : tags) {
            joined.add(((Tag) tag).getTagName() + "=" + ((Tag) tag).getTagValue());
        }
        return joined.toString();
    }

    /** Offers a MicroProfile Metrics registry that records what the module does with it. */
    public static class MpRegistry {
        @Produces
        MetricRegistry registry() {
            return (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                        String key = key((Metadata) args[0], args.length > 1 ? (Object[]) args[1] : new Object[0]);
                        RECORDED.putIfAbsent(key, 0L);
                        Class<?> type = method.getName().equals("counter") ? Counter.class : Timer.class;
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                                (meter, call, values) -> {
                                    long by = call.getName().equals("inc") && values != null ? (Long) values[0] : 1;
                                    RECORDED.merge(key, by, Long::sum);
                                    return null;
                                });
                    });
        }
    }

    /**
     * Offers a Micrometer registry as WildFly's micrometer subsystem does: one that forwards {@code counter(name, tags)}
     * and {@code timer(name, tags)} to the registry the server exports, and keeps what builders register to itself.
     */
    public static class MicrometerRegistry {
        static final SimpleMeterRegistry EXPORTED = new SimpleMeterRegistry();

        @Produces
        MeterRegistry registry() {
            return new SimpleMeterRegistry() {
                @Override
                public io.micrometer.core.instrument.Counter counter(String name,
                        Iterable<io.micrometer.core.instrument.Tag> tags) {
                    return EXPORTED.counter(name, tags);
                }

                @Override
                public io.micrometer.core.instrument.Timer timer(String name,
                        Iterable<io.micrometer.core.instrument.Tag> tags) {
                    return EXPORTED.timer(name, tags);
                }
            };
        }
    }

    /** A server whose registry producer fails, as Payara's does for a lookup without an annotated injection point. */
    public static class FailingMpRegistry {
        @Produces
        MetricRegistry registry() {
            throw new NullPointerException("no annotated injection point");
        }
    }

    private void script(ChatSdk sdk) {
        ChatTokens tokens = sdk.issue(ChatUser.builder("u-1").build());
        ChatTokens next = sdk.refresh(tokens.refreshToken());
        sdk.revoke(next.refreshToken());
        ChatSdkInternals.of(sdk).telemetry().emit(new AccessDenied(Instant.EPOCH, "bob", "127.0.0.1", "token", ErrorCode.NO_CHAT_ACCESS, "No."));
        ChatSdkInternals.of(sdk).telemetry().request("token", 403, 2_000_000L);
    }

    @Test
    void countsIntoTheServersMicroProfileMetricsRegistry() {
        RECORDED.clear();
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(MpRegistry.class, MpMetricsRegistry.class).initialize()) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).build();
            script(sdk);

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", MicroProfile Metrics (the server's application registry)]");
            assertThat(RECORDED).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "chatsdk.tokens.issued[]", 1L,
                    "chatsdk.tokens.refreshed[]", 1L,
                    "chatsdk.tokens.refresh.retried[]", 0L,
                    "chatsdk.tokens.reuse.detected[]", 0L,
                    "chatsdk.sessions.revoked[cause=logout]", 1L,
                    "chatsdk.requests.rejected[code=NO_CHAT_ACCESS]", 1L,
                    "chatsdk.requests[endpoint=token,status=403]", 1L));
        }
    }

    @Test
    void aMeterRegistryGivenInCodeWinsOverTheServersRegistry() {
        RECORDED.clear();
        SimpleMeterRegistry given = new SimpleMeterRegistry();
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(MpRegistry.class, MpMetricsRegistry.class).initialize()) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).meterRegistry(given).build();
            script(sdk);

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", Micrometer (the given SimpleMeterRegistry)]");
            assertThat(given.get("chatsdk.tokens.issued").counter().count()).isEqualTo(1);
            assertThat(RECORDED).isEmpty();
        }
    }

    @Test
    void prefersTheMeterRegistryCdiOffersToTheGlobalOne() {
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(MicrometerRegistry.class).initialize()) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).build();
            script(sdk);

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", Micrometer (the MeterRegistry CDI offers)]");
            assertThat(MicrometerRegistry.EXPORTED.get("chatsdk.tokens.issued").counter().count()).isEqualTo(1);
            assertThat(MicrometerRegistry.EXPORTED.get("chatsdk.requests.rejected").tag("code", "NO_CHAT_ACCESS")
                    .counter().count()).isEqualTo(1);
            assertThat(MicrometerRegistry.EXPORTED.get("chatsdk.sessions.revoked").tag("cause", "logout")
                    .counter().count()).isEqualTo(1);
            assertThat(MicrometerRegistry.EXPORTED.get("chatsdk.requests").tags("endpoint", "token", "status", "403")
                    .timer().count()).isEqualTo(1);
        }
    }

    @Test
    void startsWithoutTheServersRegistryWhenItFails() {
        try (LogCapture capture = new LogCapture("dev.chatsdk.jakarta.observe"); WeldContainer cdi = new Weld().disableDiscovery()
                .addBeanClasses(FailingMpRegistry.class, MpMetricsRegistry.class).initialize()) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).build();
            script(sdk);

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", Micrometer (Micrometer's global registry)]");
            List<String> warnings = capture.records().stream().filter(r -> r.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage).toList();
            assertThat(warnings).singleElement().asString().startsWith("CHATSDK-530: the server's MicroProfile Metrics "
                    + "registry could not be obtained (").endsWith("no annotated injection point); the meters go elsewhere");
        }
    }

    @Test
    void needsTheModulesLookupBeanForTheServersRegistry() {
        RECORDED.clear();
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(MpRegistry.class).initialize()) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).build();

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", Micrometer (Micrometer's global registry)]");
            assertThat(RECORDED).isEmpty();
        }
    }
}
