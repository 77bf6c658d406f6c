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
 * The application of the {@code token} row in a class loader of its own, with Micrometer present
 * ({@code token_metrics}: every request also updates the module's timer and counters in a {@code SimpleMeterRegistry})
 * or without it ({@code token_no_metrics}). The module takes Micrometer whenever it can see it, so the two cannot share
 * the harness's class loader; and each copy of the classes is compiled by the JIT on its own, so both rows run in a
 * copy of their own, warmed up alike, and only their ratio is read. The one with Micrometer sees the benchmarks jar and
 * {@code benchmarks/target/micrometer} (copied by the build); the other the benchmarks jar alone.
 */
public final class IsolatedApp implements IntSupplier, AutoCloseable {
    private final BenchServer server;
    /** The {@code SimpleMeterRegistry}, or {@code null} without Micrometer. */
    private final Object registry;

    /** Called reflectively in the isolated class loader. */
    public IsolatedApp(boolean metered) throws Exception {
        ChatSdk.Builder builder = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, 10_000_000)
                .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).build());
        registry = metered ? Micrometer.attach(builder) : null;
        server = new BenchServer(builder.build());
    }

    /** @return the port */
    @Override
    public int getAsInt() {
        return server.port();
    }

    /** @return how many requests the module's request timer counted: proof that the meters were updated */
    @Override
    public String toString() {
        return registry == null ? "IsolatedApp[no Micrometer]" : "IsolatedApp[requests timed=" + Micrometer.timed(registry) + "]";
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /** Micrometer's types, loaded only by the copy that has them. */
    private static final class Micrometer {
        static Object attach(ChatSdk.Builder builder) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            builder.meterRegistry(registry);
            return registry;
        }

        static long timed(Object registry) {
            return ((SimpleMeterRegistry) registry).find("chatsdk.requests").timers().stream()
                    .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
        }
    }

    /**
     * Starts an {@code IsolatedApp} in a class loader of its own.
     *
     * @param metered whether the loader sees Micrometer and the module is given a registry
     * @return the app, seen through the JDK's interfaces only (its classes are not the harness's)
     */
    static Isolated start(boolean metered) throws Exception {
        URL jar = IsolatedApp.class.getProtectionDomain().getCodeSource().getLocation();
        Path micrometer = Path.of(jar.toURI()).getParent().resolve("micrometer");
        List<URL> urls = new ArrayList<>();
        urls.add(jar);
        if (metered) {
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
        }
        URLClassLoader loader = new URLClassLoader(metered ? "metered-app" : "plain-app", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object app = loader.loadClass(IsolatedApp.class.getName()).getConstructor(boolean.class).newInstance(metered);
            return new Isolated((AutoCloseable) app, ((IntSupplier) app).getAsInt(), loader);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A started {@code IsolatedApp} in its class loader. */
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
