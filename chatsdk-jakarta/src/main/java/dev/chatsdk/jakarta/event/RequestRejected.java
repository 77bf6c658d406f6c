package dev.chatsdk.jakarta.event;

import java.time.Instant;
import java.util.Objects;

import dev.chatsdk.jakarta.ErrorCode;

/**
 * A request to one of the module's endpoints was answered with an error: every error answer is one such event
 * (an {@link AccessDenied} when the caller's credentials were refused). The {@linkplain #reason() reason} is the
 * answer's message.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public class RequestRejected extends ChatEvent {
    private final ErrorCode code;
    private final String endpoint;

    /**
     * @param time     when
     * @param userId   the authenticated principal's name when the endpoint looked at it (the token endpoint does; the
     *                 refresh, logout and API endpoints, which a token or an API key authorizes, do not), else
     *                 {@code null}
     * @param clientIp the client's address, or {@code null} when the framework does not tell
     * @param endpoint which endpoint ({@code token}, {@code refresh}, {@code logout}, {@code issue}, …)
     * @param code     the answer's error code
     * @param reason   the answer's message
     * @throws NullPointerException if {@code code} or {@code endpoint} is {@code null}
     */
    public RequestRejected(Instant time, String userId, String clientIp, String endpoint, ErrorCode code, String reason) {
        super(time, userId, null, clientIp, reason);
        this.code = Objects.requireNonNull(code, "code");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** @return the answer's error code */
    public ErrorCode code() {
        return code;
    }

    /** @return which endpoint: {@code token}, {@code issue}, {@code refresh}, {@code logout}, {@code revoke-user}, {@code validate}, {@code validate-ws}, {@code jwks} or {@code other} */
    public String endpoint() {
        return endpoint;
    }

    @Override
    String details() {
        return ", endpoint=" + endpoint + ", code=" + code;
    }
}
