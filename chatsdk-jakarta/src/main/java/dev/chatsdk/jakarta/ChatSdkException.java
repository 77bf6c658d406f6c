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
        // an answer to the caller's own mistake (4xx) is expected, and a flood of bad tokens makes many: no stack trace
        // for those; a server-side failure (5xx) keeps its trace for the logs
        super(message, cause, true, Objects.requireNonNull(code, "code").status() >= 500);
        this.code = code;
    }

    /** @return the error code; never {@code null} */
    public ErrorCode code() {
        return code;
    }
}
