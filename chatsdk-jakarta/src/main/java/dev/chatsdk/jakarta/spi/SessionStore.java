package dev.chatsdk.jakarta.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.chatsdk.jakarta.ChatSdkException;

/**
 * Keeps sessions and the refresh tokens each one has issued, by the SHA-256 of the token's
 * {@code jti} only: never a token. Selected by {@code chatsdk.session.store} ({@code memory} or
 * {@code jdbc}) or given in code.
 *
 * <p>All times come from the caller's clock. Implementations must be thread-safe, and a cluster-safe
 * implementation must make {@link #rotate} atomic across every node that shares it: of concurrent
 * rotations of one current token, exactly one may see {@link Rotation.Outcome#ROTATED}, and a rotation must
 * retire the session's other current tokens atomically with it (see {@link Rotation.Outcome#ROTATED}). Every method
 * throws {@link ChatSdkException} with {@code STORE_UNAVAILABLE} when the store cannot be reached,
 * and then has changed nothing.
 *
 * <p><b>Lifecycle.</b> A store the module made (the one {@code chatsdk.session.store} selects) is closed by
 * {@code ChatSdk.close()}, after the issuer. A store given to {@code ChatSdk.builder().sessionStore(…)} belongs to
 * the application, which closes it when it no longer needs it: the module never closes it.
 *
 * @since 0.1
 */
public interface SessionStore extends AutoCloseable {
    /**
     * Records a new session and its first refresh token.
     *
     * @param session      the session
     * @param firstJtiHash SHA-256 (hex) of the first refresh token's {@code jti}
     */
    void create(ChatSession session, String firstJtiHash);

    /**
     * Spends a refresh token and records the next, atomically, following the rules of
     * {@link Rotation.Outcome}.
     *
     * @param sessionId     the token's {@code sid}
     * @param presentedHash SHA-256 (hex) of the presented token's {@code jti}
     * @param nextHash      SHA-256 (hex) of the next token's {@code jti}
     * @param now           the caller's clock reading
     * @param grace         how long a spent token still counts as a retry; zero: never
     * @return what happened, with the session
     */
    Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace);

    /**
     * {@link #rotate(String, String, String, Instant, Duration)} of a token that names its user: the module calls
     * this one. A session of another user is {@link Rotation.Outcome#UNKNOWN}, and then nothing changes: a token
     * naming someone else neither spends nor revokes the session.
     *
     * <p>The default reads the session with {@link #find} and then rotates: two steps, which is enough because a
     * session's user never changes. A store whose {@code find} costs a round trip overrides this to check the user in
     * the rotation's own step (the JDBC store's rotation statement matches the user too).
     *
     * @param sessionId     the token's {@code sid}
     * @param userId        the token's {@code user_id}
     * @param presentedHash SHA-256 (hex) of the presented token's {@code jti}
     * @param nextHash      SHA-256 (hex) of the next token's {@code jti}
     * @param now           the caller's clock reading
     * @param grace         how long a spent token still counts as a retry; zero: never
     * @return what happened, with the session
     * @since 0.4
     */
    default Rotation rotate(String sessionId, String userId, String presentedHash, String nextHash, Instant now,
            Duration grace) {
        Optional<ChatSession> session = find(sessionId);
        if (session.isPresent() && !session.get().user().id().equals(userId)) {
            return new Rotation(Rotation.Outcome.UNKNOWN, null);
        }
        return rotate(sessionId, presentedHash, nextHash, now, grace);
    }

    /**
     * Revokes one session.
     *
     * @param sessionId the session to revoke
     * @param now       the caller's clock reading
     * @return whether the session was revoked now ({@code false} when it is unknown or was revoked before)
     * @since 0.2
     */
    boolean revokeSession(String sessionId, Instant now);

    /**
     * Revokes every session of a user.
     *
     * @param userId the user whose every session to revoke
     * @param now    the caller's clock reading
     * @return how many sessions were revoked now (not counting those revoked before)
     * @since 0.2
     */
    int revokeUser(String userId, Instant now);

    /**
     * @param sessionId the session id
     * @return the session, revoked or not, unless it is unknown or was purged after its end
     */
    Optional<ChatSession> find(String sessionId);

    /**
     * Reports whether the store can be used, for readiness probes: for example a database ping that touches no
     * table. Called on a thread of its own, at most once at a time; the module waits for it at most {@code timeout}
     * and reports the store DOWN past it.
     *
     * @param timeout the longest the check should take
     * @return the report, with keys starting with {@code sessionStore}; the default is UP, not checked, with the
     *         store's class name under {@code sessionStore}
     * @since 0.2
     */
    default Health health(Duration timeout) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionStore", getClass().getName());
        details.put("sessionStore.checked", false);
        return Health.up(details);
    }

    /**
     * Registers who is told about sessions this store ends by itself to make room (a capacity limit), so that the
     * module reports them as events and metrics. A store that never drops live sessions ignores it (the default).
     *
     * @param listener told about each evicted session; replaces the previous one
     * @since 0.2
     */
    default void onEviction(EvictionListener listener) {
    }

    /** Told about each live session a store ended by itself to make room. */
    @FunctionalInterface
    interface EvictionListener {
        /**
         * @param session the evicted session, now revoked
         * @param perUser {@code true}: its user reached the per-user limit; {@code false}: the store was full
         */
        void evicted(ChatSession session, boolean perUser);
    }

    /**
     * Releases what this store opened itself: for example the connections it opened from a JDBC URL, never those of
     * a DataSource the container manages. Called once by {@code ChatSdk.close()} for a store the module made; must
     * be idempotent. After it, operations may fail with {@code STORE_UNAVAILABLE}. The default does nothing.
     *
     * @since 0.3
     */
    @Override
    default void close() {
    }
}
