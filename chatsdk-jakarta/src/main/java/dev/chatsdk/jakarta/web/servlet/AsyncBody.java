package dev.chatsdk.jakarta.web.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import dev.chatsdk.jakarta.ErrorCode;

/**
 * Reads a request body with Servlet non-blocking I/O: no container thread waits while a client is slow to send,
 * and the {@link AsyncContext} timeout is the deadline of the whole body. Exactly one outcome is reported, on a
 * container thread, and the outcome's receiver completes or dispatches the {@link AsyncContext}.
 */
final class AsyncBody implements ReadListener, AsyncListener {
    /** Where the body goes. */
    interface Outcome {
        /** The whole body arrived. */
        void read(byte[] body);

        /**
         * The body did not arrive in time ({@link ErrorCode#REQUEST_TIMEOUT}), was longer than the limit
         * ({@link ErrorCode#PAYLOAD_TOO_LARGE}) or broke off ({@link ErrorCode#MALFORMED_JSON}).
         */
        void refused(ErrorCode code);
    }

    private final ServletInputStream in;
    private final int limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream out;
    private final byte[] buffer = new byte[4096];
    private final AtomicBoolean settled = new AtomicBoolean();

    private AsyncBody(ServletInputStream in, int limit, long declared, Outcome outcome) {
        this.in = in;
        this.limit = limit;
        this.outcome = outcome;
        this.out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, limit)));
    }

    /** Starts reading at most {@code limit} bytes within {@code timeout}; call from the dispatch that started async. */
    static void start(AsyncContext async, int limit, Duration timeout, Outcome outcome) throws IOException {
        async.setTimeout(Math.max(1, timeout.toMillis()));
        AsyncBody reader = new AsyncBody(async.getRequest().getInputStream(), limit,
                async.getRequest().getContentLengthLong(), outcome);
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!settled.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            if (out.size() + n > limit) {
                settle(ErrorCode.PAYLOAD_TOO_LARGE);
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    @Override
    public void onAllDataRead() {
        if (settled.compareAndSet(false, true)) {
            outcome.read(out.toByteArray());
        }
    }

    @Override
    public void onError(Throwable failure) {
        settle(ErrorCode.MALFORMED_JSON);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        settle(ErrorCode.REQUEST_TIMEOUT);
    }

    @Override
    public void onError(AsyncEvent event) {
        settle(ErrorCode.MALFORMED_JSON);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        settled.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // a later async cycle (the dispatch after reading) needs nothing from this reader
    }

    private void settle(ErrorCode code) {
        if (settled.compareAndSet(false, true)) {
            outcome.refused(code);
        }
    }
}
