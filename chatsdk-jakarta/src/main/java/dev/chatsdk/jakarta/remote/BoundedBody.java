package dev.chatsdk.jakarta.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects one exchange's body up to {@link #MAX_BYTES}; past that (or when {@code Content-Length}
 * already says so) it cancels the exchange instead of reading on. One instance per exchange. With {@link #await}, which
 * bounds the whole exchange (headers and body) by a deadline.
 */
final class BoundedBody implements HttpResponse.BodyHandler<BoundedBody.Result> {
    /** The largest body read; past it the exchange is cancelled (the connection dropped). */
    static final int MAX_BYTES = 64 * 1024;

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
    private volatile boolean cancelled;

    boolean answered() {
        return answered;
    }

    /** Stops the exchange: no more bytes are read, the connection is closed. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
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
                } else if (cancelled) {
                    s.cancel();
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
     * Waits for a whole exchange (status, headers and body) until {@code deadline} ({@link System#nanoTime()});
     * then cancels it, which closes its connection.
     *
     * @throws HttpTimeoutException at the deadline ({@link BodyTimeout} once the headers had arrived)
     * @throws IOException          what the exchange failed with; a runtime exception or an error as it is
     */
    static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange, BoundedBody body,
            long deadline) throws IOException {
        try {
            return exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            exchange.cancel(true);
            throw body.answered() ? new BodyTimeout() : new HttpTimeoutException("no answer in time");
        } catch (InterruptedException e) {
            body.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException("failed with " + (cause == null ? "nothing" : cause.getClass().getName()));
        }
    }

    /** The headers arrived in time, the rest of the answer did not. */
    static final class BodyTimeout extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyTimeout() {
            super("the answer's body did not arrive in time");
        }
    }
}
