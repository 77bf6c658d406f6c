package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.SessionStore;

class InMemorySessionStoreTest extends SessionStoreContract {
    private final InMemorySessionStore store = new InMemorySessionStore(1000);

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void refusesNewSessionsWhenFullOfLiveOnes() {
        InMemorySessionStore small = new InMemorySessionStore(2);
        small.create(session(T0), hash());
        small.create(session(T0), hash());

        assertThatThrownBy(() -> small.create(session(T0.plusSeconds(1)), hash()))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .hasMessage("The in-memory session store is full (2 sessions); try again later.");
    }

    @Test
    void makesRoomBySweepingEndedSessions() {
        InMemorySessionStore small = new InMemorySessionStore(2);
        small.create(session(T0), hash());
        small.create(session(T0), hash());

        small.create(session(T0.plus(Duration.ofDays(31))), hash());

        assertThat(small.size()).isEqualTo(1);
    }

    private static ChatSession session(java.time.Instant at) {
        return new ChatSession(UUID.randomUUID().toString(), ChatUser.of("u"), at, at.plus(Duration.ofDays(30)), null);
    }
}
