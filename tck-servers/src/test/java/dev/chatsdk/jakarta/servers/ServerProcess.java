package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child process: readiness by polling, and always stopped with all its descendants. A server
 * that is not ready in time is started once more (a full server's boot now and then stalls on a loaded 2-core machine,
 * e.g. Payara Micro in its data grid's start), and only a second stall fails the test.
 */
final class ServerProcess implements AutoCloseable {
    private final ProcessBuilder builder;
    private final String name;
    private Process process;

    private ServerProcess(String name, ProcessBuilder builder) throws IOException {
        this.name = name;
        this.builder = builder;
        this.process = builder.start();
    }

    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(truncated(log).toFile()));
        builder.environment().putAll(env);
        return new ServerProcess(name, builder);
    }

    private static Path truncated(Path log) throws IOException {
        java.nio.file.Files.deleteIfExists(log);
        return log;
    }

    /**
     * Waits until {@code url} answers 200 to the user; a server not ready within {@code limit} is stopped and started
     * once more (its log goes on in the same file), and fails after a second {@code limit}.
     */
    Duration awaitReady(String url, String user, String password, Duration limit) throws InterruptedException, IOException {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return awaitReady(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(), limit);
    }

    /** As {@link #awaitReady(String, String, String, Duration)}, until {@code request} answers 200. */
    Duration awaitReady(HttpRequest request, Duration limit) throws InterruptedException, IOException {
        try {
            return awaitReadyOnce(request, limit);
        } catch (NotReady stalled) {
            System.out.println(stalled.getMessage() + "; starting it once more");
            close();
            process = builder.start();
            return awaitReadyOnce(request, limit);
        }
    }

    /** Thrown when the server is alive but not ready in time. */
    private static final class NotReady extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }

    private Duration awaitReadyOnce(HttpRequest request, Duration limit) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        int last = -1;
        while (System.nanoTime() - started < limit.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                last = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new NotReady(name + " was not ready within " + limit + " (last status " + last + ")");
    }

    /**
     * A port no one listens on, below Linux's ephemeral range (32768 and up): a port the kernel picked for a listener
     * of ours may be handed to an outgoing connection (JDBC, HTTP) before the server binds it, and a full server that
     * then finds one of its listeners' ports taken starts with errors and answers 404 (seen with WildFly's https
     * listener, costing a 200 s wait and a restart).
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + NEXT_PORT.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free loopback port between 20000 and 32000");
    }

    private static final java.util.Random NEXT_PORT = new java.security.SecureRandom();

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
