package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * The memory store's limits over real HTTP (embedded Jetty 12): a full store, or a user at the per-user limit,
 * still admits every login by evicting the least recently used session (metric, event); a logout frees its place
 * at once.
 */
class MemoryStoreCapacityIT {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private ChatNode node;

    private ChatNode start(ChatSdkConfig.Builder config) throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(config
                .set(SessionConfig.STORE, SessionStoreType.MEMORY).build()).clock(clock)
                .meterRegistry(registry).eventListener(events::add).build());
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private double evictedCount() {
        // get, not find: a counter that was never registered fails here instead of reading 0
        return registry.get("chatsdk.sessions.revoked").tags("cause", "evicted").counter().count();
    }

    private List<SessionRevoked> evictions() {
        List<SessionRevoked> found = new ArrayList<>();
        for (ChatEvent e : events) {
            if (e instanceof SessionRevoked && ((SessionRevoked) e).cause() == SessionRevoked.Cause.EVICTED) {
                found.add((SessionRevoked) e);
            }
        }
        return found;
    }

    private Http.Reply issue(String userId) {
        return node.http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", test.apiKey)
                .json("{\"userId\":\"" + userId + "\"}").send();
    }

    private static String sid(JsonNode tokens) {
        return JWT.decode(tokens.get("accessToken").asText()).getClaim("sid").asString();
    }

    private static String code(Http.Reply reply) {
        return reply.status() == 200 ? "200" : reply.status() + " " + reply.json().get("error").get("code").asText();
    }

    @Test
    void aStoreOfTwentyFilledByOneUserStillGivesTheNextUserATokenByEvictingTheLeastRecentlyUsedSession()
            throws Exception {
        start(test.builder().set(SessionConfig.Memory.MAX_SESSIONS, 20));
        List<JsonNode> alices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alices.add(node.loginAlice());
            clock.advance(Duration.ofSeconds(1));
        }
        // the first session is refreshed: the second is now the least recently used
        String firstRefreshed = node.refresh(alices.get(0).get("refreshToken").asText()).json().get("refreshToken")
                .asText();
        clock.advance(Duration.ofSeconds(1));

        Http.Reply carol = issue("carol");

        assertThat(code(carol)).isEqualTo("200");
        assertThat(code(node.refresh(alices.get(1).get("refreshToken").asText()))).isEqualTo("401 SESSION_REVOKED");
        assertThat(code(node.refresh(firstRefreshed))).isEqualTo("200");
        assertThat(code(node.refresh(alices.get(19).get("refreshToken").asText()))).isEqualTo("200");
        assertThat(code(node.refresh(carol.json().get("refreshToken").asText()))).isEqualTo("200");
        assertThat(evictedCount()).isEqualTo(1);
        assertThat(evictions()).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo("alice");
            assertThat(e.sessionId()).isEqualTo(sid(alices.get(1)));
            assertThat(e.clientIp()).isNull();
            assertThat(e.sessions()).isEqualTo(1);
        });
    }

    @Test
    void evictsTheUsersLeastRecentlyUsedSessionAtTheLimitPerUser() throws Exception {
        start(test.builder().set(SessionConfig.MAX_PER_USER, 2));
        JsonNode first = node.loginAlice();
        clock.advance(Duration.ofSeconds(1));
        JsonNode second = node.loginAlice();
        clock.advance(Duration.ofSeconds(1));
        assertThat(code(issue("carol"))).isEqualTo("200");

        JsonNode third = node.loginAlice();

        assertThat(code(node.refresh(first.get("refreshToken").asText()))).isEqualTo("401 SESSION_REVOKED");
        assertThat(code(node.refresh(second.get("refreshToken").asText()))).isEqualTo("200");
        assertThat(code(node.refresh(third.get("refreshToken").asText()))).isEqualTo("200");
        assertThat(evictedCount()).isEqualTo(1);
        assertThat(evictions()).singleElement().satisfies(e -> assertThat(e.sessionId()).isEqualTo(sid(first)));
    }

    @Test
    void freesTheSessionsPlaceAtLogoutAtOnce() throws Exception {
        start(test.builder().set(SessionConfig.Memory.MAX_SESSIONS, 2));
        JsonNode loggedOut = node.loginAlice();
        JsonNode kept = node.loginAlice();
        assertThat(node.http().call("POST", "/chatsdk/auth/logout")
                .header("Authorization", "Bearer " + loggedOut.get("refreshToken").asText()).send().json()
                .get("revoked").asBoolean()).isTrue();

        assertThat(code(issue("carol"))).isEqualTo("200");

        assertThat(code(node.refresh(kept.get("refreshToken").asText()))).isEqualTo("200");
        assertThat(code(node.refresh(loggedOut.get("refreshToken").asText()))).isEqualTo("401 SESSION_REVOKED");
        // the logout moved the revoked counter under its own cause; no series counts an eviction
        assertThat(registry.get("chatsdk.sessions.revoked").tags("cause", "logout").counter().count()).isEqualTo(1);
        assertThat(registry.find("chatsdk.sessions.revoked").tags("cause", "evicted").counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(evictions()).isEmpty();
    }
}
