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
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;

class LocalTokenIssuerTest {
    private static final Instant NOW = Instant.parse("2024-01-09T20:20:00.750Z");
    private final TestConfig test = new TestConfig();

    private LocalTokenIssuer issuer(ChatSdkConfig config) {
        return new LocalTokenIssuer(config, Clock.fixed(NOW, ZoneOffset.UTC), new dev.chatsdk.jakarta.session.InMemorySessionStore(100));
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
        ChatSdkConfig config = test.builder().accessTtl(Duration.ofMinutes(15)).refreshTtl(Duration.ofDays(1))
                .tokenIssuer("iss-x").audience("aud-x").keyId("kid-x").scopes(List.of("chat:read")).build();
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
    void neverShowsTokensInToString() {
        ChatTokens tokens = issuer(test.builder().build()).issue(ChatUser.of("u-1"));

        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken(), tokens.wsToken())
                .contains("tokens=<redacted>");
    }
}
