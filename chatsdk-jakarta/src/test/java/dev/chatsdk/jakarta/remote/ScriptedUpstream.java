package dev.chatsdk.jakarta.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A ChatSDK API stand-in on a loopback port that answers what the test scripts, in order (the last
 * answer repeats), and records what it was sent: for the faults a real API shows only on bad days.
 */
public final class ScriptedUpstream implements AutoCloseable {
    /** One scripted answer. */
    public static final class Answer {
        final int status;
        final byte[] body;
        final Map<String, String> headers;
        final long delayMillis;
        final long bodyBytes;

        private Answer(int status, byte[] body, Map<String, String> headers, long delayMillis, long bodyBytes) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.delayMillis = delayMillis;
            this.bodyBytes = bodyBytes;
        }

        public static Answer json(int status, String json) {
            return new Answer(status, json.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"),
                    0, -1);
        }

        public Answer header(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, body, all, delayMillis, bodyBytes);
        }

        public Answer after(long millis) {
            return new Answer(status, body, headers, millis, bodyBytes);
        }

        /** A 200 whose body is {@code bytes} long: a JSON string that never ends. */
        public static Answer huge(long bytes) {
            return new Answer(200, null, Map.of("Content-Type", "application/json"), 0, bytes);
        }
    }

    /** What the upstream was sent. */
    public static final class Received {
        public final String path;
        /** The path as sent, percent-encoding kept. */
        public final String rawPath;
        public final Map<String, List<String>> headers;
        public final String body;

        Received(String path, String rawPath, Map<String, List<String>> headers, String body) {
            this.path = path;
            this.rawPath = rawPath;
            this.headers = headers;
            this.body = body;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Answer> script = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    public ScriptedUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the script. */
    public ScriptedUpstream script(Answer... answers) {
        synchronized (script) {
            script.clear();
            script.addAll(List.of(answers));
            next.set(0);
            received.clear();
        }
        return this;
    }

    public int hits() {
        return received.size();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()),
                new String(in, StandardCharsets.UTF_8)));
        Answer answer;
        synchronized (script) {
            answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
        }
        try {
            if (answer.delayMillis > 0) {
                Thread.sleep(answer.delayMillis);
            }
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (answer.bodyBytes >= 0) {
                exchange.sendResponseHeaders(answer.status, answer.bodyBytes);
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('"');
                    for (long sent = 1; sent < answer.bodyBytes; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, answer.bodyBytes - sent));
                    }
                }
            } else {
                exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (a timeout, or a body it would not read): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
