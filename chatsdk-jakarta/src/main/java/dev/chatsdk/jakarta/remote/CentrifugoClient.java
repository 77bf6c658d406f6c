package dev.chatsdk.jakarta.remote;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;

/**
 * Disconnects a user's live Centrifugo sockets when their sessions end (logout, user-wide revocation, refresh
 * token reuse), through Centrifugo's server HTTP API: {@code POST {chatsdk.centrifugo.api-url}/disconnect}
 * with {@code X-API-Key} and {@code {"user": "<app id>:<user id>"}} (the {@code sub} of the ws token, which is
 * Centrifugo's user id).
 *
 * <p>Calls run in the background, on at most two threads with a queue of {@value #QUEUE} calls, so a slow or
 * failing Centrifugo never delays or fails the revocation that asked for them. Each call has the resilience of
 * the remote issuer ({@code chatsdk.remote.*}: timeouts that include the body, retries of connect failures and
 * 502/503/504 within twice the request timeout, bulkhead, circuit breaker; a 429 is not retried). An answer with an {@code error} field, even with status
 * 200, is a failure. Failures are logged ({@code CHATSDK-576}), never the key. Thread-safe.
 */
public final class CentrifugoClient {
    static final int QUEUE = 1000;
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final UpstreamClient upstream;
    private final Executor background;
    /** Releases the HTTP client and the threads this client made; nothing for those given to it. */
    private final Runnable release;
    private volatile boolean closed;

    CentrifugoClient(ChatSdkConfig config, Clock clock, HttpClient http, Executor background) {
        this(config, clock, http, background, () -> { });
    }

    private CentrifugoClient(ChatSdkConfig config, Clock clock, HttpClient http, Executor background,
            Runnable release) {
        this.appId = config.appId();
        this.upstream = new UpstreamClient(config, config.centrifugo().apiUrl().orElse(null), config.centrifugo().apiKey().orElse(null), "Centrifugo",
                reply -> reply.status >= 500 || errorOf(reply) != null, clock, http, null);
        this.background = background;
        this.release = release;
    }

    /**
     * @param config a configuration with {@link ChatSdkConfig#centrifugoEnabled() Centrifugo enabled}
     * @param clock  the clock of the retry budget and the breaker
     * @return a client that calls in the background
     */
    public static CentrifugoClient create(ChatSdkConfig config, Clock clock) {
        HttpClients.Owned http = HttpClients.create("centrifugo", config.remote().connectTimeout());
        ThreadPoolExecutor background = executor();
        return new CentrifugoClient(config, clock, http.http, background, () -> {
            List<Runnable> dropped = background.shutdownNow();
            http.close();
            if (!dropped.isEmpty()) {
                droppedAtClose(dropped.size());
            }
        });
    }

    /**
     * Stops the background threads (a disconnect under way is interrupted, those waiting are dropped and counted in
     * {@code CHATSDK-578}) and closes the HTTP client. Later disconnects are dropped as when the queue is full.
     * Idempotent.
     */
    public void close() {
        closed = true;
        release.run();
    }

    /** Two daemon threads that end when idle, so an undeployed application leaves none behind for long. */
    private static ThreadPoolExecutor executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread thread = new Thread(task, "chatsdk-centrifugo-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Asks Centrifugo, in the background, to disconnect every socket of a user. Returns at once; never throws.
     *
     * @param userId the user's id (without the app id)
     * @param why    what ended the sessions, for the log: "logout", "user revocation", "refresh token reuse"
     */
    public void disconnect(String userId, String why) {
        String user = appId + ":" + userId;
        if (closed) {
            droppedAtClose(1);
            return;
        }
        try {
            background.execute(() -> call(user, why));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-577: %d Centrifugo disconnects are already "
                    + "waiting; the one for user '%s' after %s is dropped", QUEUE, user, why));
        }
    }

    private static void droppedAtClose(int count) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-578: ChatSDK Jakarta is closed; %d Centrifugo "
                + "disconnect(s) dropped (the sockets stay open until they close or their ws token expires)", count));
    }

    /** Runs one disconnect, on a background thread. */
    private void call(String user, String why) {
        try {
            UpstreamClient.Reply reply = upstream.post("/disconnect", null, JSON.writeValueAsBytes(Map.of("user", user)));
            String error = errorOf(reply);
            if (reply.status >= 200 && reply.status < 300 && error == null) {
                LOG.log(System.Logger.Level.DEBUG, String.format("CHATSDK-575: Centrifugo disconnected user '%s' "
                        + "after %s", user, why));
                return;
            }
            failed(user, why, error != null ? "it answered status " + reply.status + " with error " + error
                    : "it answered status " + reply.status);
        } catch (ChatSdkException e) {
            failed(user, why, e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            failed(user, why, e.getClass().getName());
        }
    }

    private static void failed(String user, String why, String problem) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-576: Centrifugo did not disconnect user '%s' "
                + "after %s (%s); the sockets stay open until they close or their ws token expires", user, why,
                problem));
    }

    /**
     * @return Centrifugo's {@code error} as {@code code N} (its numeric or identifier code only: the message and
     *         anything else of the answer are never logged), or {@code null} when the answer has none
     */
    static String errorOf(UpstreamClient.Reply reply) {
        JsonNode error = reply.json == null || !reply.json.isObject() ? null : reply.json.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        JsonNode code = error.path("code");
        String text = code.isIntegralNumber() || code.isTextual() ? code.asText() : "";
        return text.matches("[A-Za-z0-9_.-]{1,64}") ? "code " + text : "without a code";
    }

    /** @return {@code closed}, {@code open} or {@code half-open}: the breaker of calls to Centrifugo */
    public String circuitState() {
        return upstream.circuitState();
    }

    @Override
    public String toString() {
        return "CentrifugoClient[circuit=" + upstream.circuitState() + "]";
    }
}
