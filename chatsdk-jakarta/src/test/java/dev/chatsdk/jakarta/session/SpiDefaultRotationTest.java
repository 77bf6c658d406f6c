package dev.chatsdk.jakarta.session;

import dev.chatsdk.jakarta.spi.SessionStore;

/**
 * The contract on a store written before {@link SessionStore} matched the token's user in the rotation: it implements
 * only the rotation without a user, so the SPI's default (read the session, then rotate) does the matching.
 */
class SpiDefaultRotationTest extends SessionStoreContract {
    private final SessionStore store = new RequiredMethodsOnly(new InMemorySessionStore(1000));

    @Override
    protected SessionStore store() {
        return store;
    }
}
