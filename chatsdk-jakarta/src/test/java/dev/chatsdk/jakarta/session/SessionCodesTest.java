package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.spi.ChatSession;

/** The session store codes no other test asserts, without a database. */
class SessionCodesTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private static ChatSession create(InMemorySessionStore store, String user, Instant at) {
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), ChatUser.of(user), at,
                at.plus(Duration.ofDays(30)), null);
        store.create(session, SessionStoreContract.hash());
        return session;
    }

    @Test
    void aFailingEvictionListenerIs311AndTheEvictionGoesOn() {
        InMemorySessionStore store = new InMemorySessionStore(1);
        store.onEviction((session, perUser) -> {
            throw new IllegalStateException("the listener broke");
        });
        ChatSession first = create(store, "u", T0);
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.session")) {
            ChatSession second = create(store, "v", T0.plusSeconds(1));

            assertThat(logs.lines()).contains("CHATSDK-311: the eviction listener failed "
                    + "java.lang.IllegalStateException: the listener broke");
            assertThat(store.find(first.id()).orElseThrow().revokedAt()).isPresent();
            assertThat(store.find(second.id()).orElseThrow().revokedAt()).isEmpty();
        }
    }
}
