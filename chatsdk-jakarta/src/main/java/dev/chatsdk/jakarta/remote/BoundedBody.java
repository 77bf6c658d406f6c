package dev.chatsdk.jakarta.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Collects one exchange's body up to {@link #MAX_BYTES}; past that (or when {@code Content-Length}
 * already says so) it cancels the exchange instead of reading on. One instance per exchange, made by
 * {@link #exchange}, which bounds the whole exchange (headers and body) by a deadline.
 */
final class BoundedBody implements HttpResponse.BodyHandler<BoundedBody.Result> {
    /** The largest body read; past it the exchange is cancelled (the connection dropped). */
    static final int MAX_BYTES = 64 * 1024;

    /**
     * Ends the bodies that are still arriving at their deadline: one daemon thread for every client of the JVM, started
     * by the first deadline and ended a second after the last one is passed or cancelled (an undeployed application
     * leaves it behind for that second only). A deadline is two operations on its queue, no thread hand-over.
     */
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    /** A body, or the mark that it was too large. */
    static final class Result {
        final byte[] bytes;
        final boolean tooLarge;

        Result(byte[] bytes, boolean tooLarge) {
            this.bytes = bytes;
            this.tooLarge = tooLarge;
        }
    }

    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean answered;
    private volatile boolean expired;

    private BoundedBody() {
    }

    /**
     * The deadline has passed: no more bytes are read, the connection is closed, and an answer still arriving
     * fails with {@link BodyTimeout}. Before the headers it only marks the exchange: the headers are bounded by the
     * request's own timeout, and headers that come now are answered by cancelling at once.
     */
    private void expire() {
        expired = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
            result.completeExceptionally(new BodyTimeout());
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Result> apply(HttpResponse.ResponseInfo info) {
        answered = true;
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new HttpResponse.BodySubscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public CompletionStage<Result> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (declared > MAX_BYTES) {
                    s.cancel();
                    result.complete(new Result(new byte[0], true));
                } else if (expired) {
                    s.cancel();
                    result.completeExceptionally(new BodyTimeout());
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer buffer : buffers) {
                    int n = buffer.remaining();
                    if (bytes.size() + n > MAX_BYTES) {
                        subscription.cancel();
                        result.complete(new Result(new byte[0], true));
                        return;
                    }
                    byte[] chunk = new byte[n];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, n);
                }
            }

            @Override
            public void onError(Throwable failure) {
                result.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                result.complete(new Result(bytes.toByteArray(), false));
            }
        };
    }

    /**
     * Makes one whole exchange (status, headers and body) on the calling thread, ended at {@code deadline}
     * ({@link System#nanoTime()}). {@link HttpClient#send} rather than {@code sendAsync}: {@code sendAsync} writes the
     * request from the client's executor and completes its answer on the {@code CompletableFuture} default pool, which
     * on a machine of one or two cores is a new thread per call; {@code send} writes on the calling thread and wakes it
     * once with the whole answer. Until the headers the exchange is bounded by {@code request}'s timeout, which the
     * caller sets to at most the time left (the JDK then fails it with an {@link HttpTimeoutException}); from the
     * headers on, by an alarm at {@code deadline} that cancels the body, which closes the connection.
     *
     * @throws HttpTimeoutException at the deadline ({@link BodyTimeout} once the headers had arrived)
     * @throws IOException          what the exchange failed with; a runtime exception or an error as it is
     */
    static HttpResponse<Result> exchange(HttpClient http, HttpRequest request, long deadline) throws IOException {
        BoundedBody body = new BoundedBody();
        ScheduledFuture<?> alarm = ALARMS.schedule(body::expire, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            body.expire();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            if (body.expired) {
                throw body.answered ? new BodyTimeout() : new HttpTimeoutException("no answer in time");
            }
            // send() wraps what the exchange failed with in an IOException of its own; an unchecked one is a bug of
            // the JDK's or ours, not the upstream failing, and is thrown as it is
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chatsdk-deadlines");
            thread.setDaemon(true);
            // no application's class loader held by a thread that outlives a call
            thread.setContextClassLoader(null);
            return thread;
        });
        alarms.setRemoveOnCancelPolicy(true);
        alarms.setKeepAliveTime(1, TimeUnit.SECONDS);
        alarms.allowCoreThreadTimeOut(true);
        return alarms;
    }

    /** The headers arrived in time, the rest of the answer did not. */
    static final class BodyTimeout extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyTimeout() {
            super("the answer's body did not arrive in time");
        }
    }
}
