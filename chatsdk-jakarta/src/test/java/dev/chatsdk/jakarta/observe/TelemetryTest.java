package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.event.AccessDenied;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.spi.ChatEventListener;
import dev.chatsdk.testsupport.LogCapture;

/** The event stream in code: what each call emits, the audit line, listeners by ServiceLoader and CDI, failures, Micrometer. */
class TelemetryTest {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();

    private ChatSdk.Builder sdk() {
        return ChatSdk.builder().config(test.builder().build()).clock(clock).eventListener(events::add);
    }

    /** Collects the listener events of {@link #findsListenersWithServiceLoader}. */
    public static final class Recorder implements ChatEventListener {
        static final List<ChatEvent> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ChatEvent event) {
            SEEN.add(event);
        }
    }

    /** A CDI bean observing every event, and access denials on their own. */
    @ApplicationScoped
    public static class Observer {
        static final List<ChatEvent> ALL = new CopyOnWriteArrayList<>();
        static final List<AccessDenied> DENIED = new CopyOnWriteArrayList<>();

        void on(@Observes ChatEvent event) {
            ALL.add(event);
        }

        void onDenied(@Observes AccessDenied event) {
            DENIED.add(event);
        }
    }

    @Test
    void emitsAnEventForEveryChangeMadeInCode() {
        ChatSdk sdk = sdk().build();
        Instant start = clock.instant();

        ChatTokens first = sdk.issue(ChatUser.builder("u-1").build());
        ChatTokens second = sdk.refresh(first.refreshToken());
        clock.advance(Duration.ofSeconds(10));
        sdk.refresh(first.refreshToken());
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> sdk.refresh(first.refreshToken())).isInstanceOf(ChatSdkException.class)
                .extracting(e -> ((ChatSdkException) e).code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
        ChatTokens other = sdk.issue(ChatUser.builder("u-1").build());
        assertThat(sdk.revoke(other.refreshToken())).isTrue();
        assertThat(sdk.revoke(other.refreshToken())).isFalse();
        sdk.issue(ChatUser.builder("u-1").build());
        sdk.issue(ChatUser.builder("u-1").build());
        assertThat(sdk.revokeUser("u-1")).isEqualTo(2);
        assertThat(sdk.revokeUser("u-1")).isZero();

        String sid = first.sessionId();
        Instant later = start.plusSeconds(41);
        assertThat(events).extracting(ChatEvent::toString).containsExactly(
                "TokenIssued[time=" + start + ", userId=u-1, sessionId=" + sid
                        + ", clientIp=null, reason=Issued by application code.]",
                "TokenRefreshed[time=" + start + ", userId=u-1, sessionId=" + sid
                        + ", clientIp=null, retry=false, reason=The refresh token was rotated.]",
                "TokenRefreshed[time=" + start.plusSeconds(10) + ", userId=u-1, sessionId=" + sid + ", clientIp=null, "
                        + "retry=true, reason=A spent refresh token came back within the rotation grace: taken as a retry.]",
                "RefreshReuseDetected[time=" + later + ", userId=u-1, sessionId=" + sid
                        + ", clientIp=null, reason=A spent refresh token came back after the rotation grace.]",
                "SessionRevoked[time=" + later + ", userId=u-1, sessionId=" + sid + ", clientIp=null, cause=REUSE, "
                        + "sessions=1, reason=The session was revoked because a spent refresh token was replayed.]",
                "TokenIssued[time=" + later + ", userId=u-1, sessionId=" + other.sessionId()
                        + ", clientIp=null, reason=Issued by application code.]",
                "SessionRevoked[time=" + later + ", userId=u-1, sessionId=" + other.sessionId() + ", clientIp=null, "
                        + "cause=LOGOUT, sessions=1, reason=Logged out with the session's refresh token.]",
                events.get(7).toString(), events.get(8).toString(),
                "SessionRevoked[time=" + later + ", userId=u-1, sessionId=null, clientIp=null, cause=USER, sessions=2, "
                        + "reason=Every session of the user was revoked.]");
        assertThat(events.get(7)).isInstanceOf(TokenIssued.class);
        assertThat(second.sessionId()).isEqualTo(sid);
    }

    @Test
    void writesOneKeyValueLinePerEventQuotingWhatNeedsIt() {
        Instant now = Instant.parse("2026-01-05T09:00:00Z");
        assertThat(AuditLog.line(new SessionRevoked(now, "u-1", "s-1", "127.0.0.1", SessionRevoked.Cause.LOGOUT, 1,
                "Logged out."))).isEqualTo("CHATSDK-503: event=SessionRevoked userId=u-1 sessionId=s-1 "
                        + "clientIp=127.0.0.1 cause=LOGOUT sessions=1 reason=\"Logged out.\"");
        assertThat(AuditLog.line(new AccessDenied(now, "bob \"the=admin\"", "10.0.0.7", "token",
                ErrorCode.NO_CHAT_ACCESS, "User 'bob' has none of the roles allowed to chat.\n")))
                .isEqualTo("CHATSDK-504: event=AccessDenied userId=\"bob \\\"the=admin\\\"\" sessionId=- clientIp=10.0.0.7 "
                        + "endpoint=token code=NO_CHAT_ACCESS reason=\"User 'bob' has none of the roles allowed to chat.\\u000a\"");
        assertThat(AuditLog.line(new TokenRefreshed(now, "u-1", "s-1", null, true, "Retried.")))
                .isEqualTo("CHATSDK-501: event=TokenRefreshed userId=u-1 sessionId=s-1 clientIp=- retry=true reason=Retried.");
        assertThat(AuditLog.level(new RefreshReuseDetected(now, "u", "s", null, "r"))).isEqualTo(System.Logger.Level.WARNING);
        assertThat(AuditLog.level(new RequestRejected(now, null, null, "refresh", ErrorCode.SESSION_REVOKED, "r")))
                .isEqualTo(System.Logger.Level.INFO);
        assertThat(AuditLog.level(new RequestRejected(now, null, null, "other", ErrorCode.NOT_FOUND, "r")))
                .isEqualTo(System.Logger.Level.DEBUG);
        assertThat(AuditLog.level(new TokenIssued(now, "u", "s", null, "r"))).isEqualTo(System.Logger.Level.DEBUG);
    }

    @Test
    void logsSecurityEventsOnTheAuditLogger() {
        ChatSdk sdk = sdk().build();
        try (LogCapture audit = new LogCapture("dev.chatsdk.jakarta.audit")) {
            ChatTokens tokens = sdk.issue(ChatUser.builder("u-2").build());
            sdk.revoke(tokens.refreshToken());

            assertThat(audit.records()).filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                    .extracting(LogRecord::getMessage).containsExactly("CHATSDK-503: event=SessionRevoked userId=u-2 "
                            + "sessionId=" + tokens.sessionId() + " clientIp=- cause=LOGOUT sessions=1 "
                            + "reason=\"Logged out with the session's refresh token.\"");
        }
    }

    @Test
    void aFailingListenerIsLoggedOnceAndNeverFailsTheCall() {
        ChatSdk sdk = sdk().eventListener(event -> {
            throw new IllegalStateException("audit database down");
        }).build();
        try (LogCapture log = new LogCapture("dev.chatsdk.jakarta.observe")) {
            sdk.issue(ChatUser.builder("u-3").build());
            sdk.issue(ChatUser.builder("u-3").build());

            assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).startsWith("CHATSDK-510: the event listener "
                            + TelemetryTest.class.getName() + "$$Lambda").endsWith(" failed on a TokenIssued event; the "
                            + "request went on, and later failures of it are logged at DEBUG only"))
                    .satisfies(r -> assertThat(r.getThrown()).hasMessage("audit database down"));
        }
        assertThat(events).hasSize(2);
    }

    @Test
    void findsListenersWithServiceLoader(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ChatEventListener.class.getName()), Recorder.class.getName() + "\n");
        Recorder.SEEN.clear();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).serviceLoader(loader).build();
            ChatTokens tokens = sdk.issue(ChatUser.builder("u-4").build());

            assertThat(Recorder.SEEN).singleElement().isInstanceOf(TokenIssued.class)
                    .extracting(ChatEvent::sessionId).isEqualTo(tokens.sessionId());
        }
    }

    @Test
    void failsStartUpForAListenerThatCannotBeCreated(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ChatEventListener.class.getName()), "com.example.NoSuchListener\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> ChatSdk.builder().config(test.builder().build()).serviceLoader(loader).build())
                    .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-511: META-INF/services/"
                            + "dev.chatsdk.jakarta.spi.ChatEventListener lists a class that cannot be used (")
                    .hasMessageContaining("com.example.NoSuchListener")
                    .hasMessageContaining("); fix the file or the class");
        }
    }

    @Test
    void firesCdiEventsToTheApplicationsObservers() {
        Observer.ALL.clear();
        Observer.DENIED.clear();
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(Observer.class).initialize()) {
            assertThat(cdi.isRunning()).isTrue();
            ChatSdk sdk = ChatSdk.builder().config(test.builder().build()).build();
            ChatTokens tokens = sdk.issue(ChatUser.builder("u-5").build());
            sdk.revoke(tokens.refreshToken());
            AccessDenied denied = new AccessDenied(Instant.EPOCH, "bob", "127.0.0.1", "token", ErrorCode.NO_CHAT_ACCESS,
                    "No.");
            ChatSdkInternals.of(sdk).telemetry().emit(denied);

            assertThat(Observer.ALL).extracting(ChatEvent::kind).containsExactly("TokenIssued", "SessionRevoked",
                    "AccessDenied");
            assertThat(Observer.DENIED).containsExactly(denied);
        }
    }

    @Test
    void countsIntoTheGivenMeterRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChatSdk sdk = sdk().meterRegistry(registry).build();
        ChatTokens tokens = sdk.issue(ChatUser.builder("u-6").build());
        sdk.refresh(tokens.refreshToken());
        sdk.refresh(tokens.refreshToken());

        assertThat(registry.get("chatsdk.tokens.issued").counter().count()).isEqualTo(1);
        assertThat(registry.get("chatsdk.tokens.refreshed").counter().count()).isEqualTo(2);
        assertThat(registry.get("chatsdk.tokens.refresh.retried").counter().count()).isEqualTo(1);
        assertThat(registry.get("chatsdk.tokens.reuse.detected").counter().count()).isZero();
        assertThat(ChatSdkInternals.of(sdk).telemetry().toString()).isEqualTo("Telemetry[1 sinks, Micrometer (the given SimpleMeterRegistry)]");
    }

    @Test
    void refusesAMeterRegistryOfAnotherType() {
        assertThatThrownBy(() -> sdk().meterRegistry("registry").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry, not java.lang.String");
    }

    @Test
    void runsWithoutMicrometerOnTheClassPath() throws Exception {
        URL classes = Telemetry.class.getProtectionDomain().getCodeSource().getLocation();
        try (Hiding loader = new Hiding(classes, getClass().getClassLoader(), "io.micrometer.")) {
            Class<?> telemetry = loader.loadClass(Telemetry.class.getName());
            assertThat(telemetry.getClassLoader()).isSameAs(loader);
            Object stream = telemetry.getMethod("create", Clock.class, List.class, Object.class, ClassLoader.class)
                    .invoke(null, clock, List.of(), null, loader);
            Object event = loader.loadClass(TokenIssued.class.getName())
                    .getConstructor(Instant.class, String.class, String.class, String.class, String.class)
                    .newInstance(clock.instant(), "u-7", "s-7", null, "In code.");
            telemetry.getMethod("emit", loader.loadClass(ChatEvent.class.getName())).invoke(stream, event);
            telemetry.getMethod("request", String.class, int.class, long.class).invoke(stream, "token", 200, 1_000L);

            assertThat(stream.toString()).isEqualTo("Telemetry[0 sinks, none (neither MicroProfile Metrics nor Micrometer is available)]");
        }
    }

    @Test
    void runsWithoutTheMicroProfileMetricsApi() throws Exception {
        URL classes = Telemetry.class.getProtectionDomain().getCodeSource().getLocation();
        try (Hiding loader = new Hiding(classes, getClass().getClassLoader(), "org.eclipse.microprofile.metrics.")) {
            Class<?> telemetry = loader.loadClass(Telemetry.class.getName());
            Object stream = telemetry.getMethod("create", Clock.class, List.class, Object.class, ClassLoader.class)
                    .invoke(null, clock, List.of(), null, loader);
            Object event = loader.loadClass(TokenIssued.class.getName())
                    .getConstructor(Instant.class, String.class, String.class, String.class, String.class)
                    .newInstance(clock.instant(), "u-8", "s-8", null, "In code.");
            telemetry.getMethod("emit", loader.loadClass(ChatEvent.class.getName())).invoke(stream, event);
            telemetry.getMethod("request", String.class, int.class, long.class).invoke(stream, "token", 200, 1_000L);

            assertThat(stream.toString()).isEqualTo("Telemetry[0 sinks, Micrometer (Micrometer's global registry)]");
            assertThat(loader.loaded(MpMetricsMeters.class.getName())).isFalse();
        }
    }

    @Test
    void runsWithNeitherMetricsApi() throws Exception {
        URL classes = Telemetry.class.getProtectionDomain().getCodeSource().getLocation();
        try (Hiding loader = new Hiding(classes, getClass().getClassLoader(), "io.micrometer.",
                "org.eclipse.microprofile.metrics.")) {
            Class<?> telemetry = loader.loadClass(Telemetry.class.getName());
            Object stream = telemetry.getMethod("create", Clock.class, List.class, Object.class, ClassLoader.class)
                    .invoke(null, clock, List.of(), null, loader);
            telemetry.getMethod("upstreamCall", String.class, long.class).invoke(stream, "ok", 1_000L);

            assertThat(stream.toString())
                    .isEqualTo("Telemetry[0 sinks, none (neither MicroProfile Metrics nor Micrometer is available)]");
            assertThat(loader.loaded(MpMetricsMeters.class.getName())).isFalse();
            assertThat(loader.loaded(MicrometerMeters.class.getName())).isFalse();
        }
    }

    /** Loads the module's own classes itself, and hides the packages given. */
    private static final class Hiding extends URLClassLoader {
        private final List<String> hidden;

        Hiding(URL classes, ClassLoader parent, String... hidden) {
            super(new URL[] {classes}, parent);
            this.hidden = List.of(hidden);
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidden.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name);
            }
            if (name.startsWith("dev.chatsdk.jakarta.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
