package dev.chatsdk.jakarta.remote;

import java.time.Duration;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/** {@code UPSTREAM_UNAVAILABLE}, with how long the caller should wait before trying again. */
public final class UpstreamUnavailableException extends ChatSdkException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    UpstreamUnavailableException(String message, Duration retryAfter) {
        super(ErrorCode.UPSTREAM_UNAVAILABLE, message);
        this.retryAfter = retryAfter;
    }

    /** @return whole seconds to wait, at least one */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
