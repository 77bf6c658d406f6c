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

    /**
     * Most bytes of an unneeded body read (and dropped) after the answer, so that a client still sending a small
     * body receives that answer instead of a reset; a larger rest is left unread and the connection closed.
     */
    static final int LINGER_LIMIT = 256 * 1024;

    private final ServletInputStream in;
    private final int limit;
    /** Where the body goes; {@code null} while lingering, when the body is dropped. */
    private final Outcome outcome;
    private final AsyncContext async;
    private final ByteArrayOutputStream out;
    private final byte[] buffer = new byte[4096];
    private final AtomicBoolean settled = new AtomicBoolean();
    private long received;

    private AsyncBody(AsyncContext async, int limit, Outcome outcome) throws IOException {
        this.async = async;
        this.in = async.getRequest().getInputStream();
        this.limit = limit;
        this.outcome = outcome;
        long declared = async.getRequest().getContentLengthLong();
        this.out = new ByteArrayOutputStream(outcome == null ? 0 : (int) Math.max(0, Math.min(declared, limit)));
    }

    /** Starts reading at most {@code limit} bytes within {@code timeout}; call from the dispatch that started async. */
    static void start(AsyncContext async, int limit, Duration timeout, Outcome outcome) throws IOException {
        listen(new AsyncBody(async, limit, outcome), timeout);
    }

    /**
     * After the answer was written and flushed: reads and drops the rest of a body nobody needs, at most
     * {@link #LINGER_LIMIT} bytes within {@code timeout}, holding no thread, then completes the cycle (the answer
     * carries {@code Connection: close}). A client still sending then reads the answer instead of a reset.
     */
    static void linger(AsyncContext async, Duration timeout) throws IOException {
        if (async.getRequest().getContentLengthLong() > LINGER_LIMIT) {
            async.complete();
            return;
        }
        listen(new AsyncBody(async, LINGER_LIMIT, null), timeout);
    }

    private static void listen(AsyncBody reader, Duration timeout) {
        reader.async.setTimeout(Math.max(1, timeout.toMillis()));
        reader.async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!settled.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            received += n;
            if (received > limit) {
                settle(ErrorCode.PAYLOAD_TOO_LARGE);
                return;
            }
            if (outcome != null) {
                out.write(buffer, 0, n);
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (settled.compareAndSet(false, true)) {
            if (outcome == null) {
                async.complete();
            } else {
                outcome.read(out.toByteArray());
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        // a container that gave up on a slow body (Jetty's minimum data rate) is a 408 the client may retry
        settle(dev.chatsdk.jakarta.web.ChatExchange.slowBody(failure) ? ErrorCode.REQUEST_TIMEOUT : ErrorCode.MALFORMED_JSON);
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
            if (outcome == null) {
                async.complete();
            } else {
                outcome.refused(code);
            }
        }
    }
}
