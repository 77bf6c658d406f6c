package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.TokenIssued;
import jakarta.enterprise.inject.Produces;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The observability codes no other test asserts: two audit lines, and the failures that never fail a request. */
class ObserveCodesTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void anIssueIs500AndAReuseIs502() {
        assertThat(AuditLog.line(new TokenIssued(NOW, "u-1", "s-1", "10.0.0.1", "Issued by application code.")))
                .isEqualTo("CHATSDK-500: event=TokenIssued userId=u-1 sessionId=s-1 clientIp=10.0.0.1 "
                        + "reason=\"Issued by application code.\"");
        assertThat(AuditLog.line(new RefreshReuseDetected(NOW, "u-1", "s-1", null, "Replayed.")))
                .isEqualTo("CHATSDK-502: event=RefreshReuseDetected userId=u-1 sessionId=s-1 clientIp=- reason=Replayed.");
    }

    @Test
    void anAuditLineThatCannotBeWrittenIs512AndTheEventGoesOn() {
        Logger audit = Logger.getLogger("dev.chatsdk.jakarta.audit");
        Handler failing = new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("the audit disk is full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Telemetry telemetry = Telemetry.create(Clock.systemUTC(), List.of(seen::add), new SimpleMeterRegistry(),
                getClass().getClassLoader());
        audit.addHandler(failing);
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.observe")) {
            telemetry.emit(new RefreshReuseDetected(NOW, "u-1", "s-1", null, "Replayed."));

            assertThat(logs.lines()).contains("CHATSDK-512: the audit line could not be written "
                    + "java.lang.IllegalStateException: the audit disk is full");
            assertThat(seen).hasSize(1);
        } finally {
            audit.removeHandler(failing);
        }
    }

    @Test
    void aFailingMeterRegistryIs521AndTheRequestGoesOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry() {
            @Override
            protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauses) {
                throw new IllegalStateException("the registry refuses timers");
            }
        };
        Telemetry telemetry = Telemetry.create(Clock.systemUTC(), List.of(), registry, getClass().getClassLoader());
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.observe")) {
            telemetry.request("token", 200, 1_000_000);
            telemetry.upstreamCall("ok", 1_000_000);

            assertThat(logs.lines()).containsExactly(
                    "CHATSDK-521: the meter registry failed java.lang.IllegalStateException: the registry refuses timers",
                    "CHATSDK-521: the meter registry failed java.lang.IllegalStateException: the registry refuses timers");
        }
    }

    /** An application whose MeterRegistry producer fails. */
    public static class FailingMeterRegistry {
        @Produces
        MeterRegistry registry() {
            throw new UnsupportedOperationException("the registry producer failed");
        }
    }

    @Test
    void aMeterRegistryThatCdiCannotGiveIs531AndTheGlobalRegistryIsUsed() {
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(FailingMeterRegistry.class).initialize();
                LogCapture logs = new LogCapture("dev.chatsdk.jakarta.observe")) {
            ChatSdk sdk = MpConfigured.sdk(MpConfigured.properties(new TestConfig()));

            assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).endsWith(", Micrometer (Micrometer's global registry)]");
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-531: the MeterRegistry CDI offers could "
                    + "not be obtained (") && line.contains("the registry producer failed); the meters go to "
                    + "Micrometer's global registry"));
        }
    }
}
