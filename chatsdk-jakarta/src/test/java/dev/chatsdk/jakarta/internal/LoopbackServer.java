package dev.chatsdk.jakarta.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny scripted HTTP server on the loopback interface (the JDK's {@code com.sun.net.httpserver}), for the unit
 * tests of the HTTP clients: it gives the scripted answers in order (the last one again once the script runs out) and
 * records what it received.
 */
public final class LoopbackServer implements AutoCloseable {
    /** One scripted answer; {@code before} runs on the server's thread before it answers (a latch, say). */
    public static final class Answer {
        final int status;
        final byte[] body;
        final Map<String, String> headers;
        final Runnable before;

        private Answer(int status, byte[] body, Map<String, String> headers, Runnable before) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.before = before;
        }

        public static Answer of(int status, String body) {
            return new Answer(status, body.getBytes(StandardCharsets.UTF_8), Map.of(), () -> { });
        }

        public Answer header(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, Map.copyOf(more), before);
        }

        public Answer before(Runnable action) {
            return new Answer(status, body, headers, action);
        }
    }

    /** What one request carried. */
    public static final class Received {
        public final String method;
        public final String path;
        public final Map<String, List<String>> headers;

        Received(String method, String path, Map<String, List<String>> headers) {
            this.method = method;
            this.path = path;
            this.headers = headers;
        }

        public String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last = Answer.of(500, "{}");
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();

    public LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "loopback-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return this server, answering these next (after what is scripted already) */
    public LoopbackServer script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders())));
            hits.incrementAndGet();
            Answer answer = script.poll();
            if (answer == null) {
                answer = last;
            } else {
                last = answer;
            }
            answer.before.run();
            answer.headers.forEach(exchange.getResponseHeaders()::add);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
            if (answer.body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** @return {@code http://127.0.0.1:port} (or the loopback address there is), without a trailing slash */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    public int hits() {
        return hits.get();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
