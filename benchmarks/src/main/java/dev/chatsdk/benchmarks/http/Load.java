package dev.chatsdk.benchmarks.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load over keep-alive loopback connections: each connection sends its next request as soon as the
 * previous answer is in, and two threads (as {@code wrk -t2}) serve all the connections from non-blocking event loops,
 * so that the generator costs the machine little and about what {@code wrk} does; a connection's client sets itself up
 * (logs in) over the blocking connection first. Latency is what the client waits per request
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

    /** Event-loop threads of a load, as many as {@code wrk -t2} uses: the machine's two cores. */
    private static final int THREADS = 2;

    /**
     * @param ports the servers (instances of one application): connection {@code c} goes to {@code ports[c % n]}
     */
    static Result run(String name, int[] ports, int connections, Duration warmup, Duration measure,
            ClientFactory factory) throws Exception {
        int threads = Math.min(THREADS, connections);
        // the window starts once every client has set itself up (logged in): start, from, until
        long[] window = new long[3];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Histogram> histograms = new ArrayList<>();
        long[] counts = new long[connections * 2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            histograms.add(histogram);
            int first = t;
            Thread thread = new Thread(() -> {
                List<Wire> wires = new ArrayList<>();
                try (Selector selector = Selector.open()) {
                    for (int c = first; c < connections; c += threads) {
                        Connection connection = new Connection(ports[c % ports.length]);
                        wires.add(new Wire(connection, factory.open(connection), c * 2));
                    }
                    for (Wire wire : wires) {
                        wire.channel = wire.connection.nonBlocking();
                        wire.channel.register(selector, SelectionKey.OP_READ, wire);
                    }
                    ready.countDown();
                    go.await();
                    long start = window[0];
                    long from = window[1];
                    long until = window[2];
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    for (Wire wire : wires) {
                        wire.send(System.nanoTime(), selector);
                    }
                    int open = wires.size();
                    while (open > 0) {
                        selector.select(100);
                        for (SelectionKey key : selector.selectedKeys()) {
                            Wire wire = (Wire) key.attachment();
                            if (key.isWritable()) {
                                wire.flush(selector);
                            }
                            if (!key.isReadable()) {
                                continue;
                            }
                            for (Connection.Answer answer = wire.answers.next(wire.channel); answer != null;
                                    answer = wire.answers.take()) {
                                long t1 = System.nanoTime();
                                boolean ok = wire.client.answered(answer);
                                if (wire.sentAt >= from && t1 <= until) {
                                    histogram.recordValue(t1 - wire.sentAt);
                                    counts[wire.slot]++;
                                    if (!ok) {
                                        counts[wire.slot + 1]++;
                                    }
                                }
                                if (t1 < until) {
                                    wire.send(t1, selector);
                                } else {
                                    open--;
                                }
                            }
                        }
                        selector.selectedKeys().clear();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    ready.countDown();
                } finally {
                    for (Wire wire : wires) {
                        try {
                            wire.connection.close();
                        } catch (IOException ignored) {
                            // the load is over
                        }
                    }
                    done.countDown();
                }
            }, "load-" + name + "-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": the clients did not set themselves up");
        }
        window[0] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        window[1] = window[0] + warmup.toNanos();
        window[2] = window[1] + measure.toNanos();
        go.countDown();
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

    /** One connection in a load's event loop: its client, the request being written, and the answers arriving. */
    private static final class Wire {
        final Connection connection;
        final Client client;
        final int slot;
        final Answers answers = new Answers();
        SocketChannel channel;
        ByteBuffer pending;
        long sentAt;

        Wire(Connection connection, Client client, int slot) {
            this.connection = connection;
            this.client = client;
            this.slot = slot;
        }

        /** Starts the next request: written now, or the rest when the socket takes it. */
        void send(long now, Selector selector) throws IOException {
            sentAt = now;
            pending = ByteBuffer.wrap(client.next());
            flush(selector);
        }

        void flush(Selector selector) throws IOException {
            channel.write(pending);
            channel.keyFor(selector).interestOps(pending.hasRemaining()
                    ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
