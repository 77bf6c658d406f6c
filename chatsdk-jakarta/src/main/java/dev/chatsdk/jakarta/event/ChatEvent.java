package dev.chatsdk.jakarta.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the module did or refused, with whom it concerned. Subclasses add what is particular to their kind.
 * No event carries a token, a secret or an API key, and {@link #toString()} shows every field.
 *
 * <p>Events are immutable and thread-safe.
 *
 * @since 0.1
 */
public abstract class ChatEvent {
    private final Instant time;
    private final String userId;
    private final String sessionId;
    private final String clientIp;
    private final String reason;

    /**
     * @param time      when it happened, by the module's clock
     * @param userId    the user concerned, or {@code null} when unknown
     * @param sessionId the session concerned ({@code sid}), or {@code null} when unknown or several
     * @param clientIp  the client's address (behind trusted proxies: the forwarded one), or {@code null} when the
     *                  call came from application code
     * @param reason    one sentence saying what happened
     * @throws NullPointerException if {@code time} or {@code reason} is {@code null}
     */
    protected ChatEvent(Instant time, String userId, String sessionId, String clientIp, String reason) {
        this.time = Objects.requireNonNull(time, "time");
        this.userId = userId;
        this.sessionId = sessionId;
        this.clientIp = clientIp;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return when it happened, by the module's clock */
    public Instant time() {
        return time;
    }

    /** @return the user concerned, or {@code null} when unknown */
    public String userId() {
        return userId;
    }

    /** @return the session concerned ({@code sid}), or {@code null} when unknown or several */
    public String sessionId() {
        return sessionId;
    }

    /** @return the client's address, or {@code null} when the call came from application code */
    public String clientIp() {
        return clientIp;
    }

    /** @return one sentence saying what happened */
    public String reason() {
        return reason;
    }

    /** @return the event's kind: its class's simple name, such as {@code TokenIssued} */
    public String kind() {
        return getClass().getSimpleName();
    }

    /** @return the fields particular to the subclass, as {@code ", name=value"} pairs; empty here */
    String details() {
        return "";
    }

    @Override
    public String toString() {
        return kind() + "[time=" + time + ", userId=" + userId + ", sessionId=" + sessionId + ", clientIp=" + clientIp
                + details() + ", reason=" + reason + "]";
    }
}
