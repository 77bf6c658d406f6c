package dev.chatsdk.jakarta.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.internal.Backoff;
import dev.chatsdk.jakarta.internal.RetryAfter;
import dev.chatsdk.jakarta.internal.Sleeper;
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.observe.WithheldMessages;

/**
 * Calls the ChatSDK API (or Centrifugo's server API) with the secret key, and stays up when it does not: a bulkhead caps the calls
 * in flight (beyond it: an immediate 503), a circuit breaker stops calling an API that keeps failing,
 * retries only what is safe (connect failures, 502/503/504; never a 429, which is the upstream rate limiting and
 * is handed to the caller) with exponential backoff and full jitter inside a total time budget of twice the
 * request timeout. Each attempt ends within its timeout <em>including the body</em> (the JDK's request timeout
 * covers only the headers): the body still arriving at the deadline is cancelled, which counts as a timeout and a
 * breaker failure, so a body that stalls or trickles can never hold a bulkhead slot. The call runs on the calling
 * thread ({@link BoundedBody#exchange}), which a relayed token waits on anyway: no thread hand-over per call.
 * Bodies are read up to {@value #MAX_BODY_BYTES} bytes; past that the exchange is cancelled (the connection
 * dropped). The ChatSDK API is told the caller's address as {@code X-Forwarded-For} (the one the web layer
 * resolved through {@code chatsdk.web.trusted-proxies}, never a header the caller sent). The key never appears in an exception, a log line or a response; nor does a
 * token, the userinfo or query of the URL, an upstream's body or the message of a JDK exception (which may quote
 * a header value). The breaker's permit is settled on every path, so no exception can leave it open for good.
 * The body is read by {@link BoundedBody}, decoded by {@link Replies}; the backoff and {@code Retry-After} are the
 * shared ones of {@code dev.chatsdk.jakarta.internal}. Thread-safe.
 */
final class UpstreamClient {
    static final int MAX_BODY_BYTES = BoundedBody.MAX_BYTES;
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    /** Between retries: 100 ms doubling to at most 1 s, fully jittered; within the call's time budget. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    /** What a client address resolved by the web layer looks like: an IPv4 or IPv6 literal, nothing else. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final ChatSdkConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final CircuitBreaker breaker;
    private final String apiKey;
    private final String baseUrl;
    /** What the messages call the upstream: "the ChatSDK API", "Centrifugo". */
    private final String name;
    /** Which final answers count as failures for the breaker (besides the retried ones). */
    private final Predicate<Reply> failure;
    private final IssuerContext.UpstreamCallListener telemetry;
    /** Whether calls carry the caller's address as {@code X-Forwarded-For}. */
    private final boolean forwardClient;
    /** Waits between retries. */
    private final Sleeper sleeper;
    /** The backoff's jitter; {@code null}: the calling thread's {@code ThreadLocalRandom}. */
    private final RandomGenerator random;

    /**
     * An upstream answer: its status, its body as JSON (or {@code null} when it is none or not JSON), whether it had
     * a body that is not JSON, its Retry-After.
     */
    static final class Reply {
        final int status;
        final JsonNode json;
        final boolean unreadable;
        final Duration retryAfter;

        Reply(int status, JsonNode json, boolean unreadable, Duration retryAfter) {
            this.status = status;
            this.json = json;
            this.unreadable = unreadable;
            this.retryAfter = retryAfter;
        }

        String errorCode() {
            JsonNode code = json == null ? null : json.path("error").get("code");
            return code != null && code.isTextual() ? code.textValue() : null;
        }
    }

    UpstreamClient(ChatSdkConfig config, Clock clock, HttpClient http, IssuerContext.UpstreamCallListener telemetry) {
        // a body that is no JSON at all (an HTML page, garbage) is the API failing as much as a 5xx is: health and
        // the breaker must see it, or every call fails while the node reports UP
        this(config, config.remote().apiUrl().orElseThrow(), config.remote().apiKey().orElseThrow(), "the ChatSDK API",
                reply -> reply.status >= 500 || reply.unreadable, clock, http, telemetry, true, Sleeper.THREAD, null);
    }

    /**
     * A client of another upstream with the same resilience settings ({@code chatsdk.remote.*}).
     *
     * @param baseUrl   the upstream's base URL, without a trailing {@code /}
     * @param apiKey    the key sent as {@code X-API-Key}; never printed
     * @param name      what messages call the upstream, such as "Centrifugo"
     * @param failure   which final answers count as failures for the circuit breaker
     * @param telemetry where calls are counted and timed, or {@code null} not to
     */
    UpstreamClient(ChatSdkConfig config, String baseUrl, String apiKey, String name, Predicate<Reply> failure,
            Clock clock, HttpClient http, IssuerContext.UpstreamCallListener telemetry) {
        this(config, baseUrl, apiKey, name, failure, clock, http, telemetry, false, Sleeper.THREAD, null);
    }

    /**
     * @param forwardClient whether calls carry the caller's address as {@code X-Forwarded-For}
     * @param sleeper       waits between retries (tests record the waits instead)
     * @param random        the backoff's jitter, or {@code null} for the calling thread's
     */
    UpstreamClient(ChatSdkConfig config, String baseUrl, String apiKey, String name, Predicate<Reply> failure,
            Clock clock, HttpClient http, IssuerContext.UpstreamCallListener telemetry, boolean forwardClient, Sleeper sleeper,
            RandomGenerator random) {
        this.forwardClient = forwardClient;
        this.sleeper = sleeper;
        this.random = random;
        this.telemetry = telemetry;
        this.config = config;
        this.clock = clock;
        this.http = http;
        this.inFlight = new Semaphore(config.remote().maxConcurrentCalls());
        this.breaker = new CircuitBreaker(config.remote().breakerThreshold(), config.remote().breakerOpenFor(), clock);
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.name = name;
        this.failure = failure;
    }

    /** "The ChatSDK API", "Centrifugo": the name at the start of a sentence. */
    private String capitalName() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * POSTs to the API.
     *
     * @param path   the path below {@code chatsdk.api-url}
     * @param bearer a token for {@code Authorization: Bearer}, or {@code null} to send the API key
     * @param body   the JSON body, or {@code null} for none
     * @return the final answer (not 502/503/504, which end in an exception)
     * @throws ChatSdkException with UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT or UPSTREAM_BAD_RESPONSE
     */
    Reply post(String path, String bearer, byte[] body) {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            Reply reply = bounded(path, bearer, body);
            outcome = reply.status < 300 ? "ok" : reply.status < 500 ? "rejected" : "failed";
            return reply;
        } catch (ChatSdkException e) {
            outcome = e.code() == ErrorCode.UPSTREAM_TIMEOUT ? "timeout"
                    : e.code() == ErrorCode.UPSTREAM_UNAVAILABLE ? "unavailable" : "failed";
            throw e;
        } finally {
            if (telemetry != null) {
                telemetry.called(outcome, java.time.Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private Reply bounded(String path, String bearer, byte[] body) {
        if (!inFlight.tryAcquire()) {
            throw unavailable("Too many calls to " + name + " are in flight.", Duration.ofSeconds(1));
        }
        try {
            CircuitBreaker.Permit permit = breaker.permit();
            if (permit.refusedFor() != null) {
                throw unavailable(capitalName() + " failed repeatedly; calls are paused for a moment.",
                        permit.refusedFor());
            }
            try {
                return withRetries(permit, request(path, bearer, body));
            } catch (RuntimeException e) {
                if (e instanceof ChatSdkException) {
                    throw e;
                }
                // Not an upstream failure: the JDK's own exceptions quote header values and URLs (a token, the
                // userinfo of the URL), so neither their message nor their cause is ever logged or answered.
                LOG.log(System.Logger.Level.ERROR, "CHATSDK-406: the call to " + name + " failed unexpectedly with "
                        + e.getClass().getName() + " (its message is not logged: it may quote a credential)",
                        WithheldMessages.of(e));
                throw new ChatSdkException(ErrorCode.INTERNAL_ERROR, "The call to " + name + " failed unexpectedly; "
                        + "the server log names the exception (CHATSDK-406).");
            } finally {
                permit.release();
            }
        } finally {
            inFlight.release();
        }
    }

    private HttpRequest.Builder request(String path, String bearer, byte[] body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equals(uri.getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String client = forwardClient ? Telemetry.clientIp() : null;
        if (client != null && ADDRESS.matcher(client).matches()) {
            request.header("X-Forwarded-For", client);
        }
        return bearer != null ? request.header("Authorization", "Bearer " + bearer) : request.header("X-API-Key", apiKey);
    }

    private Reply withRetries(CircuitBreaker.Permit permit, HttpRequest.Builder request) {
        // Monotonic: the injected clock tells token times, never how long a call may take.
        long deadline = System.nanoTime() + config.remote().requestTimeout().multipliedBy(2).toNanos();
        String lastProblem = "no attempt was made";
        for (int attempt = 1; attempt <= config.remote().maxAttempts(); attempt++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration timeout = Duration.ofNanos(Math.min(left, config.remote().requestTimeout().toNanos()));
            Reply reply;
            try {
                reply = send(permit, request.timeout(timeout).build(), timeout);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                lastProblem = "cannot connect (" + e.getClass().getSimpleName() + ")";
                pause(attempt, deadline, null);
                continue;
            } catch (HttpTimeoutException e) {
                permit.failed();
                LOG.log(System.Logger.Level.WARNING, e instanceof BoundedBody.BodyTimeout
                        ? "CHATSDK-407: " + name + " did not finish its answer within " + timeout
                                + "; the call was cancelled"
                        : "CHATSDK-402: " + name + " did not answer within " + timeout);
                throw new ChatSdkException(ErrorCode.UPSTREAM_TIMEOUT, capitalName() + " did not answer in time.");
            } catch (IOException e) {
                permit.failed();
                LOG.log(System.Logger.Level.WARNING, "CHATSDK-403: the call to " + name + " failed ("
                        + e.getClass().getName() + ")");
                throw unavailable("The call to " + name + " failed.", Duration.ofSeconds(2));
            }
            if (reply.status == 502 || reply.status == 503 || reply.status == 504) {
                lastProblem = "status " + reply.status;
                pause(attempt, deadline, reply.retryAfter);
                continue;
            }
            if (reply.status == 429 || !failure.test(reply)) {
                // A 429 is the upstream rate limiting, healthy: never retried (another try only spends the budget
                // of every caller behind this server), never a breaker failure; the caller gets it with its wait.
                permit.succeeded();
            } else {
                permit.failed();
            }
            return reply;
        }
        permit.failed();
        LOG.log(System.Logger.Level.WARNING, "CHATSDK-401: " + name + " at " + RedactedUrl.of(baseUrl)
                + " is unavailable after retries: " + lastProblem);
        throw unavailable(capitalName() + " cannot be reached right now.", Duration.ofSeconds(2));
    }

    private Reply send(CircuitBreaker.Permit permit, HttpRequest request, Duration timeout) throws IOException {
        HttpResponse<BoundedBody.Result> response = BoundedBody.exchange(http, request,
                System.nanoTime() + timeout.toNanos());
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        BoundedBody.Result bytes = response.body();
        if (bytes.tooLarge) {
            // an answer past any size this API gives is a broken upstream (or something posing as it): a failure
            permit.failed();
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-404: " + name + " answered status " + response.statusCode()
                    + " with a body over " + MAX_BODY_BYTES + " bytes; the connection was dropped");
            throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, capitalName() + "'s answer was too large.");
        }
        Reply reply = Replies.decode(response.statusCode(), bytes.bytes, retryAfter);
        if (reply.status >= 400) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-400: %s answered %s with status %d%s", name,
                    request.uri().getPath(), reply.status, Replies.describe(reply)));
        }
        return reply;
    }

    /** Exponential backoff with full jitter (or the upstream's Retry-After), never past the deadline. */
    private void pause(int attempt, long deadline, Duration retryAfter) {
        if (attempt >= config.remote().maxAttempts()) {
            return;
        }
        Duration wait = BACKOFF.next(attempt, retryAfter, random != null ? random : ThreadLocalRandom.current());
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
    }

    private static ChatSdkException unavailable(String message, Duration retryAfter) {
        return new UpstreamUnavailableException(message, retryAfter);
    }

    /**
     * @return {@code null} when the API answers at all within the request timeout (its whole answer, at most
     *         {@value #MAX_BODY_BYTES} bytes read), else what is wrong
     */
    String probe() {
        return probeWithin(config.remote().requestTimeout());
    }

    /**
     * @param deadline the longest the probe may take, connection and whole answer included (it is cancelled then)
     * @return {@code null} when the API answers at all within {@code deadline}, else what is wrong
     */
    String probeWithin(Duration deadline) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/")).timeout(deadline).GET();
            if (baseUrl.startsWith("http:")) {
                request.version(HttpClient.Version.HTTP_1_1);
            }
            BoundedBody.exchange(http, request.build(), System.nanoTime() + deadline.toNanos());
            return null;
        } catch (HttpTimeoutException e) {
            return "no complete answer from " + name + " within " + deadline;
        } catch (IOException | RuntimeException e) {
            return "cannot reach " + name + " (" + e.getClass().getSimpleName() + ")";
        }
    }

    boolean breakerOpen() {
        return breaker.isOpen();
    }

    /** @return {@code closed}, {@code open} (refusing calls) or {@code half-open} (the next call is a probe) */
    String circuitState() {
        return breaker.state();
    }
}
