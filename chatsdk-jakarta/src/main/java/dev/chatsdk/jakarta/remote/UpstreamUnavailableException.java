package dev.chatsdk.jakarta.remote;

import java.time.Duration;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * An upstream answer the caller should try again after a wait: {@code UPSTREAM_UNAVAILABLE}, or {@code RATE_LIMITED}
 * when the ChatSDK API rate limits; with how long the caller should wait ({@code Retry-After}).
 */
public final class UpstreamUnavailableException extends ChatSdkException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    UpstreamUnavailableException(String message, Duration retryAfter) {
        this(ErrorCode.UPSTREAM_UNAVAILABLE, message, retryAfter);
    }

    UpstreamUnavailableException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    /** @return whole seconds to wait, at least one */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
