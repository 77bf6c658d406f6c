package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.TokenConfig;

class LocalTokenIssuerTest {
    private static final Instant NOW = Instant.parse("2024-01-09T20:20:00.750Z");
    private final TestConfig test = new TestConfig();

    private LocalTokenIssuer issuer(ChatSdkConfig config) {
        return issuer(config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private LocalTokenIssuer issuer(ChatSdkConfig config, Clock clock) {
        return new LocalTokenIssuer(config, clock, new dev.chatsdk.jakarta.session.InMemorySessionStore(100));
    }

    /** A refresh token as the module minted them before they had their own audience: access audience, scopes, typ JWT. */
    private String previousForm(ChatSdkConfig config, String refreshToken) {
        DecodedJWT current = JWT.decode(refreshToken);
        byte[] secret = test.secret.getBytes(StandardCharsets.UTF_8);
        // the writer of access tokens is the one that wrote refresh tokens then, byte for byte
        TokenWriter then = new TokenWriter(config, new Hs256(secret));
        StringBuilder claims = then.claims(current.getClaim("user_id").asString(), current.getClaim("sid").asString(),
                current.getId(), current.getIssuedAtAsInstant().getEpochSecond(),
                current.getExpiresAtAsInstant().getEpochSecond());
        TokenWriter.claim(claims, "type", "refresh");
        return then.sign(claims);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    private DecodedJWT decode(String token, String secret) {
        return JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8))).acceptLeeway(Long.MAX_VALUE / 2000)
                .build().verify(token);
    }

    @Test
    void computesTimesFromOneClockReading() {
        ChatTokens tokens = issuer(test.builder().build()).issue(ChatUser.of("u-1"));

        assertThat(tokens.issuedAt()).isEqualTo(NOW);
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600);
        assertThat(tokens.expiresAt()).isEqualTo(Instant.parse("2024-01-09T21:20:00Z"));
        assertThat(tokens.expiresAt().toEpochMilli()).isEqualTo(1704831600000L + 3600_000L);
        DecodedJWT access = decode(tokens.accessToken(), test.secret);
        assertThat(access.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2024-01-09T20:20:00Z"));
        assertThat(access.getExpiresAtAsInstant()).isEqualTo(tokens.expiresAt());
        assertThat(decode(tokens.wsToken(), test.wsSecret).getExpiresAtAsInstant()).isEqualTo(tokens.expiresAt());
        assertThat(decode(tokens.refreshToken(), test.secret).getExpiresAtAsInstant())
                .isEqualTo(Instant.parse("2024-01-16T20:20:00Z"));
    }

    @Test
    void followsConfiguredLifetimesAndClaims() {
        ChatSdkConfig config = test.builder().set(TokenConfig.ACCESS_TTL, Duration.ofMinutes(15))
                .set(TokenConfig.REFRESH_TTL, Duration.ofDays(1))
                .set(TokenConfig.ISSUER, "iss-x").set(TokenConfig.AUDIENCE, "aud-x")
                .set(LocalKeysConfig.KEY_ID, "kid-x").set(TokenConfig.SCOPES, List.of("chat:read")).build();
        ChatTokens tokens = issuer(config).issue(ChatUser.of("u-1"));

        DecodedJWT access = decode(tokens.accessToken(), test.secret);
        assertThat(tokens.expiresInSeconds()).isEqualTo(900);
        assertThat(access.getKeyId()).isEqualTo("kid-x");
        assertThat(access.getIssuer()).isEqualTo("iss-x");
        assertThat(access.getAudience()).containsExactly("aud-x");
        assertThat(access.getClaim("scopes").asList(String.class)).containsExactly("chat:read");
        assertThat(decode(tokens.refreshToken(), test.secret).getExpiresAtAsInstant())
                .isEqualTo(Instant.parse("2024-01-10T20:20:00Z"));
    }

    @Test
    void leavesUnknownProfileFieldsOut() {
        ChatTokens tokens = issuer(test.builder().build()).issue(ChatUser.of("u-1"));

        DecodedJWT access = decode(tokens.accessToken(), test.secret);
        assertThat(access.getClaim("name").isMissing()).isTrue();
        assertThat(access.getClaim("avatar").isMissing()).isTrue();
        assertThat(access.getClaim("custom").isMissing()).isTrue();
        Map<String, Object> info = decode(tokens.wsToken(), test.wsSecret).getClaim("info").asMap();
        assertThat(info).containsOnlyKeys("name", "avatar").containsValues((Object) null);
    }

    @Test
    void startsANewSessionForEveryIssue() {
        LocalTokenIssuer issuer = issuer(test.builder().build());

        assertThat(issuer.issue(ChatUser.of("u")).sessionId()).isNotEqualTo(issuer.issue(ChatUser.of("u")).sessionId());
    }

    @Test
    void refusesCustomClaimsThatAreNotJson() {
        ChatUser user = ChatUser.builder("u").claim("big", new BigInteger("123456789012345678901234567890")).build();

        assertThatThrownBy(() -> issuer(test.builder().build()).issue(user))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("Field 'custom' holds a value that is not JSON (only objects, arrays, strings, booleans, "
                        + "null and numbers that fit in 64 bits are allowed).");
    }

    @Test
    void mintsARefreshTokenThatAStandardVerifierRefusesAsAnAccessToken() {
        // real time: the verifier below is exactly a typical middleware's, with java-jwt's own clock
        ChatTokens tokens = issuer(test.builder().build(), Clock.systemUTC()).issue(ChatUser.of("u-1"));
        var middleware = JWT.require(Algorithm.HMAC256(test.secret.getBytes(StandardCharsets.UTF_8)))
                .withIssuer("chatsdk-api").withAudience("chatsdk-client").build();

        assertThat(middleware.verify(tokens.accessToken()).getClaim("type").asString()).isEqualTo("access");
        assertThatThrownBy(() -> middleware.verify(tokens.refreshToken()))
                .isInstanceOfSatisfying(IncorrectClaimException.class, e -> assertThat(e.getClaimName()).isEqualTo("aud"));
    }

    @Test
    void givesTheRefreshTokenItsOwnAudienceAndTypeAndNoScopes() {
        ChatSdkConfig config = test.builder().set(TokenConfig.AUDIENCE, "aud-x")
                .set(TokenConfig.SCOPES, List.of("chat:read")).build();
        ChatTokens tokens = issuer(config).issue(ChatUser.of("u-1"));

        DecodedJWT refresh = decode(tokens.refreshToken(), test.secret);
        assertThat(refresh.getType()).isEqualTo("refresh+jwt");
        assertThat(refresh.getAudience()).containsExactly("aud-x:refresh");
        assertThat(refresh.getClaim("scopes").isMissing()).isTrue();
        assertThat(refresh.getClaim("type").asString()).isEqualTo("refresh");
        assertThat(refresh.getClaim("sid").asString()).isEqualTo(tokens.sessionId());
        DecodedJWT access = decode(tokens.accessToken(), test.secret);
        assertThat(access.getType()).isEqualTo("JWT");
        assertThat(access.getAudience()).containsExactly("aud-x");
        DecodedJWT ws = decode(tokens.wsToken(), test.wsSecret);
        assertThat(ws.getType()).isEqualTo("JWT");
        assertThat(ws.getAudience()).containsExactly("aud-x");
        assertThat(ws.getClaim("scopes").asList(String.class)).containsExactly("chat:read");
    }

    @Test
    void keepsRefreshingARefreshTokenMintedBeforeRefreshTokensHadTheirOwnAudience() {
        ChatSdkConfig config = test.builder().set(TokenConfig.AUDIENCE, "aud-x").build();
        LocalTokenIssuer issuer = issuer(config);
        ChatTokens login = issuer.issue(ChatUser.of("u-1"));
        String previous = previousForm(config, login.refreshToken());
        DecodedJWT before = decode(previous, test.secret);
        assertThat(before.getAudience()).containsExactly("aud-x");
        assertThat(before.getClaim("scopes").asList(String.class)).isEqualTo(config.token().scopes());
        assertThat(before.getType()).isEqualTo("JWT");

        ChatTokens next = issuer.refresh(previous);

        assertThat(next.sessionId()).isEqualTo(login.sessionId());
        assertThat(decode(next.refreshToken(), test.secret).getAudience()).containsExactly("aud-x:refresh");
        assertThat(issuer.refresh(next.refreshToken()).sessionId()).isEqualTo(login.sessionId());
        assertThat(issuer.revoke(previousForm(config, next.refreshToken()))).as("logout takes it too").isTrue();
    }

    @Test
    void refusesARefreshTokenOfEitherFormWhereAnAccessOrWsTokenIsRequired() {
        ChatSdkConfig config = test.builder().build();
        LocalTokenIssuer issuer = issuer(config);
        ChatTokens tokens = issuer.issue(ChatUser.of("u-1"));

        assertRefused(() -> issuer.validate(tokens.refreshToken(), false), ErrorCode.INVALID_TOKEN,
                "The token is not valid: its 'aud' claim is wrong.");
        assertRefused(() -> issuer.validate(previousForm(config, tokens.refreshToken()), false), ErrorCode.INVALID_TOKEN,
                "The token is not valid: its 'type' claim is wrong.");
        assertRefused(() -> issuer.validate(tokens.refreshToken(), true), ErrorCode.INVALID_TOKEN,
                "The realtime token is not valid: its signature does not verify.");
        assertRefused(() -> issuer.validate(tokens.wsToken(), false), ErrorCode.INVALID_TOKEN,
                "The token is not valid: its signature does not verify.");
        assertThat(issuer.validate(tokens.accessToken(), false).userId()).isEqualTo("u-1");
        assertThat(issuer.validate(tokens.wsToken(), true).userId()).isEqualTo("u-1");
    }

    @Test
    void refusesAnAccessOrWsTokenAsARefreshTokenWithoutSpendingTheSession() {
        LocalTokenIssuer issuer = issuer(test.builder().set(SessionConfig.ROTATION_GRACE, Duration.ZERO).build());
        ChatTokens tokens = issuer.issue(ChatUser.of("u-1"));

        assertRefused(() -> issuer.refresh(tokens.accessToken()), ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'type' claim is wrong.");
        assertRefused(() -> issuer.refresh(tokens.wsToken()), ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its signature does not verify.");
        assertThat(issuer.revoke(tokens.accessToken())).isFalse();
        assertThat(issuer.refresh(tokens.refreshToken()).sessionId()).isEqualTo(tokens.sessionId());
    }

    @Test
    void endsNoTokenAfterItsSessionAndSaysSoInExpiresIn() {
        TestClock clock = new TestClock(NOW);
        LocalTokenIssuer issuer = issuer(test.builder()
                .set(SessionConfig.MAX_LIFETIME, Duration.ofHours(2)).build(), clock);
        ChatTokens login = issuer.issue(ChatUser.of("u-1"));
        long sessionEnd = NOW.plus(Duration.ofHours(2)).getEpochSecond();

        clock.advance(Duration.ofHours(1));
        ChatTokens exactlyAnHourLeft = issuer.refresh(login.refreshToken());
        assertExpire(exactlyAnHourLeft, sessionEnd, 3600);

        clock.advance(Duration.ofSeconds(1));
        ChatTokens aSecondLess = issuer.refresh(exactlyAnHourLeft.refreshToken());
        assertExpire(aSecondLess, sessionEnd, 3599);

        clock.advance(Duration.ofMinutes(59).plusSeconds(58));
        ChatTokens lastSecond = issuer.refresh(aSecondLess.refreshToken());
        assertExpire(lastSecond, sessionEnd, 1);

        // NOW is at .750 s: the session ends within this second, and the tokens at its start
        clock.advance(Duration.ofSeconds(1).minusMillis(1));
        ChatTokens lastMillisecond = issuer.refresh(lastSecond.refreshToken());
        assertExpire(lastMillisecond, sessionEnd, 0);

        clock.advance(Duration.ofMillis(1));
        assertRefused(() -> issuer.refresh(lastMillisecond.refreshToken()), ErrorCode.REFRESH_TOKEN_EXPIRED,
                "The refresh token's session has reached its maximum lifetime.");
    }

    @Test
    void capsTheFirstTokensAtASessionShorterThanTheAccessLifetime() {
        ChatTokens tokens = issuer(test.builder()
                .set(SessionConfig.MAX_LIFETIME, Duration.ofMinutes(30)).build()).issue(ChatUser.of("u-1"));

        assertExpire(tokens, NOW.plus(Duration.ofMinutes(30)).getEpochSecond(), 1800);
    }

    /** The access, ws and refresh tokens all end at {@code exp}, and the response says so. */
    private void assertExpire(ChatTokens tokens, long exp, long expiresIn) {
        DecodedJWT access = decode(tokens.accessToken(), test.secret);
        assertThat(access.getExpiresAtAsInstant().getEpochSecond()).isEqualTo(exp);
        assertThat(tokens.expiresInSeconds()).isEqualTo(expiresIn);
        assertThat(access.getExpiresAtAsInstant().getEpochSecond() - access.getIssuedAtAsInstant().getEpochSecond())
                .isEqualTo(expiresIn);
        assertThat(tokens.expiresAt()).isEqualTo(access.getExpiresAtAsInstant());
        assertThat(decode(tokens.wsToken(), test.wsSecret).getExpiresAtAsInstant().getEpochSecond()).isEqualTo(exp);
        assertThat(decode(tokens.refreshToken(), test.secret).getExpiresAtAsInstant().getEpochSecond()).isEqualTo(exp);
    }

    @Test
    void neverShowsTokensInToString() {
        ChatTokens tokens = issuer(test.builder().build()).issue(ChatUser.of("u-1"));

        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken(), tokens.wsToken())
                .contains("tokens=<redacted>");
    }
}
