package dev.chatsdk.jakarta.observe;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.event.AccessDenied;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;

/**
 * One structured line per event on the logger {@code dev.chatsdk.jakarta.audit}, as {@code key=value} pairs (values
 * with spaces, quotes or {@code =} in double quotes): reuse at WARNING; revocations, access denials and rejected
 * refresh tokens at INFO; issues, refreshes and other rejections at DEBUG. Thread-safe.
 *
 * <p>Rejections and access denials are what anyone can send at will: their lines are written at most
 * {@value #REFUSALS_PER_SECOND} a second per module; past that they are counted, and the next second's first such event writes
 * one line saying how many were not ({@code CHATSDK-506}). Listeners and metrics still see every event. A flood of
 * bad tokens then costs no disk and no lock on the log's output per request.
 */
final class AuditLog {
    static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.audit");
    /** The rejections of a refresh or logout token that say something about the token's holder. */
    private static final Set<ErrorCode> REFRESH_CODES = EnumSet.of(ErrorCode.INVALID_REFRESH_TOKEN,
            ErrorCode.REFRESH_TOKEN_EXPIRED, ErrorCode.REFRESH_TOKEN_REUSED, ErrorCode.SESSION_REVOKED);

    private AuditLog() {
    }

    /** Lines of rejections and access denials written a second, at most. */
    static final int REFUSALS_PER_SECOND = 20;

    /** One module's budget of refusal lines; thread-safe. */
    static final class Budget {
        private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong withheld = new AtomicLong();

        /**
         * @param nanos the monotonic clock
         * @return whether this second's budget of refusal lines has room; the first refusal of a new second first
         *         writes how many the previous seconds withheld
         */
        boolean admitted(long nanos) {
            long now = nanos / 1_000_000_000L;
            long current = second.get();
            if (now != current && second.compareAndSet(current, now)) {
                written.set(0);
                long count = withheld.getAndSet(0);
                if (count > 0) {
                    LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-506: %d rejected request(s) or access "
                            + "denial(s) were not written here one by one (at most %d a second); event listeners and "
                            + "metrics saw each", count, REFUSALS_PER_SECOND));
                }
            }
            if (written.incrementAndGet() <= REFUSALS_PER_SECOND) {
                return true;
            }
            withheld.incrementAndGet();
            return false;
        }
    }

    static void log(ChatEvent event, Budget budget) {
        System.Logger.Level level = level(event);
        if (LOG.isLoggable(level) && (!refusal(event) || budget.admitted(System.nanoTime()))) {
            LOG.log(level, line(event));
        }
    }

    private static boolean refusal(ChatEvent event) {
        return event instanceof RequestRejected || event instanceof AccessDenied;
    }

    static System.Logger.Level level(ChatEvent event) {
        if (event instanceof RefreshReuseDetected) {
            return System.Logger.Level.WARNING;
        }
        if (event instanceof SessionRevoked || event instanceof AccessDenied || event instanceof RequestRejected
                && REFRESH_CODES.contains(((RequestRejected) event).code())) {
            return System.Logger.Level.INFO;
        }
        return System.Logger.Level.DEBUG;
    }

    /** @return {@code CHATSDK-5nn: event=Kind userId=… sessionId=… clientIp=… [details] reason="…"} */
    static String line(ChatEvent event) {
        StringBuilder line = new StringBuilder(160).append("CHATSDK-").append(code(event)).append(": event=")
                .append(event.kind());
        pair(line, "userId", event.userId());
        pair(line, "sessionId", event.sessionId());
        pair(line, "clientIp", event.clientIp());
        if (event instanceof TokenRefreshed) {
            pair(line, "retry", String.valueOf(((TokenRefreshed) event).retry()));
        } else if (event instanceof SessionRevoked) {
            pair(line, "cause", ((SessionRevoked) event).cause().name());
            pair(line, "sessions", String.valueOf(((SessionRevoked) event).sessions()));
        } else if (event instanceof RequestRejected) {
            pair(line, "endpoint", ((RequestRejected) event).endpoint());
            pair(line, "code", ((RequestRejected) event).code().name());
        }
        pair(line, "reason", event.reason());
        return line.toString();
    }

    private static int code(ChatEvent event) {
        if (event instanceof TokenIssued) {
            return 500;
        }
        if (event instanceof TokenRefreshed) {
            return 501;
        }
        if (event instanceof RefreshReuseDetected) {
            return 502;
        }
        if (event instanceof SessionRevoked) {
            return 503;
        }
        return event instanceof AccessDenied ? 504 : 505;
    }

    /** Appends {@code key=value}: {@code -} for none, quoted and escaped when it holds a space, quote, {@code =} or control character. */
    private static void pair(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=');
        if (value == null) {
            line.append('-');
            return;
        }
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < ' ' || c == 0x7f) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }
}
