package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.testsupport.Http;

/**
 * The slow-body attack of issue 16 over real HTTP: three times a small container thread pool in connections that
 * declare {@code Content-Length: 1000} and then send one byte a second, to the token API without a key, to refresh,
 * to an unknown path and to health (a GET). Health and a real token call must still answer within seconds, the
 * requests whose answer the headers decide must be answered at once (without their body), and the refreshes,
 * whose body is needed, must get 408 {@code REQUEST_TIMEOUT} at about {@code chatsdk.web.body-timeout}.
 */
class SlowBodyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 20;
    private static final int SOCKETS = 3 * THREADS;
    private static final long BODY_TIMEOUT_MILLIS = 2000;
    /** Generous on a loaded 2-core machine; the attack made these 30-40 s (and the drain up to 1000 s). */
    private static final long PROMPT_MILLIS = 5000;
    private static final String[] KINDS = {"issue", "refresh", "unknown", "health"};

    private final TestConfig config = new TestConfig();

    private Map<String, String> properties() {
        Map<String, String> p = new java.util.HashMap<>(config.properties());
        p.put(ChatSdkConfig.Keys.BODY_TIMEOUT, "PT" + BODY_TIMEOUT_MILLIS / 1000 + "S");
        return p;
    }

    @Test
    void jettyFilterStaysResponsiveWhileBodiesDribble(@TempDir Path dir) throws Exception {
        try (JettyServer jetty = new JettyServer(THREADS)) {
            jetty.deploy("/app", TestWebapp.with(properties()).write(dir.resolve("app"))).start();
            survivesDribblers(jetty.http("/app"), "servlet-filter");
        }
    }

    @Test
    void tomcatFilterStaysResponsiveWhileBodiesDribble(@TempDir Path dir) throws Exception {
        try (TomcatServer tomcat = new TomcatServer(dir.resolve("tomcat")).maxThreads(THREADS)) {
            tomcat.deploy("/app", TestWebapp.with(properties()).write(dir.resolve("app")));
            tomcat.start();
            survivesDribblers(tomcat.http("/app"), "servlet-filter");
        }
    }

    @Test
    void jaxRsResourceBehindTheFilterStaysResponsiveWhileBodiesDribble(@TempDir Path dir) throws Exception {
        try (JettyServer jetty = new JettyServer(THREADS)) {
            jetty.deploy("/app", TestWebapp.with(properties()).jersey(TestRestApplication.class, "/*")
                    .write(dir.resolve("app"))).start();
            survivesDribblers(jetty.http("/app"), "jaxrs");
        }
    }

    /**
     * A body that arrives after its headers, but whole and within the deadline, is read without a thread waiting
     * (the async path; a body already in the buffer with its headers is read at once) and answered as usual.
     */
    @Test
    void answersABodyThatArrivesLateButWithinTheDeadline(@TempDir Path dir) throws Exception {
        try (JettyServer jetty = new JettyServer(THREADS)) {
            jetty.deploy("/app", TestWebapp.with(properties()).write(dir.resolve("app"))).start();
            java.net.URI base = java.net.URI.create(jetty.http("/app").baseUrl());
            byte[] body = "{\"userId\":\"late-1\"}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + base.getPath() + "/chatsdk/auth/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "X-API-Key: " + config.apiKey + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(BODY_TIMEOUT_MILLIS / 4); // the scenario: the body comes later
                out.write(body);
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).as(answer).startsWith("HTTP/1.1 200 ");
                JsonNode json = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertThat(json.at("/user/id").asText()).isEqualTo("late-1");
            }
        }
    }

    /** One raw connection: headers sent, body dribbled, the answer read as it comes. */
    private static final class Dribbler {
        final String kind;
        final Socket socket;
        final OutputStream out;
        final long sentAt = System.nanoTime();
        volatile long answeredAt;
        volatile String answer;

        Dribbler(String kind, int port, String contextPath) throws IOException {
            this.kind = kind;
            this.socket = new Socket("127.0.0.1", port);
            this.socket.setSoTimeout(60_000);
            this.out = socket.getOutputStream();
            String request = switch (kind) {
                case "issue" -> "POST " + contextPath + "/chatsdk/auth/tokens HTTP/1.1\r\nContent-Type: application/json\r\n";
                case "refresh" -> "POST " + contextPath + "/chatsdk/auth/refresh HTTP/1.1\r\nContent-Type: application/json\r\n";
                case "unknown" -> "POST " + contextPath + "/chatsdk/no-such-endpoint HTTP/1.1\r\nContent-Type: application/json\r\n";
                default -> "GET " + contextPath + "/chatsdk/health HTTP/1.1\r\n";
            };
            out.write((request + "Host: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void dribble() {
            if (answer == null) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    // the server closed the connection (after its answer): nothing more to send
                }
            }
        }

        /** Reads until the connection ends; keeps what arrived even when it ends with a reset. */
        void readAnswer() {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (received.size() == 0) {
                        answeredAt = System.nanoTime();
                    }
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // a reset after the answer, or the read timeout: what arrived is judged below
            }
            answer = received.toString(StandardCharsets.UTF_8);
        }

        static boolean complete(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = text.substring(0, end).toLowerCase(Locale.ROOT);
            int at = head.indexOf("content-length:");
            if (at < 0) {
                return false;
            }
            int length = Integer.parseInt(head.substring(at + 15).split("\r\n", 2)[0].trim());
            return text.length() - end - 4 >= length;
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredAt - sentAt);
        }

        int status() {
            return answer == null || !answer.startsWith("HTTP/1.1 ") ? -1 : Integer.parseInt(answer.substring(9, 12));
        }

        String header(String name) {
            for (String line : answer.split("\r\n\r\n", 2)[0].split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(answer.split("\r\n\r\n", 2)[1]);
        }

        @Override
        public String toString() {
            return kind + " after " + (answeredAt == 0 ? "no answer" : millis() + " ms") + ": "
                    + (answer == null ? "(still waiting)" : answer.replace("\r\n", " | "));
        }
    }

    private void survivesDribblers(Http http, String handler) throws Exception {
        java.net.URI base = java.net.URI.create(http.baseUrl());
        List<Dribbler> dribblers = new ArrayList<>();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        ExecutorService readers = Executors.newFixedThreadPool(SOCKETS);
        try {
            for (int i = 0; i < SOCKETS; i++) {
                Dribbler d = new Dribbler(KINDS[i % KINDS.length], base.getPort(), base.getPath());
                dribblers.add(d);
                readers.execute(d::readAnswer);
            }
            // a client sending one byte a second: 1000 bytes would take a quarter of an hour
            pace.scheduleAtFixedRate(() -> dribblers.forEach(Dribbler::dribble), 1, 1, TimeUnit.SECONDS);

            // while they dribble: health and a real token call answer within seconds
            long started = System.nanoTime();
            Http.Reply health = http.call("GET", "/chatsdk/health").send();
            long healthMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(healthMillis).as("health while %d connections dribble", SOCKETS).isLessThan(PROMPT_MILLIS);

            started = System.nanoTime();
            Http.Reply issued = http.call("POST", "/chatsdk/auth/tokens").header("X-API-Key", config.apiKey)
                    .json("{\"userId\":\"u-1\"}").send();
            long issueMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
            assertThat(issueMillis).as("a token call while %d connections dribble", SOCKETS).isLessThan(PROMPT_MILLIS);

            // every dribbler is answered: the refreshes at the deadline, the others at once
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (dribblers.stream().anyMatch(d -> d.answer == null) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(50); // polling, bounded by the deadline above
            }
            Map<String, List<Long>> times = new ConcurrentHashMap<>();
            for (Dribbler d : dribblers) {
                assertThat(d.answer).as(d.toString()).isNotNull().isNotEmpty();
                times.computeIfAbsent(d.kind, k -> new ArrayList<>()).add(d.millis());
                assertThat(d.header("Connection")).as(d.toString()).isEqualToIgnoringCase("close");
                switch (d.kind) {
                    case "refresh" -> {
                        assertThat(d.status()).as(d.toString()).isEqualTo(408);
                        assertThat(d.json().at("/error/code").asText()).as(d.toString()).isEqualTo("REQUEST_TIMEOUT");
                        assertThat(d.json().at("/error/message").asText()).isEqualTo(
                                "The request body did not arrive in time: the module waits for it at most PT2S "
                                + "(chatsdk.web.body-timeout), and the container may give up sooner on a body that "
                                + "trickles in (its minimum request data rate).");
                        assertThat(d.millis()).as(d.toString()).isBetween(BODY_TIMEOUT_MILLIS - 100, 12_000L);
                    }
                    case "issue" -> {
                        assertThat(d.status()).as(d.toString()).isEqualTo(401);
                        assertThat(d.json().at("/error/code").asText()).as(d.toString()).isEqualTo("MISSING_API_KEY");
                        assertThat(d.header("X-ChatSDK-Handler")).as(d.toString()).isEqualTo(handler);
                        assertThat(d.millis()).as(d.toString()).isLessThan(PROMPT_MILLIS);
                    }
                    case "unknown" -> {
                        assertThat(d.status()).as(d.toString()).isEqualTo(404);
                        assertThat(d.json().at("/error/code").asText()).as(d.toString()).isEqualTo("NOT_FOUND");
                        assertThat(d.millis()).as(d.toString()).isLessThan(PROMPT_MILLIS);
                    }
                    default -> {
                        assertThat(d.status()).as(d.toString()).isEqualTo(200);
                        assertThat(d.json().get("status").asText()).as(d.toString()).isEqualTo("UP");
                        assertThat(d.millis()).as(d.toString()).isLessThan(PROMPT_MILLIS);
                    }
                }
            }
            System.out.printf("SlowBodyIT %s: health %d ms, token call %d ms, dribblers answered after (ms) %s%n",
                    handler, healthMillis, issueMillis, summary(times));
        } finally {
            pace.shutdownNow();
            for (Dribbler d : dribblers) {
                try {
                    d.socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            readers.shutdownNow();
        }
    }

    private static String summary(Map<String, List<Long>> times) {
        StringBuilder s = new StringBuilder();
        times.forEach((kind, list) -> s.append(kind).append(' ')
                .append(list.stream().mapToLong(Long::longValue).min().orElse(-1)).append('-')
                .append(list.stream().mapToLong(Long::longValue).max().orElse(-1)).append("; "));
        return s.toString();
    }
}
