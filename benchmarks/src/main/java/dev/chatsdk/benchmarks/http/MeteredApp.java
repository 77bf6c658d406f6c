package dev.chatsdk.benchmarks.http;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.config.SessionConfig;

/**
 * The application of the {@code token} row with Micrometer present: the same server and module, whose every request
 * also updates the module's timer and counters in a {@link SimpleMeterRegistry}. It runs in a class loader of its own
 * that sees the benchmarks jar and Micrometer ({@code benchmarks/target/micrometer}, copied by the build), because
 * the module takes Micrometer whenever it can see it: the other rows, in the harness's own class loader, run without
 * it, as a deployment without a metrics library does.
 */
public final class MeteredApp implements IntSupplier, AutoCloseable {
    private final BenchServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Called reflectively in the isolated class loader. */
    public MeteredApp() throws Exception {
        ChatSdk sdk = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, 10_000_000)
                .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).build())
                .meterRegistry(registry).build();
        server = new BenchServer(sdk);
    }

    /** @return the port */
    @Override
    public int getAsInt() {
        return server.port();
    }

    /** @return how many requests the module's request timer counted: proof that the meters were updated */
    @Override
    public String toString() {
        return "MeteredApp[requests timed=" + registry.find("chatsdk.requests").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum() + "]";
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /**
     * Starts a {@code MeteredApp} in a class loader of its own.
     *
     * @return the app, seen through the JDK's interfaces only (its classes are not the harness's)
     */
    static Isolated startIsolated() throws Exception {
        URL jar = MeteredApp.class.getProtectionDomain().getCodeSource().getLocation();
        Path micrometer = Path.of(jar.toURI()).getParent().resolve("micrometer");
        List<URL> urls = new ArrayList<>();
        urls.add(jar);
        if (Files.isDirectory(micrometer)) {
            try (Stream<Path> jars = Files.list(micrometer)) {
                for (Path p : (Iterable<Path>) jars.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                    urls.add(p.toUri().toURL());
                }
            }
        }
        if (urls.size() == 1) {
            throw new IllegalStateException("Micrometer is missing from " + micrometer + File.separator
                    + ": build the benchmarks with mvn -B -q package -DskipTests");
        }
        URLClassLoader loader = new URLClassLoader("metered-app", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object app = loader.loadClass(MeteredApp.class.getName()).getConstructor().newInstance();
            AutoCloseable closeable = (AutoCloseable) app;
            return new Isolated(closeable, ((IntSupplier) app).getAsInt(), loader);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A started {@code MeteredApp} in its class loader. */
    static final class Isolated implements AutoCloseable {
        final AutoCloseable app;
        final int port;
        private final URLClassLoader loader;

        Isolated(AutoCloseable app, int port, URLClassLoader loader) {
            this.app = app;
            this.port = port;
            this.loader = loader;
        }

        @Override
        public String toString() {
            return app.toString();
        }

        @Override
        public void close() throws Exception {
            try {
                app.close();
            } finally {
                loader.close();
            }
        }
    }
}
