package dev.chatsdk.jakarta;

import java.util.Objects;

/**
 * The one unchecked root of every error the module raises. It carries an {@link ErrorCode}, which
 * fixes the HTTP status and the code a client sees.
 *
 * <p>Messages are whole sentences meant for the caller. They never contain a secret, an API key or
 * a token. This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public class ChatSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error code this exception answers with. */
    private final ErrorCode code;

    /**
     * @param code    the error code; never {@code null}
     * @param message the sentence for the caller
     * @throws NullPointerException if {@code code} is {@code null}
     */
    public ChatSdkException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param code    the error code; never {@code null}
     * @param message the sentence for the caller
     * @param cause   the underlying failure, for logs only; may be {@code null}
     * @throws NullPointerException if {@code code} is {@code null}
     */
    public ChatSdkException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return the error code; never {@code null} */
    public ErrorCode code() {
        return code;
    }
}
