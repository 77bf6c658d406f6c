package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.CentrifugoConfig;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * What an attack review broke in remote mode, over HTTP: a refresh token that is no JWT (a trailing newline, CR
 * LF, a control character, a space, 8 KiB and more) is answered 401 without reaching the API, the log or the
 * breaker; and the credentials in the userinfo of {@code chatsdk.api-url} are printed nowhere.
 */
class RemoteTrustIT {
    private static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private static final String PASSWORD = "s3cr3t";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real refresh token, as the API would have issued it. */
    private static final String REFRESH = JWT.create().withClaim("sid", "s-up").withClaim("type", "refresh")
            .withClaim("nonce", TestConfig.randomSecret()).sign(Algorithm.HMAC256(TestConfig.randomSecret()));
    /** The API's answer to a login: other tokens than {@link #REFRESH}, which the test only ever sends. */
    private static final String CONNECT = String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\","
            + "\"expiresIn\":900,\"user\":{\"id\":\"alice\"}}", JWT.create().withClaim("sid", "s-2")
                    .withClaim("user_id", TestUsers.ALICE).sign(Algorithm.HMAC256(TestConfig.randomSecret())));
    private static ScriptedUpstream upstream;
    private static LogCapture logs;
    private static final List<String> BODIES = new ArrayList<>();
    private ChatNode app;

    @BeforeAll
    static void start() throws Exception {
        NoSecretsInLogs.secret(KEY, REFRESH);
        logs = new LogCapture();
        upstream = new ScriptedUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        logs.close();
        assertThat(logs.lines()).isNotEmpty()
                .noneMatch(line -> line.contains(REFRESH) || line.contains(KEY) || line.contains(PASSWORD));
        assertThat(BODIES).isNotEmpty()
                .noneMatch(body -> body.contains(REFRESH) || body.contains(KEY) || body.contains(PASSWORD));
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static ChatSdkConfig.Builder config(String url) {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, url).set(RemoteConfig.API_KEY, KEY)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RemoteConfig.LOGOUT_PATH, "/api/auth/logout").set(RateLimitConfig.USER, Optional.empty())
                .set(RateLimitConfig.IP, Optional.empty())
                .set(RemoteConfig.CONNECT_TIMEOUT, Duration.ofMillis(500))
                .set(RemoteConfig.REQUEST_TIMEOUT, Duration.ofMillis(800));
    }

    private static Http.Reply kept(Http.Reply reply) {
        synchronized (BODIES) {
            BODIES.add(reply.response.body());
        }
        return reply;
    }

    private Http.Reply login() {
        return kept(app.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send());
    }

    private Http.Reply inBody(String path, String token) throws Exception {
        return kept(app.http().call("POST", path).json(JSON.writeValueAsString(Map.of("refreshToken", token))).send());
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo(message);
    }

    @Test
    void answersAMalformedRefreshTokenWithoutCallingTheApiOrLoggingIt() throws Exception {
        upstream.script(Answer.json(200, "{\"revoked\":true}"));
        app = ChatNode.start(ChatSdk.create(config(upstream.url()).build()));
        List<String> malformed = List.of(REFRESH + "\n", REFRESH + "\r\n", "\n" + REFRESH, REFRESH + "\u0000",
                REFRESH + "\t", REFRESH + "\u0085", REFRESH + "\u2028", REFRESH.replace('.', '\n'), REFRESH + "=",
                REFRESH + "." + REFRESH, REFRESH + "a".repeat(8192));

        for (String token : malformed) {
            assertError(inBody("/chatsdk/auth/refresh", token), 401, "INVALID_REFRESH_TOKEN", "The refresh token is "
                    + "not valid: it is not a well-formed JWT.");
            Http.Reply logout = inBody("/chatsdk/auth/logout", token);
            assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
            assertThat(logout.json().get("revoked").asBoolean()).isFalse();
        }
        Http.Reply spaced = kept(app.http().call("POST", "/chatsdk/auth/refresh")
                .header("Authorization", "Bearer " + REFRESH + " x").send());
        assertThat(spaced.json().get("error").get("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");

        assertThat(upstream.hits()).as("no malformed token reached the API").isZero();
        assertThat(inBody("/chatsdk/auth/logout", REFRESH).json().get("revoked").asBoolean()).isTrue();
        assertThat(upstream.received().get(0).header("Authorization")).isEqualTo("Bearer " + REFRESH);
    }

    @Test
    void aMalformedRefreshTokenCannotJamTheHalfOpenBreaker() throws Exception {
        TestClock clock = new TestClock();
        upstream.script(Answer.json(503, "{}"));
        app = ChatNode.start(ChatSdk.builder().clock(clock).config(config(upstream.url())
                .set(RemoteConfig.MAX_ATTEMPTS, 1)
                .set(RemoteConfig.BREAKER_THRESHOLD, 1)
                .set(RemoteConfig.BREAKER_OPEN_FOR, Duration.ofSeconds(30)).build()).build());
        assertThat(login().status()).isEqualTo(503);
        assertError(login(), 503, "UPSTREAM_UNAVAILABLE", "The ChatSDK API failed repeatedly; calls are paused for a moment.");
        clock.advance(Duration.ofSeconds(31));
        upstream.script(Answer.json(200, CONNECT));

        for (int i = 0; i < 3; i++) {
            assertThat(inBody("/chatsdk/auth/refresh", REFRESH + "\n").status()).isEqualTo(401);
        }

        assertThat(((RemoteTokenIssuer) app.sdk().issuer()).circuitState()).isEqualTo("half-open");
        assertThat(login().status()).isEqualTo(200);
        assertThat(((RemoteTokenIssuer) app.sdk().issuer()).circuitState()).isEqualTo("closed");
        assertThat(upstream.hits()).isEqualTo(1);
    }

    /**
     * Issue 15, finding 3: the API's answer must be for the user the module asked about — the login's user, the
     * refresh token's {@code user_id} — in the answer's user and in the access token; else 502 and the tokens are
     * dropped unseen (neither answered nor logged).
     */
    @Test
    void refusesTokensForAnotherUserThanTheOneAskedFor() throws Exception {
        String mallorys = JWT.create().withClaim("sid", "s-m").withClaim("user_id", "mallory")
                .sign(Algorithm.HMAC256(TestConfig.randomSecret()));
        String alices = JWT.create().withClaim("sid", "s-a").withClaim("user_id", TestUsers.ALICE)
                .sign(Algorithm.HMAC256(TestConfig.randomSecret()));
        String alicesRefresh = JWT.create().withClaim("sid", "s-a").withClaim("user_id", TestUsers.ALICE)
                .withClaim("type", "refresh").sign(Algorithm.HMAC256(TestConfig.randomSecret()));
        NoSecretsInLogs.secret(mallorys);
        upstream.script(
                Answer.json(200, String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\",\"expiresIn\":900,"
                        + "\"user\":{\"id\":\"mallory\"}}", mallorys)),
                Answer.json(200, String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\",\"expiresIn\":900,"
                        + "\"user\":{\"id\":\"alice\"}}", mallorys)),
                Answer.json(200, String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\",\"expiresIn\":900}",
                        mallorys)),
                // alice's access token and user, but another user's refresh token or ws token
                Answer.json(200, String.format("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":900,"
                        + "\"user\":{\"id\":\"alice\"}}", alices, mallorys)),
                Answer.json(200, String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\",\"expiresIn\":900,"
                        + "\"user\":{\"id\":\"alice\"},\"_internal\":{\"wsToken\":\"%2$s\"}}", alices, mallorys)),
                Answer.json(200, String.format("{\"token\":\"%1$s\",\"refreshToken\":\"%1$s\",\"expiresIn\":900}",
                        alices)));
        app = ChatNode.start(ChatSdk.create(config(upstream.url()).build()));
        int before = logs.lines().size();

        List<Http.Reply> refused = List.of(login(), login(), kept(app.refresh(alicesRefresh)), login(), login());

        for (Http.Reply reply : refused) {
            assertError(reply, 502, "UPSTREAM_BAD_RESPONSE", "The ChatSDK API answered with tokens for another user.");
            assertThat(reply.response.body()).doesNotContain(mallorys);
        }
        Http.Reply good = kept(app.refresh(alicesRefresh));
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().get("user").get("id").asText()).isEqualTo(TestUsers.ALICE);
        List<String> lines = logs.lines().subList(before, logs.lines().size());
        assertThat(lines).contains("CHATSDK-409: the ChatSDK API answered the login of user 'alice' with tokens for "
                + "another user; they are discarded (tokens not logged)", "CHATSDK-409: the ChatSDK API answered the "
                + "refresh of user 'alice' with tokens for another user; they are discarded (tokens not logged)");
        assertThat(lines).noneMatch(l -> l.contains(mallorys) || l.contains(alicesRefresh));
    }

    /** A token the API could have signed, with these claims. */
    private static String signed(Map<String, ?> claims) {
        return JWT.create().withPayload(claims).sign(Algorithm.HMAC256(TestConfig.randomSecret()));
    }

    /** The API's login answer: alice as its user, these three tokens. */
    private static Answer answer(String access, String refresh, String ws) {
        return Answer.json(200, String.format("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":900,"
                + "\"user\":{\"id\":\"alice\"},\"_internal\":{\"wsToken\":\"%s\"}}", access, refresh, ws));
    }

    /**
     * Attack review (issue 16): every token of the API's answer must name the user asked about consistently —
     * {@code user_id} when present, {@code sub} ({@code <user>} or {@code <app>:<user>}) when present, at least one
     * of them — and be a JWT whose payload reads as a JSON object; the check looked at {@code user_id} only, so a
     * ws token for {@code sub = <app>:mallory} (the claim Centrifugo connects by), a ws token that names mallory in
     * {@code sub} only, {@code "x.y.z"}, and an access token whose {@code sub} is mallory's were all relayed.
     * Each is now 502 {@code UPSTREAM_BAD_RESPONSE} with no token in the body and no refresh cookie set; the
     * shapes real APIs write ({@code sub = <app>:<user>}, with or without {@code user_id}) still pass.
     */
    @Test
    void refusesAnAnswerWhoseTokensNameAnotherUserInSubOrCannotBeRead() throws Exception {
        String appId = "0b7c5ad1-4a7e-4c43-9c55-3f6a8f1d2e10";
        String access = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId, "type", "access"));
        String refresh = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId,
                "type", "refresh"));
        String ws = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId));
        String centrifugoWs = signed(Map.of("sub", appId + ":alice", "info", Map.of("name", "Alice")));
        String wsPrefixedMallory = signed(Map.of("sub", appId + ":mallory", "user_id", "alice", "app_id", appId));
        String wsBareMallory = signed(Map.of("sub", "mallory", "user_id", "alice"));
        String wsOnlySubMallory = signed(Map.of("sub", appId + ":mallory", "app_id", appId));
        String wsNamesNoOne = signed(Map.of("app_id", appId, "sid", "s-up"));
        String wsUserIdTwice = "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"user_id\":\"alice\",\"user_id\":\"mallory\"}".getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
        String accessSubMallory = signed(Map.of("sub", appId + ":mallory", "user_id", "alice", "app_id", appId,
                "type", "access"));
        String refreshOnlySubAlice = signed(Map.of("sub", appId + ":alice", "type", "refresh"));
        List<String> wrong = List.of(wsPrefixedMallory, wsBareMallory, wsOnlySubMallory, wsNamesNoOne,
                accessSubMallory);
        NoSecretsInLogs.secret(access, refresh, ws, centrifugoWs, refreshOnlySubAlice);
        wrong.forEach(NoSecretsInLogs::secret);
        upstream.script(answer(access, refresh, wsPrefixedMallory), answer(access, refresh, wsBareMallory),
                answer(access, refresh, wsOnlySubMallory), answer(access, refresh, wsNamesNoOne),
                answer(access, refresh, wsUserIdTwice), answer(access, refresh, "x.y.z"),
                // a readable token with more after it (third attack review, issue 17): no JWT, so not relayed
                answer(access + "\\r\\nX-Injected: 1", refresh, ws),
                answer(accessSubMallory, refresh, ws),
                // the refresh of a token naming alice in its sub only, answered with a ws token for mallory
                answer(access, refresh, wsOnlySubMallory),
                answer(access, refresh, ws), answer(access, refresh, centrifugoWs));
        app = ChatNode.start(ChatSdk.create(config(upstream.url()).set(WebConfig.REFRESH_COOKIE, true).build()));
        int before = logs.lines().size();

        List<Http.Reply> anotherUser = List.of(login(), login(), login(), login());
        Http.Reply userIdTwice = login();
        Http.Reply unreadable = login();
        Http.Reply injected = login();
        Http.Reply accessForMallory = login();
        Http.Reply refreshForMallory = kept(app.refresh(refreshOnlySubAlice));
        Http.Reply good = login();
        Http.Reply centrifugoShape = kept(app.refresh(refreshOnlySubAlice));

        List<Http.Reply> refused = new ArrayList<>(anotherUser);
        refused.addAll(List.of(userIdTwice, unreadable, injected, accessForMallory, refreshForMallory));
        assertThat(refused).extracting(Http.Reply::status).as("ws sub <app>:mallory, ws sub mallory, ws only sub "
                + "mallory, ws naming no one, ws user_id twice, ws x.y.z, access with a header after it, access sub mallory, "
                + "refresh's ws sub mallory").containsExactly(502, 502, 502, 502, 502, 502, 502, 502, 502);
        for (Http.Reply reply : refused) {
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("UPSTREAM_BAD_RESPONSE");
            assertThat(reply.json().get("error").get("suggestion").asText()).isNotBlank();
            assertThat(reply.header("Set-Cookie")).as("nothing stored").isNull();
            assertThat(reply.response.body()).doesNotContain(access, refresh, ws).doesNotContain(wrong);
        }
        for (Http.Reply reply : List.of(anotherUser.get(0), anotherUser.get(1), anotherUser.get(2),
                anotherUser.get(3), accessForMallory, refreshForMallory)) {
            assertThat(reply.json().get("error").get("message").asText())
                    .isEqualTo("The ChatSDK API answered with tokens for another user.");
        }
        for (Http.Reply reply : List.of(userIdTwice, unreadable, injected)) {
            assertThat(reply.json().get("error").get("message").asText())
                    .isEqualTo("The ChatSDK API answered with a token whose claims cannot be read.");
        }
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().get("wsToken").asText()).isEqualTo(ws);
        assertThat(good.header("Set-Cookie")).startsWith("__Host-chatsdk-refresh=");
        assertThat(centrifugoShape.status()).as(centrifugoShape.toString()).isEqualTo(200);
        assertThat(centrifugoShape.json().get("wsToken").asText()).isEqualTo(centrifugoWs);
        assertThat(upstream.hits()).isEqualTo(11);
        assertThat(((RemoteTokenIssuer) app.sdk().issuer()).circuitState()).as("answered, as a user_id mismatch is")
                .isEqualTo("closed");
        List<String> lines = logs.lines().subList(before, logs.lines().size());
        assertThat(lines).contains("CHATSDK-409: the ChatSDK API answered the login of user 'alice' with a token "
                + "whose claims cannot be read; the tokens are discarded (tokens not logged)", "CHATSDK-409: the "
                + "ChatSDK API answered the refresh of user 'alice' with tokens for another user; they are discarded "
                + "(tokens not logged)");
        assertThat(lines).noneMatch(l -> l.contains(access) || l.contains(refresh) || l.contains(ws)
                || l.contains(refreshOnlySubAlice) || wrong.stream().anyMatch(l::contains));
    }

    /**
     * Second attack review (issue 16): with {@code chatsdk.app-id} set, alice of another app is someone else — the app
     * part of {@code sub} and an {@code app_id} claim must be this app (Centrifugo connects by {@code sub}).
     */
    @Test
    void refusesTheSameUserOfAnotherAppWhenTheAppIdIsSet() throws Exception {
        String appId = "0b7c5ad1-4a7e-4c43-9c55-3f6a8f1d2e10";
        String access = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId, "type", "access"));
        String refresh = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId,
                "type", "refresh"));
        String ws = signed(Map.of("sub", appId + ":alice", "user_id", "alice", "app_id", appId));
        String wsOtherApp = signed(Map.of("sub", "evilapp:alice", "user_id", "alice"));
        String wsNestedApp = signed(Map.of("sub", "x:" + appId + ":alice", "user_id", "alice"));
        String accessOtherAppId = signed(Map.of("sub", "alice", "user_id", "alice", "app_id", "other", "type", "access"));
        NoSecretsInLogs.secret(access, refresh, ws, wsOtherApp, wsNestedApp, accessOtherAppId);
        upstream.script(answer(access, refresh, wsOtherApp), answer(access, refresh, wsNestedApp),
                answer(accessOtherAppId, refresh, ws), answer(access, refresh, ws));
        app = ChatNode.start(ChatSdk.create(config(upstream.url()).set(Settings.APP_ID, appId).build()));

        List<Http.Reply> replies = List.of(login(), login(), login(), login());

        assertThat(replies).extracting(Http.Reply::status).as("ws sub evilapp:alice, ws sub x:<app>:alice, access "
                + "app_id other, all of this app").containsExactly(502, 502, 502, 200);
        for (Http.Reply reply : replies.subList(0, 3)) {
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("UPSTREAM_BAD_RESPONSE");
            assertThat(reply.json().get("error").get("message").asText())
                    .isEqualTo("The ChatSDK API answered with tokens for another user.");
        }
    }

    /**
     * Issue 15, finding 3: a logout is reported {@code revoked: true} only when the API's 2xx answer says
     * {@code "revoked": true}; HTML, an error object, no body, or no such field is {@code revoked: false}.
     */
    @Test
    void reportsALogoutRevokedOnlyWhenTheApiSaysSo() throws Exception {
        upstream.script(Answer.json(200, "<html>signed out</html>"),
                Answer.json(200, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such session\"}}"),
                Answer.json(200, "{}"), Answer.json(204, ""), Answer.json(200, "{\"revoked\":\"yes\"}"),
                Answer.json(200, "[true]"), Answer.json(200, "{\"revoked\":false}"),
                // second attack review: a duplicate name or trailing data is unreadable, never its last reading
                Answer.json(200, "{\"revoked\":false,\"revoked\":true}"), Answer.json(200, "{\"revoked\":true}   x"),
                Answer.json(200, "{\"revoked\":true}"));
        app = ChatNode.start(ChatSdk.create(config(upstream.url()).build()));
        int before = logs.lines().size();

        List<Boolean> revoked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Http.Reply logout = inBody("/chatsdk/auth/logout", REFRESH);
            assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
            revoked.add(logout.json().get("revoked").asBoolean());
        }

        assertThat(revoked).containsExactly(false, false, false, false, false, false, false, false, false, true);
        assertThat(upstream.hits()).isEqualTo(10);
        assertThat(logs.lines().subList(before, logs.lines().size())).filteredOn(l -> l.startsWith("CHATSDK-408"))
                .hasSize(8).allMatch(l -> l.endsWith("but not {\"revoked\": true|false}; reported as not revoked "
                        + "(body not logged)"));
    }

    @Test
    void printsTheApiUrlWithoutItsUserinfoAtStartUpAndAfter() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://user:" + PASSWORD + "@127.0.0.1:" + closed;
        int before = logs.lines().size();
        ChatSdkConfig config = config(url).build();
        app = ChatNode.start(ChatSdk.create(config));

        assertError(login(), 503, "UPSTREAM_UNAVAILABLE", "The ChatSDK API cannot be reached right now.");
        kept(app.http().call("GET", "/chatsdk/health").send());
        List<String> lines = logs.lines().subList(before, logs.lines().size());
        assertThat(lines).anyMatch(l -> l.startsWith("CHATSDK-100") && l.contains("http://***@127.0.0.1:" + closed));
        assertThat(lines).anyMatch(l -> l.startsWith("CHATSDK-401") && l.contains("http://***@127.0.0.1:" + closed));
        assertThat(lines).noneMatch(l -> l.contains(PASSWORD));
        assertThat(config.toString()).contains("apiUrl=http://***@127.0.0.1:" + closed).doesNotContain(PASSWORD);
        assertThat(app.sdk().issuer().toString()).isEqualTo("RemoteTokenIssuer[http://***@127.0.0.1:" + closed + "]");
        assertThatThrownBy(() -> config("ftp://user:" + PASSWORD + "@127.0.0.1/?key=" + PASSWORD).build())
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("is 'ftp://***@127.0.0.1/?***', not an absolute http or https URL")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> new TestConfig().builder().set(CentrifugoConfig.API_KEY, KEY)
                .set(CentrifugoConfig.API_URL, "centrifugo://admin:" + PASSWORD + "@127.0.0.1/api").build())
                .isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("is 'centrifugo://***@127.0.0.1/api', not an absolute http or https URL")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void callsAnApiWhoseUrlCarriesUserinfo() throws Exception {
        upstream.script(Answer.json(200, CONNECT));
        app = ChatNode.start(ChatSdk.create(config(upstream.url().replace("http://", "http://user:" + PASSWORD + "@"))
                .build()));

        assertThat(login().status()).isEqualTo(200);
    }
}
