package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/** Two stores on one database, as two nodes of a cluster: each call goes to the other node than the last. */
final class TwoNodes implements SessionStore {
    private final SessionStore a;
    private final SessionStore b;
    private final AtomicInteger calls = new AtomicInteger();

    /** Closes both nodes. */
    @Override
    public void close() {
        a.close();
        b.close();
    }

    TwoNodes(SessionStore a, SessionStore b) {
        this.a = a;
        this.b = b;
    }

    private SessionStore next() {
        return (calls.getAndIncrement() & 1) == 0 ? a : b;
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        next().create(session, firstJtiHash);
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        return next().rotate(sessionId, presentedHash, nextHash, now, grace);
    }

    @Override
    public Rotation rotate(String sessionId, String userId, String presentedHash, String nextHash, Instant now,
            Duration grace) {
        return next().rotate(sessionId, userId, presentedHash, nextHash, now, grace);
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        return next().revokeSession(sessionId, now);
    }

    @Override
    public int revokeUser(String userId, Instant now) {
        return next().revokeUser(userId, now);
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        return next().find(sessionId);
    }
}
