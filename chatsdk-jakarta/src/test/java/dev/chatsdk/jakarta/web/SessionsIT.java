package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.TokenConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Sessions over real HTTP (embedded Jetty 12, in-memory store) with a clock the test moves: rotation,
 * grace, reuse, logout, user-wide revocation, maximum lifetime, clock skew, validation.
 */
class SessionsIT {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private ChatNode node;

    private ChatNode start(ChatSdkConfig.Builder config) throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(config.build()).clock(clock).build());
        return node;
    }

    private ChatNode start() throws Exception {
        return start(test.builder());
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private static String refreshToken(JsonNode tokens) {
        return tokens.get("refreshToken").asText();
    }

    private static DecodedJWT decode(JsonNode tokens, String field) {
        return JWT.decode(tokens.get(field).asText());
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo(message);
    }

    @Test
    void rotatesIntoTheSameSessionWithTheSameProfile() throws Exception {
        JsonNode login = start().loginAlice();
        clock.advance(Duration.ofMinutes(50));

        Http.Reply reply = node.refresh(refreshToken(login));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode next = reply.json();
        assertThat(decode(next, "accessToken").getClaim("sid").asString())
                .isEqualTo(decode(login, "accessToken").getClaim("sid").asString());
        assertThat(decode(next, "refreshToken").getId()).isNotEqualTo(decode(login, "refreshToken").getId());
        assertThat(decode(next, "accessToken").getClaim("custom").asMap()).isEqualTo(TestUsers.ALICE_CUSTOM);
        assertThat(next.get("user").get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(next.get("expiresAt").asLong()).isEqualTo(decode(next, "accessToken").getExpiresAtAsInstant().toEpochMilli());
        assertThat(node.refresh(refreshToken(next)).status()).isEqualTo(200);
    }

    @Test
    void takesTheTokenFromTheBodyOnEveryAlias() throws Exception {
        String token = refreshToken(start().loginAlice());

        Http.Reply byBody = node.http().call("POST", "/chatsdk/api/auth/refresh")
                .json("{\"refreshToken\":\"" + token + "\"}").send();
        assertThat(byBody.status()).as(byBody.toString()).isEqualTo(200);
        Http.Reply legacy = node.http().call("POST", "/chatsdk/tokens/refresh")
                .header("Authorization", "Bearer " + refreshToken(byBody.json())).send();
        assertThat(legacy.status()).as(legacy.toString()).isEqualTo(200);
    }

    @Test
    void refusesMissingConflictingAndWrongTokens() throws Exception {
        JsonNode login = start().loginAlice();
        String token = refreshToken(login);

        assertError(node.http().call("POST", "/chatsdk/auth/refresh").send(), 401, "MISSING_REFRESH_TOKEN",
                "No refresh token was sent.");
        assertError(node.http().call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + token)
                .json("{\"refreshToken\":\"other\"}").send(), 400, "CONFLICTING_REFRESH_TOKENS",
                "The Authorization header and the body carry different refresh tokens.");
        assertError(node.refresh(login.get("accessToken").asText()), 401, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid: its 'type' claim is wrong.");
        assertError(node.refresh(login.get("wsToken").asText()), 401, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid: its signature does not verify.");
        assertError(node.refresh("not.a.jwt"), 401, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid: it is not a well-formed JWT.");
        assertThat(node.refresh(token).status()).isEqualTo(200);
    }

    @Test
    void takesASpentTokenWithinTheGraceAsARetry() throws Exception {
        String first = refreshToken(start().loginAlice());
        JsonNode second = node.refresh(first).json();
        clock.advance(Duration.ofSeconds(20));

        Http.Reply retry = node.refresh(first);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(decode(retry.json(), "accessToken").getClaim("sid").asString())
                .isEqualTo(decode(second, "accessToken").getClaim("sid").asString());
        assertThat(node.refresh(refreshToken(second)).status()).isEqualTo(200);
        assertThat(node.refresh(refreshToken(retry.json())).status()).isEqualTo(200);
    }

    @Test
    void revokesTheWholeFamilyWhenASpentTokenComesBackAfterTheGrace() throws Exception {
        String first = refreshToken(start().loginAlice());
        JsonNode second = node.refresh(first).json();
        JsonNode third = node.refresh(refreshToken(second)).json();
        clock.advance(Duration.ofSeconds(31));

        assertError(node.refresh(first), 401, "REFRESH_TOKEN_REUSED",
                "This refresh token was already used; its session is now revoked.");
        assertError(node.refresh(refreshToken(third)), 401, "SESSION_REVOKED", "The refresh token's session was revoked.");
        assertError(node.http().call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + third.get("accessToken").asText()).send(), 401, "SESSION_REVOKED",
                "The token's session was revoked.");
    }

    @Test
    void logsOutOneSessionAnsweringLikeRfc7009() throws Exception {
        start();
        String kept = refreshToken(node.loginAlice());
        String ended = refreshToken(node.loginAlice());

        Http.Reply logout = node.http().call("POST", "/chatsdk/auth/logout").json("{\"refreshToken\":\"" + ended + "\"}")
                .send();

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        assertError(node.refresh(ended), 401, "SESSION_REVOKED", "The refresh token's session was revoked.");
        assertThat(node.refresh(kept).status()).isEqualTo(200);
        Http.Reply again = node.http().call("POST", "/chatsdk/auth/revoke").header("Authorization", "Bearer " + ended)
                .send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("revoked").asBoolean()).isFalse();
        Http.Reply garbage = node.http().call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer x.y.z")
                .send();
        assertThat(garbage.status()).isEqualTo(200);
        assertThat(garbage.json().get("revoked").asBoolean()).isFalse();
    }

    @Test
    void logsOutWithAnExpiredToken() throws Exception {
        String token = refreshToken(start().loginAlice());
        clock.advance(Duration.ofDays(8));

        assertThat(node.http().call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer " + token).send()
                .json().get("revoked").asBoolean()).isTrue();
    }

    @Test
    void revokesEverySessionOfAUserForAnApiCaller() throws Exception {
        start();
        String one = refreshToken(node.loginAlice());
        String two = refreshToken(node.loginAlice());

        assertThat(node.http().call("POST", "/chatsdk/api/users/alice/revoke-tokens").send().status()).isEqualTo(401);
        Http.Reply reply = node.http().call("POST", "/chatsdk/api/users/alice/revoke-tokens")
                .header("X-API-Key", test.apiKey).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("revokedSessions").asInt()).isEqualTo(2);
        assertThat(node.refresh(one).json().get("error").get("code").asText()).isEqualTo("SESSION_REVOKED");
        assertThat(node.refresh(two).json().get("error").get("code").asText()).isEqualTo("SESSION_REVOKED");
        assertThat(refreshToken(node.loginAlice())).isNotBlank();
    }

    @Test
    void endsTheSessionAtItsMaximumLifetime() throws Exception {
        JsonNode login = start(test.builder().set(SessionConfig.MAX_LIFETIME, Duration.ofHours(2))
                .set(TokenConfig.CLOCK_SKEW, Duration.ZERO)).loginAlice();
        DecodedJWT refresh = decode(login, "refreshToken");
        assertThat(refresh.getExpiresAtAsInstant()).isEqualTo(refresh.getIssuedAtAsInstant().plus(Duration.ofHours(2))
                .plusMillis(250).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        clock.advance(Duration.ofMinutes(90));
        JsonNode rotated = node.refresh(refreshToken(login)).json();
        assertThat(decode(rotated, "refreshToken").getExpiresAtAsInstant()).isEqualTo(refresh.getExpiresAtAsInstant());
        clock.advance(Duration.ofMinutes(31));

        assertError(node.refresh(refreshToken(rotated)), 401, "REFRESH_TOKEN_EXPIRED",
                "The refresh token expired at " + refresh.getExpiresAtAsInstant() + ".");
    }

    @Test
    void acceptsTokensWithinTheClockSkewOnly() throws Exception {
        JsonNode login = start(test.builder().set(TokenConfig.CLOCK_SKEW, Duration.ofSeconds(30))).loginAlice();
        String access = login.get("accessToken").asText();
        clock.advance(Duration.ofHours(1).plusSeconds(20));

        Http.Reply late = node.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer " + access)
                .send();
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(node.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer " + access).send()
                .json().get("error").get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void validatesAccessAndRealtimeTokensEachOnItsOwnEndpoint() throws Exception {
        JsonNode login = start().loginAlice();
        String access = login.get("accessToken").asText();
        String ws = login.get("wsToken").asText();

        Http.Reply valid = node.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer " + access)
                .send();
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertThat(valid.json().get("payload").get("userId").asText()).isEqualTo(TestUsers.ALICE);
        assertThat(valid.json().get("payload").get("sessionId").asText())
                .isEqualTo(decode(login, "accessToken").getClaim("sid").asString());
        assertThat(valid.json().get("user").get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(node.http().call("GET", "/chatsdk/tokens/validate-ws").header("Authorization", "Bearer " + ws).send()
                .status()).isEqualTo(200);
        assertError(node.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer " + ws).send(),
                401, "INVALID_TOKEN", "The token is not valid: its signature does not verify.");
        assertError(node.http().call("GET", "/chatsdk/tokens/validate-ws").header("Authorization", "Bearer " + access)
                .send(), 401, "INVALID_TOKEN", "The realtime token is not valid: its signature does not verify.");
    }
}
