package dev.chatsdk.jakarta.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * One request as {@link ChatTokenService#begin(ChatRequest)} left it: either answered from its headers alone, or
 * waiting for the body its endpoint needs. The adapter reads that body (at most {@link #bodyLimit()} bytes, within
 * {@link #bodyTimeout()}, without blocking a thread where it can) and then calls exactly one of {@link #complete},
 * {@link #timedOut}, {@link #tooLarge} or {@link #unreadable}; a second call answers {@code null}. Thread-safe.
 */
public final class ChatExchange {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");

    /** What an endpoint decided from the headers: its answer, or what it does with the body. */
    static final class Step {
        final ChatResponse answer;
        final BodyUse rest;

        private Step(ChatResponse answer, BodyUse rest) {
            this.answer = answer;
            this.rest = rest;
        }

        static Step answer(ChatResponse answer) {
            return new Step(answer, null);
        }

        static Step body(BodyUse rest) {
            return new Step(null, rest);
        }
    }

    /** The rest of an endpoint, once its body is read. */
    interface BodyUse {
        ChatResponse withBody(byte[] body) throws IOException;
    }

    private final ChatResponse answer;
    private final int limit;
    private final Duration timeout;
    private final Function<byte[], ChatResponse> complete;
    private final Function<ErrorCode, ChatResponse> refuse;
    private final AtomicBoolean settled = new AtomicBoolean();

    private ChatExchange(ChatResponse answer, int limit, Duration timeout, Function<byte[], ChatResponse> complete,
            Function<ErrorCode, ChatResponse> refuse) {
        this.answer = answer;
        this.limit = limit;
        this.timeout = timeout;
        this.complete = complete;
        this.refuse = refuse;
    }

    static ChatExchange answered(ChatResponse answer) {
        return new ChatExchange(answer, -1, Duration.ZERO, null, null);
    }

    static ChatExchange reading(int limit, Duration timeout, Function<byte[], ChatResponse> complete,
            Function<ErrorCode, ChatResponse> refuse) {
        return new ChatExchange(null, limit, timeout, complete, refuse);
    }

    /** @return whether the endpoint waits for the body; otherwise {@link #answer()} is the answer */
    public boolean needsBody() {
        return answer == null;
    }

    /** @return the answer decided from the headers, or {@code null} while the body is needed */
    public ChatResponse answer() {
        return answer;
    }

    /** @return the most body bytes to read; one more is {@link #tooLarge()} */
    public int bodyLimit() {
        return limit;
    }

    /** @return how long the whole body may take to arrive, counted from the start of the request */
    public Duration bodyTimeout() {
        return timeout;
    }

    /** @return the answer for the whole body, or {@code null} when the exchange was already answered */
    public ChatResponse complete(byte[] body) {
        return settled.compareAndSet(false, true) ? complete.apply(body) : null;
    }

    /** @return 408 {@code REQUEST_TIMEOUT}, or {@code null} when the exchange was already answered */
    public ChatResponse timedOut() {
        return refuse(ErrorCode.REQUEST_TIMEOUT);
    }

    /** @return 413 {@code PAYLOAD_TOO_LARGE}, or {@code null} when the exchange was already answered */
    public ChatResponse tooLarge() {
        return refuse(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    /** @return 400 {@code MALFORMED_JSON} for a body that broke off, or {@code null} when already answered */
    public ChatResponse unreadable() {
        return refuse(ErrorCode.MALFORMED_JSON);
    }

    /**
     * Reads the body with blocking reads and answers: for adapters with no non-blocking read (JAX-RS without a
     * servlet container, a servlet chain that is not async-supported). The deadline is checked between reads.
     *
     * @return the answer, or {@code null} when the exchange was already answered
     */
    /**
     * @param failure why the container's body read failed
     * @return whether the container gave up on a slow body: answer {@link #timedOut} (408, retryable), not
     *         {@link #unreadable}
     */
    public static boolean slowBody(Throwable failure) {
        return RequestBodies.slowBody(failure);
    }

    public ChatResponse readBlocking(ChatRequest request) {
        byte[] body;
        try {
            body = RequestBodies.readBounded(request, limit, timeout);
        } catch (ChatSdkException e) {
            return e.code() == ErrorCode.REQUEST_TIMEOUT ? timedOut() : tooLarge();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-201: a request body could not be read", e);
            return RequestBodies.slowBody(e) ? timedOut() : unreadable();
        }
        return complete(body);
    }

    private ChatResponse refuse(ErrorCode code) {
        return settled.compareAndSet(false, true) ? refuse.apply(code) : null;
    }

    @Override
    public String toString() {
        return needsBody() ? "ChatExchange[reading at most " + limit + " bytes within " + timeout + "]"
                : "ChatExchange[" + answer + "]";
    }
}
