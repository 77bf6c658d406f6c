package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.remote.FaultyHttpClient.Step;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.testsupport.LogCapture;

/**
 * The circuit breaker recovers whatever goes wrong during its half-open probe: a fault at each step of a call
 * (building the request, sending it, reading the status, the headers, the body, parsing the answer), as a
 * runtime exception, an {@link Error} or an I/O failure, over real HTTP to a scripted upstream. Before the fix
 * any exception that was not an upstream verdict left the probe taken and the breaker open for good. No
 * message of those exceptions (which the JDK fills with header values) may reach the log.
 */
class BreakerRecoveryIT {
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    /** What a JDK exception would quote: a token in a header value. */
    private static final String QUOTED = "quoted-" + TestConfig.randomSecret();
    private static ScriptedUpstream upstream;
    private static LogCapture logs;
    private TestClock clock;
    private FaultyHttpClient http;
    private UpstreamClient client;

    /** One fault during the probe, and how the call that met it ends. */
    enum Fault {
        HEADER_VALUE_AT_BUILD(null, null, Outcome.INTERNAL),
        URI_AT_BUILD(null, null, Outcome.INTERNAL),
        RUNTIME_AT_SEND(Step.SEND, () -> new IllegalArgumentException("invalid header value: \"" + QUOTED + "\""),
                Outcome.INTERNAL),
        ERROR_AT_SEND(Step.SEND, () -> new InjectedError(QUOTED), Outcome.ERROR),
        IO_AT_SEND(Step.SEND, () -> new IOException("reset, header " + QUOTED), Outcome.COUNTED_FAILURE),
        RUNTIME_AT_STATUS(Step.STATUS, () -> new IllegalStateException(QUOTED), Outcome.INTERNAL),
        ERROR_AT_STATUS(Step.STATUS, () -> new InjectedError(QUOTED), Outcome.ERROR),
        RUNTIME_AT_HEADERS(Step.HEADERS, () -> new IllegalArgumentException(QUOTED), Outcome.INTERNAL),
        ERROR_AT_HEADERS(Step.HEADERS, () -> new InjectedError(QUOTED), Outcome.ERROR),
        RUNTIME_AT_BODY_READ(Step.BODY_READ, () -> new java.io.UncheckedIOException(new IOException(QUOTED)),
                Outcome.INTERNAL),
        ERROR_AT_BODY_READ(Step.BODY_READ, () -> new OutOfMemoryError(QUOTED), Outcome.ERROR),
        IO_AT_BODY_READ(Step.BODY_READ, () -> new IOException(QUOTED), Outcome.COUNTED_FAILURE),
        UNPARSABLE_ANSWER(null, null, Outcome.UNREADABLE_ANSWER);

        final Step step;
        final Supplier<Throwable> what;
        final Outcome outcome;

        Fault(Step step, Supplier<Throwable> what, Outcome outcome) {
            this.step = step;
            this.what = what;
            this.outcome = outcome;
        }
    }

    enum Outcome {
        /** A bug of ours or the JDK's: 500, the probe released without a verdict. */
        INTERNAL,
        /** An Error passes through; the probe is released all the same. */
        ERROR,
        /** An upstream failure: counted, the breaker opens again. */
        COUNTED_FAILURE,
        /** The upstream answered with a body that is no JSON: the reply comes back, and counts as a failure. */
        UNREADABLE_ANSWER
    }

    static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        dev.chatsdk.jakarta.NoSecretsInLogs.secret(KEY, QUOTED);
        logs = new LogCapture();
        upstream = new ScriptedUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(QUOTED) || line.contains(KEY));
    }

    @BeforeEach
    void openTheBreaker() {
        clock = new TestClock();
        http = new FaultyHttpClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, upstream.url())
                .set(RemoteConfig.API_KEY, KEY)
                .set(RemoteConfig.MAX_ATTEMPTS, 1).set(RemoteConfig.BREAKER_THRESHOLD, 1)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofSeconds(30)).build();
        client = new UpstreamClient(config, clock, http, null);
        upstream.script(Answer.json(500, "{}"));
        assertThat(client.post("/api/auth/connect", null, null).status).isEqualTo(500);
        assertThat(client.circuitState()).isEqualTo("open");
        clock.advance(Duration.ofSeconds(31));
        assertThat(client.circuitState()).isEqualTo("half-open");
        upstream.script(Answer.json(200, "{\"ok\":true}"));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void recoversFromAFaultDuringTheHalfOpenProbe(Fault fault) {
        int hitsBefore = upstream.hits();
        Runnable probe = probe(fault);

        switch (fault.outcome) {
            case INTERNAL:
                assertThatThrownBy(probe::run).isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).isEqualTo("The call to the ChatSDK API failed unexpectedly; the server "
                            + "log names the exception (CHATSDK-406).");
                    assertThat(e.getCause()).isNull();
                });
                break;
            case ERROR:
                assertThatThrownBy(probe::run).isInstanceOf(Error.class);
                break;
            case COUNTED_FAILURE:
                assertThatThrownBy(probe::run).isInstanceOfSatisfying(UpstreamUnavailableException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("The call to the ChatSDK API failed."));
                assertThat(client.circuitState()).as("an upstream failure during the probe opens it again")
                        .isEqualTo("open");
                clock.advance(Duration.ofSeconds(31));
                break;
            case UNREADABLE_ANSWER:
                probe.run();
                assertThat(client.circuitState()).as("garbage from the upstream is its failure: it opens again")
                        .isEqualTo("open");
                clock.advance(Duration.ofSeconds(31));
                break;
        }

        UpstreamClient.Reply good = client.post("/api/auth/connect", null, null);
        assertThat(good.status).as("the next call after %s goes through", fault).isEqualTo(200);
        assertThat(good.json.get("ok").asBoolean()).isTrue();
        assertThat(client.circuitState()).isEqualTo("closed");
        assertThat(client.post("/api/auth/connect", null, null).status).isEqualTo(200);
        assertThat(upstream.hits() - hitsBefore).isGreaterThanOrEqualTo(2);
        assertThat(logs.lines()).noneMatch(line -> line.contains(QUOTED));
    }

    private Runnable probe(Fault fault) {
        switch (fault) {
            case HEADER_VALUE_AT_BUILD:
                // the JDK refuses a header value with a newline, quoting it in its message
                return () -> client.post("/api/auth/refresh", QUOTED + "\n", null);
            case URI_AT_BUILD:
                return () -> client.post("/api/auth/a path with spaces?k=" + QUOTED, null, null);
            case UNPARSABLE_ANSWER:
                upstream.script(Answer.json(200, "{\"token\": tru"), Answer.json(200, "{\"ok\":true}"));
                return () -> assertThat(client.post("/api/auth/connect", null,
                        "{}".getBytes(StandardCharsets.UTF_8)).json).isNull();
            default:
                http.arm(fault.step, fault.what);
                return () -> client.post("/api/auth/connect", null, null);
        }
    }
}
