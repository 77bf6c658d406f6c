package dev.chatsdk.jakarta.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.observe.WithheldMessages;

/**
 * Calls the ChatSDK API (or Centrifugo's server API) with the secret key, and stays up when it does not: a bulkhead caps the calls
 * in flight (beyond it: an immediate 503), a circuit breaker stops calling an API that keeps failing,
 * retries only what is safe (connect failures, 502/503/504, 429 within its {@code Retry-After}) with
 * exponential backoff and full jitter inside a total time budget of twice the request timeout, and
 * bodies are read up to 64 KiB. The key never appears in an exception, a log line or a response; nor does a
 * token, the userinfo or query of the URL, an upstream's body or the message of a JDK exception (which may quote
 * a header value). The breaker's permit is settled on every path, so no exception can leave it open for good.
 * Thread-safe.
 */
final class UpstreamClient {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(1);

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
    private final Telemetry telemetry;

    /** An upstream answer: its status, its body as JSON (or {@code null} when it is none), its Retry-After. */
    static final class Reply {
        final int status;
        final JsonNode json;
        final Duration retryAfter;

        Reply(int status, JsonNode json, Duration retryAfter) {
            this.status = status;
            this.json = json;
            this.retryAfter = retryAfter;
        }

        String errorCode() {
            JsonNode code = json == null ? null : json.path("error").get("code");
            return code != null && code.isTextual() ? code.textValue() : null;
        }
    }

    UpstreamClient(ChatSdkConfig config, Clock clock, HttpClient http, Telemetry telemetry) {
        this(config, config.apiUrl(), config.apiKeys().get(0), "the ChatSDK API", reply -> reply.status >= 500, clock,
                http, telemetry);
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
            Clock clock, HttpClient http, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.config = config;
        this.clock = clock;
        this.http = http;
        this.inFlight = new Semaphore(config.remoteMaxConcurrentCalls());
        this.breaker = new CircuitBreaker(config.remoteBreakerThreshold(), config.remoteBreakerOpenFor(), clock);
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
                telemetry.upstreamCall(outcome, System.nanoTime() - started);
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
        return bearer != null ? request.header("Authorization", "Bearer " + bearer) : request.header("X-API-Key", apiKey);
    }

    private Reply withRetries(CircuitBreaker.Permit permit, HttpRequest.Builder request) {
        Instant deadline = clock.instant().plus(config.remoteRequestTimeout().multipliedBy(2));
        String lastProblem = "no attempt was made";
        for (int attempt = 1; attempt <= config.remoteMaxAttempts(); attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            Duration timeout = left.compareTo(config.remoteRequestTimeout()) < 0 ? left : config.remoteRequestTimeout();
            Reply reply;
            try {
                reply = send(permit, request.timeout(timeout).build());
            } catch (HttpConnectTimeoutException | ConnectException e) {
                lastProblem = "cannot connect (" + e.getClass().getSimpleName() + ")";
                pause(attempt, deadline, null);
                continue;
            } catch (HttpTimeoutException e) {
                permit.failed();
                LOG.log(System.Logger.Level.WARNING, "CHATSDK-402: " + name + " did not answer within " + timeout);
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
            if (reply.status == 429 && attempt < config.remoteMaxAttempts() && reply.retryAfter != null
                    && clock.instant().plus(reply.retryAfter).isBefore(deadline)) {
                lastProblem = "status 429";
                sleep(reply.retryAfter);
                continue;
            }
            if (failure.test(reply)) {
                permit.failed();
            } else {
                permit.succeeded();
            }
            return reply;
        }
        permit.failed();
        LOG.log(System.Logger.Level.WARNING, "CHATSDK-401: " + name + " at " + RedactedUrl.of(baseUrl)
                + " is unavailable after retries: " + lastProblem);
        throw unavailable(capitalName() + " cannot be reached right now.", Duration.ofSeconds(2));
    }

    private Reply send(CircuitBreaker.Permit permit, HttpRequest request) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Duration retryAfter;
        byte[] bytes;
        try (InputStream in = response.body()) {
            retryAfter = response.headers().firstValue("Retry-After").map(UpstreamClient::seconds).orElse(null);
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            permit.succeeded();
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-404: " + name + " answered status " + response.statusCode()
                    + " with a body over " + MAX_BODY_BYTES + " bytes");
            throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, capitalName() + "'s answer was too large.");
        }
        JsonNode json;
        try {
            json = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        Reply reply = new Reply(response.statusCode(), json, retryAfter);
        if (reply.status >= 400) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-400: %s answered %s with status %d%s", name,
                    request.uri().getPath(), reply.status, describe(reply)));
        }
        return reply;
    }

    /**
     * What of an error answer may be logged: its {@code error.code} when that is a plain identifier. Never the
     * body or its message, which may echo what was sent (a refresh token) or a proxy's view of the headers.
     */
    private static String describe(Reply reply) {
        JsonNode code = reply.json == null || !reply.json.isObject() ? null : reply.json.path("error").get("code");
        if (code == null || !(code.isTextual() || code.isIntegralNumber())) {
            return " (body not logged)";
        }
        String text = code.asText();
        return text.matches("[A-Za-z0-9_.-]{1,64}") ? " and error code " + text + " (body not logged)"
                : " (body not logged)";
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Exponential backoff with full jitter (or the upstream's Retry-After), never past the deadline. */
    private void pause(int attempt, Instant deadline, Duration retryAfter) {
        if (attempt >= config.remoteMaxAttempts()) {
            return;
        }
        long capMillis = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt, 10));
        Duration wait = retryAfter != null ? retryAfter : Duration.ofMillis(ThreadLocalRandom.current().nextLong(capMillis + 1));
        Duration left = Duration.between(clock.instant(), deadline);
        sleep(wait.compareTo(left) < 0 ? wait : left);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ChatSdkException unavailable(String message, Duration retryAfter) {
        return new UpstreamUnavailableException(message, retryAfter);
    }

    /** @return {@code null} when the API answers at all, else what is wrong */
    String probe() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                    .timeout(config.remoteRequestTimeout()).GET();
            if (baseUrl.startsWith("http:")) {
                request.version(HttpClient.Version.HTTP_1_1);
            }
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot reach " + name + " (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
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
