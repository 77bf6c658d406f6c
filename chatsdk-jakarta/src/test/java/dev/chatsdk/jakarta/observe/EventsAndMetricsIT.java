package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.event.AccessDenied;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * A scripted sequence over real HTTP (embedded Jetty 12): issue, refresh, a retry within the grace, reuse after it,
 * logout, a 403 by role, a bad refresh token, a user-wide revocation and a missing API key; then the exact values of
 * a Micrometer {@code SimpleMeterRegistry} and the exact events a listener received. In remote mode, the calls to the
 * ChatSDK API are counted and timed by outcome.
 */
class EventsAndMetricsIT {
    private static final String LOOPBACK = "127.0.0.1";

    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<ChatNode> nodes = new ArrayList<>();

    private ChatNode start(ChatSdk sdk) throws Exception {
        ChatNode node = ChatNode.start(sdk);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        for (ChatNode node : nodes) {
            node.close();
        }
    }

    private JsonNode keep(JsonNode body) {
        Stream.of("accessToken", "refreshToken", "wsToken").forEach(field -> tokens.add(body.get(field).asText()));
        return body;
    }

    private static String sid(JsonNode body) {
        return JWT.decode(body.get("accessToken").asText()).getClaim("sid").asString();
    }

    private static String code(Http.Reply reply) {
        return reply.json().get("error").get("code").asText();
    }

    private double count(String name, String... tags) {
        // get, not find: a counter that was never registered fails here instead of reading 0
        return registry.get(name).tags(tags).counter().count();
    }

    private long timed(String endpoint, int status) {
        return registry.get("chatsdk.requests").tags("endpoint", endpoint, "status", String.valueOf(status)).timer().count();
    }

    @Test
    void countsAndReportsEveryStepOfAScriptedSequence() throws Exception {
        ChatNode node = start(ChatSdk.builder().config(test.builder().build()).clock(clock).meterRegistry(registry)
                .eventListener(events::add).build());
        Instant start = clock.instant();
        JsonNode login = keep(node.loginAlice());
        String first = login.get("refreshToken").asText();
        assertThat(node.refresh(first).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        keep(node.refresh(first).json());
        clock.advance(Duration.ofSeconds(31));
        assertThat(code(node.refresh(first))).isEqualTo("REFRESH_TOKEN_REUSED");
        JsonNode second = keep(node.loginAlice());
        Http.Reply logout = node.http().call("POST", "/chatsdk/auth/logout")
                .header("Authorization", "Bearer " + second.get("refreshToken").asText()).send();
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        assertThat(code(node.http().call("POST", "/api/chat/token").as(TestUsers.BOB, TestUsers.BOB_PASSWORD).send()))
                .isEqualTo("NO_CHAT_ACCESS");
        assertThat(code(node.refresh("not.a.jwt"))).isEqualTo("INVALID_REFRESH_TOKEN");
        JsonNode third = keep(node.loginAlice());
        Http.Reply revoked = node.http().call("POST", "/chatsdk/api/users/alice/revoke-tokens")
                .header("X-API-Key", test.apiKey).send();
        assertThat(revoked.json().get("revokedSessions").asInt()).isEqualTo(1);
        assertThat(code(node.http().call("POST", "/chatsdk/api/users/alice/revoke-tokens").send()))
                .isEqualTo("MISSING_API_KEY");

        assertMetrics();
        Instant later = start.plusSeconds(41);
        assertThat(events).extracting(ChatEvent::toString).containsExactly(
                "TokenIssued[time=" + start + ", userId=alice, sessionId=" + sid(login)
                        + ", clientIp=127.0.0.1, reason=Issued at the token endpoint to the logged-in user.]",
                "TokenRefreshed[time=" + start + ", userId=alice, sessionId=" + sid(login)
                        + ", clientIp=127.0.0.1, retry=false, reason=The refresh token was rotated.]",
                "TokenRefreshed[time=" + start.plusSeconds(10) + ", userId=alice, sessionId=" + sid(login)
                        + ", clientIp=127.0.0.1, retry=true, reason=A spent refresh token came back within the "
                        + "rotation grace: taken as a retry.]",
                "RefreshReuseDetected[time=" + later + ", userId=alice, sessionId=" + sid(login)
                        + ", clientIp=127.0.0.1, reason=A spent refresh token came back after the rotation grace.]",
                "SessionRevoked[time=" + later + ", userId=alice, sessionId=" + sid(login) + ", clientIp=127.0.0.1, "
                        + "cause=REUSE, sessions=1, reason=The session was revoked because a spent refresh token "
                        + "was replayed.]",
                "RequestRejected[time=" + later + ", userId=null, sessionId=null, clientIp=127.0.0.1, "
                        + "endpoint=refresh, code=REFRESH_TOKEN_REUSED, reason=This refresh token was already used; "
                        + "its session is now revoked.]",
                "TokenIssued[time=" + later + ", userId=alice, sessionId=" + sid(second)
                        + ", clientIp=127.0.0.1, reason=Issued at the token endpoint to the logged-in user.]",
                "SessionRevoked[time=" + later + ", userId=alice, sessionId=" + sid(second) + ", clientIp=127.0.0.1, "
                        + "cause=LOGOUT, sessions=1, reason=Logged out with the session's refresh token.]",
                "AccessDenied[time=" + later + ", userId=bob, sessionId=null, clientIp=127.0.0.1, endpoint=token, "
                        + "code=NO_CHAT_ACCESS, reason=User 'bob' has none of the roles allowed to chat.]",
                "RequestRejected[time=" + later + ", userId=null, sessionId=null, clientIp=127.0.0.1, "
                        + "endpoint=refresh, code=INVALID_REFRESH_TOKEN, reason=The refresh token is not valid: it "
                        + "is not a well-formed JWT.]",
                "TokenIssued[time=" + later + ", userId=alice, sessionId=" + sid(third)
                        + ", clientIp=127.0.0.1, reason=Issued at the token endpoint to the logged-in user.]",
                "SessionRevoked[time=" + later + ", userId=alice, sessionId=null, clientIp=127.0.0.1, cause=USER, "
                        + "sessions=1, reason=Every session of the user was revoked.]",
                "AccessDenied[time=" + later + ", userId=null, sessionId=null, clientIp=127.0.0.1, "
                        + "endpoint=revoke-user, code=MISSING_API_KEY, reason=The X-API-Key header is missing.]");
        assertThat(events).extracting(ChatEvent::getClass).containsExactly(TokenIssued.class, TokenRefreshed.class,
                TokenRefreshed.class, RefreshReuseDetected.class, SessionRevoked.class, RequestRejected.class,
                TokenIssued.class, SessionRevoked.class, AccessDenied.class, RequestRejected.class,
                TokenIssued.class, SessionRevoked.class, AccessDenied.class);
        assertThat(events).extracting(ChatEvent::clientIp).containsOnly(LOOPBACK);
        assertNoSecretIn(events, test.apiKey, test.secret, test.wsSecret);
    }

    private void assertMetrics() {
        assertThat(count("chatsdk.tokens.issued")).isEqualTo(3);
        assertThat(count("chatsdk.tokens.refreshed")).isEqualTo(2);
        assertThat(count("chatsdk.tokens.refresh.retried")).isEqualTo(1);
        assertThat(count("chatsdk.tokens.reuse.detected")).isEqualTo(1);
        assertThat(count("chatsdk.sessions.revoked", "cause", "reuse")).isEqualTo(1);
        assertThat(count("chatsdk.sessions.revoked", "cause", "logout")).isEqualTo(1);
        assertThat(count("chatsdk.sessions.revoked", "cause", "user")).isEqualTo(1);
        assertThat(registry.get("chatsdk.requests.rejected").counters()).hasSize(4);
        for (ErrorCode code : Set.of(ErrorCode.REFRESH_TOKEN_REUSED, ErrorCode.NO_CHAT_ACCESS,
                ErrorCode.INVALID_REFRESH_TOKEN, ErrorCode.MISSING_API_KEY)) {
            assertThat(count("chatsdk.requests.rejected", "code", code.name())).as(code.name()).isEqualTo(1);
        }
        assertThat(timed("token", 200)).isEqualTo(3);
        assertThat(timed("token", 403)).isEqualTo(1);
        assertThat(timed("refresh", 200)).isEqualTo(2);
        assertThat(timed("refresh", 401)).isEqualTo(2);
        assertThat(timed("logout", 200)).isEqualTo(1);
        assertThat(timed("revoke-user", 200)).isEqualTo(1);
        assertThat(timed("revoke-user", 401)).isEqualTo(1);
        assertThat(registry.get("chatsdk.requests").timers()).hasSize(7);
        assertThat(registry.find("chatsdk.upstream.calls").counters()).isEmpty();
    }

    /** No token, secret or key in any field of any event, nor in its string form. */
    private void assertNoSecretIn(List<ChatEvent> seen, String... secrets) {
        List<String> forbidden = new ArrayList<>(tokens);
        forbidden.addAll(Arrays.asList(secrets));
        assertThat(tokens).isNotEmpty().allMatch(token -> token.startsWith("eyJ"));
        for (ChatEvent event : seen) {
            String text = event.toString();
            assertThat(text).doesNotContain("eyJ");
            for (String field : Arrays.asList(event.userId(), event.sessionId(), event.clientIp(), event.reason(), text)) {
                for (String secret : forbidden) {
                    assertThat(String.valueOf(field)).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void countsAndTimesTheCallsToTheChatSdkApiByOutcome() throws Exception {
        TestConfig upstreamConfig = new TestConfig();
        ChatNode upstream = start(ChatSdk.create(upstreamConfig.builder().build()));
        ChatNode app = start(ChatSdk.builder().config(ChatSdkConfig.builder()
                .set(RemoteConfig.API_URL, upstream.http().baseUrl() + "/chatsdk")
                .set(RemoteConfig.API_KEY, upstreamConfig.apiKey)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE))).build())
                .meterRegistry(registry).eventListener(events::add).build());
        JsonNode login = keep(app.loginAlice());
        // JWT-shaped, so it is relayed (anything else is refused before the API sees it) and the API rejects it
        assertThat(code(app.refresh("bm90.YW4.and0"))).isEqualTo("INVALID_REFRESH_TOKEN");
        keep(app.refresh(login.get("refreshToken").asText()).json());

        assertThat(count("chatsdk.upstream.calls", "outcome", "ok")).isEqualTo(2);
        assertThat(count("chatsdk.upstream.calls", "outcome", "rejected")).isEqualTo(1);
        assertThat(registry.get("chatsdk.upstream.latency").tag("outcome", "ok").timer().count()).isEqualTo(2);
        assertThat(registry.get("chatsdk.upstream.latency").tag("outcome", "rejected").timer().count()).isEqualTo(1);
        assertThat(count("chatsdk.tokens.issued")).isEqualTo(1);
        assertThat(count("chatsdk.tokens.refreshed")).isEqualTo(1);
        assertThat(events).extracting(ChatEvent::kind).containsExactly("TokenIssued", "RequestRejected",
                "TokenRefreshed");
        assertThat(((RequestRejected) events.get(1)).code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(events.get(0).sessionId()).isEqualTo(sid(login));
        assertNoSecretIn(events.subList(0, 3), upstreamConfig.apiKey);
    }
}
