package dev.chatsdk.benchmarks.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load over keep-alive loopback connections: each connection has its own thread and sends
 * its next request as soon as the previous answer is in. Latency is what the client waits per request
 * (write to last body byte), recorded in HdrHistogram; only requests started and finished inside the
 * measurement window count.
 */
public final class Load {
    private Load() {
    }

    /** What one connection sends: the next request, and what it learns from each answer (a rotated token). */
    interface Client {
        byte[] next();

        /** @return whether the answer is the expected one */
        boolean answered(Connection.Answer answer);
    }

    /** Opens a connection's client: it may talk over the connection first (to log in). */
    interface ClientFactory {
        Client open(Connection connection) throws IOException;
    }

    /** One measured load. */
    public static final class Result {
        public final String name;
        public final int connections;
        public final long requests;
        public final long errors;
        final double seconds;
        final Histogram latency;

        Result(String name, int connections, long requests, long errors, double seconds, Histogram latency) {
            this.name = name;
            this.connections = connections;
            this.requests = requests;
            this.errors = errors;
            this.seconds = seconds;
            this.latency = latency;
        }

        /** @return this result and another of the same row, as one */
        Result plus(Result other) {
            Histogram both = latency.copy();
            both.add(other.latency);
            return new Result(name, connections, requests + other.requests, errors + other.errors,
                    seconds + other.seconds, both);
        }

        public double perSecond() {
            return requests / seconds;
        }

        /** @return the latency at a percentile, in milliseconds */
        public double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    static Result run(String name, int port, int connections, Duration warmup, Duration measure, ClientFactory factory)
            throws Exception {
        return run(name, new int[] {port}, connections, warmup, measure, factory);
    }

    /** @param ports the servers (instances of one application): connection {@code c} goes to {@code ports[c % n]} */
    static Result run(String name, int[] ports, int connections, Duration warmup, Duration measure,
            ClientFactory factory) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long from = start + warmup.toNanos();
        long until = from + measure.toNanos();
        List<Histogram> histograms = new ArrayList<>();
        long[] counts = new long[connections * 2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            histograms.add(histogram);
            int slot = c * 2;
            int port = ports[c % ports.length];
            Thread thread = new Thread(() -> {
                try (Connection connection = new Connection(port)) {
                    Client client = factory.open(connection);
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    for (long t0 = System.nanoTime(); t0 < until; t0 = System.nanoTime()) {
                        Connection.Answer answer = connection.exchange(client.next());
                        long t1 = System.nanoTime();
                        boolean ok = client.answered(answer);
                        if (t0 >= from && t1 <= until) {
                            histogram.recordValue(t1 - t0);
                            counts[slot]++;
                            if (!ok) {
                                counts[slot + 1]++;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }, "load-" + name + "-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        if (!done.await(warmup.plus(measure).toSeconds() + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": the load did not finish");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": a connection failed: " + failure.get(), failure.get());
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        histograms.forEach(all::add);
        long requests = 0;
        long errors = 0;
        for (int c = 0; c < connections; c++) {
            requests += counts[c * 2];
            errors += counts[c * 2 + 1];
        }
        return new Result(name, connections, requests, errors, measure.toNanos() / 1e9, all);
    }
}
