package dev.chatsdk.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Issue 16 item 2 over HTTP on embedded Jetty (remote mode): 200 concurrent {@code GET /chatsdk/health} while the
 * ChatSDK API's probe path stalls. Before the fix each request queued behind the previous one's probe, under a
 * lock, each probing again (the report was stamped when its probe started, so it had expired when the probe ended):
 * 200 × the request timeout. Now the upstream sees one probe (at most two, should a slow machine spread the burst
 * past the reuse window), every request answers within {@link ChatSdkHealth#WAIT} plus a margin, and a login
 * answers meanwhile.
 */
class HealthStormIT {
    private static final int PROBES = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest wait of a health request plus a wide margin: a loaded 2-core machine took 2 s to set up the 200
     * connections (and Jetty's 200 threads queue a few requests while the others wait). Before the fix the requests
     * queued one probe each: the 200th answered after 200 × 2 s.
     */
    private static final Duration BOUND = ChatSdkHealth.WAIT.plusSeconds(12);
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private static final String TOKEN = JWT.create().withClaim("sid", "s-storm").withClaim("user_id", TestUsers.ALICE)
            .sign(Algorithm.HMAC256(TestConfig.randomSecret()));

    private final MovableClock clock = new MovableClock();
    private StallingUpstream upstream;
    private ChatNode app;

    /** The system clock, plus jumps the test makes (past a reuse window, without sleeping). */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            ahead.updateAndGet(d -> d.plus(by));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * A ChatSDK API on a loopback port: the token path answers alice's tokens at once; the probe path ({@code GET /})
     * answers at once until {@link #stall()}, then holds every probe until closed.
     */
    private static final class StallingUpstream implements AutoCloseable {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HttpServer server;
        private volatile boolean stalled;

        StallingUpstream() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(threads);
            server.createContext("/", this::answer);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stall() {
            stalled = true;
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String body = "{}";
                if (exchange.getRequestURI().getPath().equals("/")) {
                    probes.incrementAndGet();
                    if (stalled) {
                        closed.await(60, TimeUnit.SECONDS);
                        return;
                    }
                } else {
                    logins.incrementAndGet();
                    body = "{\"token\":\"" + TOKEN + "\",\"refreshToken\":\"" + TOKEN + "\",\"expiresIn\":900,"
                            + "\"user\":{\"id\":\"" + TestUsers.ALICE + "\"}}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the module cancelled the probe at its deadline: nothing to answer
            }
        }

        @Override
        public void close() {
            closed.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @BeforeEach
    void start() throws Exception {
        NoSecretsInLogs.secret(KEY, TOKEN);
        upstream = new StallingUpstream();
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, upstream.url())
                .set(RemoteConfig.API_KEY, KEY)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.USER, Optional.empty()).set(RateLimitConfig.IP, Optional.empty())
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, REQUEST_TIMEOUT).build();
        app = ChatNode.start(ChatSdk.builder().clock(clock).config(config).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        upstream.close();
    }

    /** One health request's answer (status 0: none within {@link #BOUND}) and how long it took from being sent. */
    private static final class Answer {
        final int status;
        final String body;
        final Duration took;

        Answer(HttpResponse<String> response, Throwable failure, long sent) {
            this.status = response == null ? 0 : response.statusCode();
            this.body = response == null ? String.valueOf(failure) : response.body();
            this.took = Duration.ofNanos(System.nanoTime() - sent);
        }
    }

    @Test
    void aStormOfProbesWhileTheApiStallsCostsOneProbeWhenALastReportExists() throws Exception {
        assertThat(app.http().call("GET", "/chatsdk/health").send().status()).isEqualTo(200);
        assertThat(upstream.probes).hasValue(1);
        upstream.stall();
        clock.advance(ChatSdkHealth.REUSE.multipliedBy(2));

        Map<Integer, Integer> statuses = storm(1);

        assertThat(statuses.keySet()).as("the last report (UP), or the stalled probe's (DOWN)").isSubsetOf(200, 503);
    }

    @Test
    void aStormOfProbesWhileTheApiStallsSharesTheFirstProbe() throws Exception {
        upstream.stall();

        Map<Integer, Integer> statuses = storm(0);

        assertThat(statuses).as("every request shared the one stalled probe").isEqualTo(Map.of(503, PROBES));
    }

    /**
     * Sends {@link #PROBES} health requests at once, and a login once the stalled probe has reached the upstream.
     *
     * @return how many answers had each status
     */
    private Map<Integer, Integer> storm(int probesBefore) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(app.http().baseUrl() + "/chatsdk/health"))
                .timeout(BOUND).GET().build();
        long started = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            long sent = System.nanoTime();
            answers.add(client.sendAsync(health, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> new Answer(response, failure, sent)));
        }
        await("the stalled probe to reach the API", () -> upstream.probes.get() > probesBefore);
        long loginSent = System.nanoTime();
        Http.Reply login = app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
        Duration loginTook = Duration.ofNanos(System.nanoTime() - loginSent);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Duration stormTook = Duration.ofNanos(System.nanoTime() - started);

        Map<Integer, Integer> statuses = new TreeMap<>();
        Duration slowest = Duration.ZERO;
        for (CompletableFuture<Answer> future : answers) {
            statuses.merge(future.get().status, 1, Integer::sum);
        }
        int probes = upstream.probes.get() - probesBefore;
        System.out.printf("%d health requests in %d ms: %s (0: no answer within %d ms); %d probe(s) upstream; "
                + "login in %d ms%n", PROBES, stormTook.toMillis(), statuses, BOUND.toMillis(), probes,
                loginTook.toMillis());
        assertThat(statuses).as("health requests without an answer within " + BOUND).doesNotContainKey(0);
        for (CompletableFuture<Answer> future : answers) {
            Answer answer = future.get();
            slowest = answer.took.compareTo(slowest) > 0 ? answer.took : slowest;
            assertThat(answer.body).matches("\\{\"status\":\"(UP|DOWN)\",\"checks\":\\[\\{\"name\":\"chatsdk\","
                    + "\"status\":\"(UP|DOWN)\"}]}");
        }
        System.out.printf("slowest health answer %d ms%n", slowest.toMillis());
        assertThat(probes).as("probes the stalled API saw").isBetween(1, 2);
        assertThat(slowest).as("the slowest health answer").isLessThan(BOUND);
        assertThat(login.status()).as("a login during the storm: " + login).isEqualTo(200);
        assertThat(loginTook).as("the login during the storm").isLessThan(BOUND);
        assertThat(upstream.logins).hasValue(1);
        return statuses;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
