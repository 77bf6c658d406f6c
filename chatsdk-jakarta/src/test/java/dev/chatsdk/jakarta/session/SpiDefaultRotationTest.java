package dev.chatsdk.jakarta.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * The contract on a store written before {@link SessionStore} matched the token's user in the rotation: it implements
 * only the rotation without a user, so the SPI's default (read the session, then rotate) does the matching.
 */
class SpiDefaultRotationTest extends SessionStoreContract {
    private final SessionStore store = new WithoutUserMatching(new InMemorySessionStore(1000));

    @Override
    protected SessionStore store() {
        return store;
    }

    /** Everything but the rotation with a user, delegated. */
    private static final class WithoutUserMatching implements SessionStore {
        private final SessionStore delegate;

        WithoutUserMatching(SessionStore delegate) {
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
}
