package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.TokenConfig;

/** Tokens forged with the right secret but wrong in one detail: each refused with its code and reason. */
class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private final TestConfig test = new TestConfig();
    private final ChatSdkConfig config = test.builder().set(TokenConfig.CLOCK_SKEW, Duration.ofSeconds(30)).build();
    private final TokenVerifier verifier = new TokenVerifier(config, SigningKeys.load(config));

    /** A refresh token as the module writes it (its header {@code typ} aside, which no verifier of ours reads). */
    private JWTCreator.Builder refresh() {
        return untyped().withAudience("chatsdk-client:refresh").withClaim("type", "refresh");
    }

    /** A refresh token as the module wrote it before refresh tokens had their own audience. */
    private JWTCreator.Builder previousRefresh() {
        return refresh().withAudience("chatsdk-client").withClaim("scopes", java.util.List.of("chat:read"));
    }

    /** The claims every token has, and no {@code type}: a ws token's. */
    private JWTCreator.Builder untyped() {
        return JWT.create().withKeyId("chatsdk-1").withIssuer("chatsdk-api").withAudience("chatsdk-client")
                .withClaim("sid", "s-1").withClaim("user_id", "u-1").withSubject(TestConfig.APP_ID + ":u-1")
                .withClaim("app_id", TestConfig.APP_ID).withJWTId("j-1").withIssuedAt(NOW)
                .withNotBefore(NOW).withExpiresAt(NOW.plusSeconds(3600));
    }

    private String sign(JWTCreator.Builder token) {
        return token.sign(Algorithm.HMAC256(test.secret.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(String token, Instant at, ErrorCode code, String message) {
        assertThatThrownBy(() -> verifier.verify(token, TokenVerifier.Kind.REFRESH, at, true))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void acceptsAWellFormedTokenWithinItsTimes() {
        assertThat(verifier.verify(sign(refresh()), TokenVerifier.Kind.REFRESH, NOW.plusSeconds(3620), true).getId())
                .isEqualTo("j-1");
    }

    @Test
    void refusesATokenPastItsExpiryAndTheSkew() {
        assertRefused(sign(refresh()), NOW.plusSeconds(3631), ErrorCode.REFRESH_TOKEN_EXPIRED,
                "The refresh token expired at 2026-01-05T10:00:00Z.");
    }

    @Test
    void refusesATokenNotYetValidOrIssuedInTheFuture() {
        assertRefused(sign(refresh().withNotBefore(NOW.plusSeconds(60))), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: it is not valid before 2026-01-05T09:01:00Z.");
        assertRefused(sign(refresh().withIssuedAt(NOW.plusSeconds(60)).withNotBefore(NOW)), NOW,
                ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid: it was issued in the future.");
    }

    @Test
    void refusesATokenMissingWhatASessionNeeds() {
        assertRefused(sign(refresh().withClaim("sid", (String) null)), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'sid' claim has the wrong type.");
        assertRefused(sign(JWT.create().withKeyId("chatsdk-1").withIssuer("chatsdk-api").withAudience("chatsdk-client")
                .withClaim("type", "refresh").withClaim("app_id", TestConfig.APP_ID).withClaim("user_id", "u").withJWTId("j")
                .withExpiresAt(NOW.plusSeconds(60))),
                NOW, ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid: it lacks the 'sid' claim.");
    }

    @Test
    void refusesOtherIssuersAudiencesAndAlgorithms() {
        assertRefused(sign(refresh().withIssuer("someone-else")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'iss' claim is wrong.");
        assertRefused(sign(refresh().withAudience("other")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'aud' claim is wrong.");
        assertRefused(refresh().sign(Algorithm.HMAC384(test.secret)), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its signature does not verify.");
        String unsigned = sign(refresh());
        assertRefused(unsigned.substring(0, unsigned.lastIndexOf('.') + 1), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its signature does not verify.");
    }

    @Test
    void looksTheKeyUpOnlyAmongItsOwnKeyIds() {
        assertRefused(sign(refresh().withKeyId("someone-elses")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its key id is not one of this server's keys.");
        assertRefused(sign(refresh().withKeyId(null)), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its header's 'kid' is not a string.");
    }

    @Test
    void acceptsTokensOfARetiredSecretUnderItsOwnKeyId() {
        String old = TestConfig.randomSecret();
        ChatSdkConfig rotated = test.builder().set(LocalKeysConfig.KEY_ID, "chatsdk-2")
                .set(LocalKeysConfig.PREVIOUS_KEYS, java.util.List.of("chatsdk-1=" + old)).build();
        TokenVerifier afterRotation = new TokenVerifier(rotated, SigningKeys.load(rotated));
        String byOldKey = refresh().sign(Algorithm.HMAC256(old.getBytes(StandardCharsets.UTF_8)));

        assertThat(afterRotation.verify(byOldKey, TokenVerifier.Kind.REFRESH, NOW, true).getKeyId()).isEqualTo("chatsdk-1");
        assertThatThrownBy(() -> afterRotation.verify(sign(refresh()), TokenVerifier.Kind.REFRESH, NOW, true))
                .hasMessage("The refresh token is not valid: its signature does not verify.");
    }

    private String signWs(JWTCreator.Builder token) {
        return token.sign(Algorithm.HMAC256(test.wsSecret.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(String token, TokenVerifier.Kind kind, ErrorCode code, String message) {
        assertThatThrownBy(() -> verifier.verify(token, kind, NOW, true))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void acceptsARefreshTokenOfTheCurrentFormAndOfThePreviousOne() {
        JWTCreator.Builder current = refresh().withHeader(java.util.Map.of("typ", "refresh+jwt"));

        assertThat(verifier.verify(sign(current), TokenVerifier.Kind.REFRESH, NOW, true).getAudience())
                .containsExactly("chatsdk-client:refresh");
        assertThat(verifier.verify(sign(previousRefresh()), TokenVerifier.Kind.REFRESH, NOW, true).getAudience())
                .containsExactly("chatsdk-client");
        assertRefused(sign(refresh().withAudience("chatsdk-client:refresh:refresh")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'aud' claim is wrong.");
    }

    @Test
    void refusesARefreshTokenOfEitherFormAsAnAccessOrRealtimeToken() {
        String current = sign(refresh());
        String previous = sign(previousRefresh());

        assertRefused(current, TokenVerifier.Kind.ACCESS, ErrorCode.INVALID_TOKEN,
                "The token is not valid: its 'aud' claim is wrong.");
        assertRefused(previous, TokenVerifier.Kind.ACCESS, ErrorCode.INVALID_TOKEN,
                "The token is not valid: its 'type' claim is wrong.");
        // signed with the ws secret, which only a forger holding Centrifugo's key could do: still no realtime token
        assertRefused(signWs(refresh()), TokenVerifier.Kind.WS, ErrorCode.INVALID_TOKEN,
                "The realtime token is not valid: its 'aud' claim is wrong.");
        assertRefused(signWs(previousRefresh()), TokenVerifier.Kind.WS, ErrorCode.INVALID_TOKEN,
                "The realtime token is not valid: it is not a realtime token.");
    }

    @Test
    void refusesAnAccessOrRealtimeTokenAsARefreshToken() {
        assertRefused(sign(refresh().withClaim("type", "access")), TokenVerifier.Kind.REFRESH,
                ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid: its 'type' claim is wrong.");
        // a ws token's claims signed with the access key: no 'type' at all
        assertRefused(sign(untyped()), TokenVerifier.Kind.REFRESH, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: it lacks the 'type' claim.");
        // an access token as the module writes it: the access audience, which refresh still takes from the previous form
        assertRefused(sign(previousRefresh().withClaim("type", "access")), TokenVerifier.Kind.REFRESH,
                ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid: its 'type' claim is wrong.");
    }

    @Test
    void refusesATokenOfAnotherTypeAsAnAccessOrRealtimeToken() {
        // a ws token signed with the access key (no 'type'): not an access token
        assertRefused(sign(untyped()), TokenVerifier.Kind.ACCESS, ErrorCode.INVALID_TOKEN,
                "The token is not valid: it lacks the 'type' claim.");
        // an access token signed with the ws secret: not a realtime token
        assertRefused(signWs(untyped().withClaim("type", "access")), TokenVerifier.Kind.WS, ErrorCode.INVALID_TOKEN,
                "The realtime token is not valid: it is not a realtime token.");
        // each is accepted as what it is
        assertThat(verifier.verify(sign(untyped().withClaim("type", "access")), TokenVerifier.Kind.ACCESS, NOW, true)
                .getId()).isEqualTo("j-1");
        assertThat(verifier.verify(signWs(untyped()), TokenVerifier.Kind.WS, NOW, true).getId()).isEqualTo("j-1");
    }

    @Test
    void refusesOversizedTokensBeforeParsing() {
        assertRefused("a".repeat(TokenShape.MAX_LENGTH + 1), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: it is longer than 8192 characters.");
    }

    private String signRaw(String headerJson, String payloadJson) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return input + "." + b64.encodeToString(Algorithm.HMAC256(test.secret.getBytes(StandardCharsets.UTF_8))
                .sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesTokensJavaJwtCannotReadBeforeItReadsThem() {
        String header = "{\"kid\":\"chatsdk-1\",\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        assertRefused(signRaw("null", "{}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its header is not a JSON object.");
        assertRefused(signRaw(header, "null"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its payload is not a JSON object.");
        assertRefused(signRaw(header, "{\"exp\":9223372036854775807}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'exp' claim has the wrong type.");
        assertRefused(signRaw(header, "{\"sid\":{}}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'sid' claim has the wrong type.");
        assertRefused(signRaw(header, "{\"user\":[]}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'user' claim has the wrong type.");
        assertRefused(signRaw(header, "{\"sid\":\"a\",\"sid\":\"b\"}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its payload is not a JSON object.");
        assertRefused(signRaw("{\"alg\":\"HS256\",\"kid\":{}}", "{}"), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its header's 'kid' is not a string.");
        assertRefused("a.b.c.d.e", NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: it is not a well-formed JWT.");
        assertRefused("a..c", NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: it is not a well-formed JWT.");
    }

    @Test
    void refusesATokenWhoseClaimsNameAnotherUserOrApplication() {
        assertRefused(sign(refresh().withSubject(TestConfig.APP_ID + ":mallory")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'sub' claim names another user or application.");
        assertRefused(sign(refresh().withClaim("userId", "mallory")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'userId' claim names another user.");
        assertRefused(sign(refresh().withClaim("user", java.util.Map.of("id", "mallory"))), NOW,
                ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid: its 'user.id' claim names another user.");
        assertRefused(sign(refresh().withClaim("app_id", "other-app")), NOW, ErrorCode.INVALID_REFRESH_TOKEN,
                "The refresh token is not valid: its 'app_id' claim is wrong.");
    }
}
