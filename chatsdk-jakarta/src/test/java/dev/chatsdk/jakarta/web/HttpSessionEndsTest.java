package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionEndRevokes;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.custom.MapSessionStore;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.web.HttpSessionEnds.Ending;
import dev.chatsdk.testsupport.LogCapture;

/** What the end of an HTTP session revokes, per configuration and issuer, without a container. */
class HttpSessionEndsTest {
    private final TestConfig test = new TestConfig();
    private final MapSessionStore store = new MapSessionStore();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();

    private ChatSdk sdk(SessionEndRevokes logout, SessionEndRevokes expiry) {
        return ChatSdk.builder().config(test.builder().set(WebConfig.LOGOUT_ENDS, logout).set(WebConfig.EXPIRY_ENDS, expiry)
                .build()).sessionStore(store).eventListener(events::add).build();
    }

    private static ChatTokens issue(ChatSdk sdk, String user) {
        return sdk.issue(ChatUser.builder(user).build());
    }

    private boolean revoked(ChatTokens tokens) {
        return store.find(tokens.sessionId()).orElseThrow().revokedAt().isPresent();
    }

    private List<SessionRevoked> revocations() {
        return events.stream().filter(SessionRevoked.class::isInstance).map(SessionRevoked.class::cast).toList();
    }

    @Test
    void aLogoutRevokesTheChatSessionsOfThatLoginOnlyByDefault() {
        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE);
        ChatTokens first = issue(sdk, "alice");
        ChatTokens elsewhere = issue(sdk, "alice");
        ChatTokens second = issue(sdk, "alice");
        LoginChatSessions login = LoginChatSessions.with(LoginChatSessions.with(null, "alice", first.sessionId()), "alice",
                second.sessionId());
        HttpSessionEnds ends = new HttpSessionEnds(sdk);

        assertThat(ends.records()).isTrue();
        assertThat(ends.startupWarning()).isEmpty();
        ends.ended(login, Ending.EXPIRY);
        ends.ended(login, Ending.OTHER);
        assertThat(revoked(first) || revoked(second)).isFalse();

        ends.ended(login, Ending.LOGOUT);
        assertThat(revoked(first)).isTrue();
        assertThat(revoked(second)).isTrue();
        assertThat(revoked(elsewhere)).isFalse();
        assertThat(revocations()).extracting(SessionRevoked::cause, SessionRevoked::sessionId, SessionRevoked::userId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SessionRevoked.Cause.APP_LOGOUT, first.sessionId(), "alice"),
                        org.assertj.core.groups.Tuple.tuple(SessionRevoked.Cause.APP_LOGOUT, second.sessionId(), "alice"));
        assertThat(revocations().get(0).reason()).contains("chatsdk.web.logout-ends");

        ends.ended(login, Ending.LOGOUT);
        assertThat(revocations()).hasSize(2);
    }

    @Test
    void anExpiryRevokesWhenConfiguredAndUserRevokesEverySessionOfTheUser() {
        ChatSdk sdk = sdk(SessionEndRevokes.NONE, SessionEndRevokes.USER);
        ChatTokens login = issue(sdk, "alice");
        ChatTokens elsewhere = issue(sdk, "alice");
        ChatTokens bob = issue(sdk, "bob");
        HttpSessionEnds ends = new HttpSessionEnds(sdk);

        ends.ended(LoginChatSessions.with(null, "alice", login.sessionId()), Ending.LOGOUT);
        assertThat(revoked(login)).isFalse();

        ends.ended(LoginChatSessions.with(null, "alice", login.sessionId()), Ending.EXPIRY);
        assertThat(revoked(login)).isTrue();
        assertThat(revoked(elsewhere)).isTrue();
        assertThat(revoked(bob)).isFalse();
        assertThat(revocations()).singleElement().satisfies(e -> {
            assertThat(e.cause()).isEqualTo(SessionRevoked.Cause.APP_SESSION_EXPIRED);
            assertThat(e.sessionId()).isNull();
            assertThat(e.sessions()).isEqualTo(2);
            assertThat(e.reason()).contains("expired");
        });
    }

    @Test
    void nothingIsRecordedWhenNothingIsRevoked() {
        assertThat(new HttpSessionEnds(sdk(SessionEndRevokes.NONE, SessionEndRevokes.NONE)).records()).isFalse();
    }

    @Test
    void aStoreThatIsDownIsLoggedAs220AndNeverThrown() {
        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE);
        ChatTokens tokens = issue(sdk, "alice");
        store.down(true);
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.web")) {
            new HttpSessionEnds(sdk).ended(LoginChatSessions.with(null, "alice", tokens.sessionId()), Ending.LOGOUT);

            assertThat(logs.lines()).containsExactly("CHATSDK-220: the end by the application (logout) of an HTTP session "
                    + "could not revoke the 1 chat session(s) started in it (STORE_UNAVAILABLE, users [alice], per "
                    + "chatsdk.web.logout-ends=sessions): they stay valid until they expire");
        }
        store.down(false);
        assertThat(revoked(tokens)).isFalse();
    }

    @Test
    void theRemoteIssuerCannotEndOneSessionAndSaysSoAtStartUp115() {
        ChatSdk remote = MpConfigured.sdk(MpConfigured.properties(test, "chatsdk.issuer", "remote",
                "chatsdk.api-url", "http://127.0.0.1:9", "chatsdk.remote.api-key", test.apiKey, "chatsdk.web.api-keys", null));
        try {
            HttpSessionEnds ends = new HttpSessionEnds(remote);

            assertThat(ends.records()).isFalse();
            assertThat(ends.startupWarning()).hasValue("CHATSDK-115: chatsdk.web.logout-ends=sessions asks to revoke the "
                    + "chat sessions of an ended HTTP session, but the remote issuer cannot end one chat session by its id "
                    + "(the ChatSDK API has no per-session revocation): they stay valid until their refresh tokens expire; "
                    + "set chatsdk.web.logout-ends=user to revoke every chat session of the user (on every device, too) "
                    + "instead, or chatsdk.web.logout-ends=none to say that nothing is intended");
        } finally {
            remote.close();
        }
    }

    @Test
    void withUserTheRemoteIssuerRecordsAndWarnsNothing() {
        ChatSdk remote = MpConfigured.sdk(MpConfigured.properties(test, "chatsdk.issuer", "remote",
                "chatsdk.api-url", "http://127.0.0.1:9", "chatsdk.remote.api-key", test.apiKey, "chatsdk.web.api-keys", null,
                "chatsdk.web.logout-ends", "user"));
        try {
            HttpSessionEnds ends = new HttpSessionEnds(remote);

            assertThat(ends.records()).isTrue();
            assertThat(ends.startupWarning()).isEmpty();
        } finally {
            remote.close();
        }
    }

    @Test
    void withoutASessionIdOnlyUserRecordsAndSessionsNeverRevokesTheStandIn() {
        HttpSessionEnds byUser = new HttpSessionEnds(sdk(SessionEndRevokes.USER, SessionEndRevokes.NONE));
        HttpSessionEnds bySessions = new HttpSessionEnds(sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE));
        HttpSessionEnds none = new HttpSessionEnds(sdk(SessionEndRevokes.NONE, SessionEndRevokes.NONE));

        assertThat(byUser.recordedId("s-1", "alice")).isEqualTo("s-1");
        assertThat(byUser.recordedId(null, "alice")).isEqualTo("user-only:alice");
        assertThat(bySessions.recordedId(null, "alice")).isNull();
        assertThat(bySessions.recordedId("s-1", "alice")).isEqualTo("s-1");
        assertThat(none.recordedId("s-1", "alice")).isNull();

        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.USER);
        ChatTokens tokens = issue(sdk, "alice");
        LoginChatSessions login = LoginChatSessions.with(null, "alice", "user-only:alice");
        new HttpSessionEnds(sdk).ended(login, Ending.LOGOUT);
        assertThat(revoked(tokens)).isFalse();
        new HttpSessionEnds(sdk).ended(login, Ending.EXPIRY);
        assertThat(revoked(tokens)).isTrue();
    }

    @Test
    void anHttpSessionRemembersAtMostAHundredChatSessionsTheNewestKept() {
        LoginChatSessions login = null;
        for (int i = 0; i < LoginChatSessions.MAX_SESSIONS + 5; i++) {
            login = LoginChatSessions.with(login, "alice", "s" + i);
        }
        assertThat(login.sessions()).hasSize(LoginChatSessions.MAX_SESSIONS).containsKey("s104").doesNotContainKey("s4")
                .containsKey("s5");
        assertThat(login).hasToString("LoginChatSessions[100]");
    }

    @Test
    void aChatSessionRecordedInAnHttpSessionThatEndedMeanwhileIsRevokedAndNotHandedOut() {
        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE);
        HttpSessionEnds ends = new HttpSessionEnds(sdk);
        ChatTokens raced = issue(sdk, "alice");
        ChatTokens late = issue(sdk, "alice");
        ChatTokens calm = issue(sdk, "alice");

        // the logout's listener marked the HTTP session before reading it, the token request recorded into it after
        ends.markEnded("http-1", Ending.LOGOUT);
        assertThat(ends.settle(HttpSessionEnds.Recorded.in("http-1", java.util.Map.of()), "alice", raced.sessionId())).isTrue();
        // the HTTP session was invalid already when the token request tried to record
        assertThat(ends.settle(HttpSessionEnds.Recorded.INVALIDATED, "alice", late.sessionId())).isTrue();
        // another HTTP session, not ended
        assertThat(ends.settle(HttpSessionEnds.Recorded.in("http-2", java.util.Map.of()), "alice", calm.sessionId())).isFalse();

        assertThat(revoked(raced)).isTrue();
        assertThat(revoked(late)).isTrue();
        assertThat(revoked(calm)).isFalse();
    }

    @Test
    void onlyAnEndThatRevokesIsRemembered() {
        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE);
        HttpSessionEnds ends = new HttpSessionEnds(sdk);
        ChatTokens tokens = issue(sdk, "alice");

        ends.markEnded("expired", Ending.EXPIRY);
        ends.markEnded("stopped", Ending.OTHER);

        assertThat(ends.settle(HttpSessionEnds.Recorded.in("expired", java.util.Map.of()), "alice", tokens.sessionId())).isFalse();
        assertThat(ends.settle(HttpSessionEnds.Recorded.in("stopped", java.util.Map.of()), "alice", tokens.sessionId())).isFalse();
        assertThat(ends.settle(HttpSessionEnds.Recorded.NONE, "alice", tokens.sessionId())).isFalse();
        assertThat(revoked(tokens)).isFalse();
    }

    @Test
    void theChatSessionAFullHttpSessionDropsIsRevokedWhenLogoutEndsSessions() {
        ChatSdk sdk = sdk(SessionEndRevokes.SESSIONS, SessionEndRevokes.NONE);
        HttpSessionEnds ends = new HttpSessionEnds(sdk);
        ChatTokens oldest = issue(sdk, "alice");
        LoginChatSessions full = LoginChatSessions.with(null, "alice", oldest.sessionId());
        for (int i = 1; i < LoginChatSessions.MAX_SESSIONS; i++) {
            full = LoginChatSessions.with(full, "alice", "other-" + i);
        }
        ChatTokens newest = issue(sdk, "alice");
        LoginChatSessions next = LoginChatSessions.with(full, "alice", newest.sessionId());

        assertThat(next.droppedFrom(full)).containsOnlyKeys(oldest.sessionId());
        assertThat(ends.settle(HttpSessionEnds.Recorded.in("http-1", next.droppedFrom(full)), "alice", newest.sessionId()))
                .isFalse();
        assertThat(revoked(oldest)).isTrue();
        assertThat(revoked(newest)).isFalse();
    }
}
