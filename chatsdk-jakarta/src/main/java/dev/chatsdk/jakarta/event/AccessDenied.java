package dev.chatsdk.jakarta.event;

import java.time.Instant;
import java.util.Set;

import dev.chatsdk.jakarta.ErrorCode;

/**
 * A caller was refused for who it is: nobody logged in ({@code UNAUTHENTICATED}), a user without an allowed role
 * ({@code NO_CHAT_ACCESS}), or a missing or wrong API key ({@code MISSING_API_KEY}, {@code INVALID_API_KEY}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AccessDenied extends RequestRejected {
    /** The error codes that are access denials. */
    public static final Set<ErrorCode> CODES = Set.of(ErrorCode.UNAUTHENTICATED, ErrorCode.NO_CHAT_ACCESS,
            ErrorCode.MISSING_API_KEY, ErrorCode.INVALID_API_KEY);

    /**
     * @param time     when
     * @param userId   the authenticated principal's name, or {@code null} when nobody is logged in
     * @param clientIp the client's address, or {@code null} when the framework does not tell
     * @param endpoint which endpoint
     * @param code     one of {@link #CODES}
     * @param reason   the answer's message
     * @throws IllegalArgumentException if {@code code} is not one of {@link #CODES}
     */
    public AccessDenied(Instant time, String userId, String clientIp, String endpoint, ErrorCode code, String reason) {
        super(time, userId, clientIp, endpoint, code, reason);
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("not an access denial: " + code);
        }
    }
}
