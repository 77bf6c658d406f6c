package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * A store that implements only the methods {@link SessionStore} requires, each by delegation: every default method of
 * the SPI (the rotation with a user, {@code close}, {@code health}) runs as it runs for a store written against the SPI
 * alone.
 */
public class RequiredMethodsOnly implements SessionStore {
    private final SessionStore delegate;

    public RequiredMethodsOnly(SessionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(ChatSession session, String firstJtiHash) {
        delegate.create(session, firstJtiHash);
    }

    @Override
    public Rotation rotate(String sessionId, String presentedHash, String nextHash, Instant now, Duration grace) {
        return delegate.rotate(sessionId, presentedHash, nextHash, now, grace);
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        return delegate.revokeSession(sessionId, now);
    }

    @Override
    public int revokeUser(String userId, Instant now) {
        return delegate.revokeUser(userId, now);
    }

    @Override
    public Optional<ChatSession> find(String sessionId) {
        return delegate.find(sessionId);
    }
}
