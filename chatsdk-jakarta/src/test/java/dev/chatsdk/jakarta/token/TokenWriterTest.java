package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.TokenConfig;

/** The writer must produce exactly what java-jwt's JWTCreator produced before it, for every kind of claim. */
class TokenWriterTest {
    private static final long IAT = 1_704_831_600L;
    private final TestConfig test = new TestConfig();
    private final ChatSdkConfig config = test.builder().set(LocalKeysConfig.KEY_ID, "kid-\"1\"")
            .set(TokenConfig.ISSUER, "iss/é").set(TokenConfig.AUDIENCE, "aud \\ x")
            .set(TokenConfig.SCOPES, List.of("chat:read", "a\"b")).build();
    private final Algorithm hs256 = Algorithm.HMAC256(test.secret.getBytes(StandardCharsets.UTF_8));

    private JWTCreator.Builder javaJwt(String userId, String sid, String jti, long exp) {
        return JWT.create().withKeyId(config.local().keyId()).withIssuer(config.token().issuer()).withAudience(config.token().audience())
                .withSubject(config.appId() + ":" + userId).withClaim("user_id", userId).withClaim("app_id", config.appId())
                .withClaim("sid", sid).withJWTId(jti).withClaim("scopes", config.token().scopes())
                .withIssuedAt(Instant.ofEpochSecond(IAT)).withNotBefore(Instant.ofEpochSecond(IAT))
                .withExpiresAt(Instant.ofEpochSecond(exp));
    }

    @Test
    void writesTheSameTokenAsJavaJwtByteForByte() {
        TokenWriter writer = new TokenWriter(config, new Hs256(test.secret.getBytes(StandardCharsets.UTF_8)));
        String user = "ü \"quoted\" \\ \u2028 \t<script>";

        StringBuilder claims = writer.claims(user, "sid-1", "jti-1", IAT, IAT + 3600);
        TokenWriter.claim(claims, "type", "access");
        TokenWriter.claim(claims, "name", "Zoë 🙂");

        assertThat(writer.sign(claims)).isEqualTo(javaJwt(user, "sid-1", "jti-1", IAT + 3600).withClaim("type", "access")
                .withClaim("name", "Zoë 🙂").sign(hs256));
    }

    @Test
    void writesARefreshTokenWithItsOwnTypeAndAudienceAndNoScopesAsJavaJwtWould() {
        byte[] secret = test.secret.getBytes(StandardCharsets.UTF_8);
        TokenWriter writer = TokenWriter.refresh(config, new Hs256(secret));

        StringBuilder claims = writer.claims("u", "sid-1", "jti-1", IAT, IAT + 60);
        TokenWriter.claim(claims, "type", "refresh");

        assertThat(writer.sign(claims)).isEqualTo(JWT.create().withHeader(Map.of("typ", "refresh+jwt"))
                .withKeyId(config.local().keyId()).withIssuer(config.token().issuer()).withAudience(config.token().audience() + ":refresh")
                .withSubject(config.appId() + ":u").withClaim("user_id", "u").withClaim("app_id", config.appId())
                .withClaim("sid", "sid-1").withJWTId("jti-1").withIssuedAt(Instant.ofEpochSecond(IAT))
                .withNotBefore(Instant.ofEpochSecond(IAT)).withExpiresAt(Instant.ofEpochSecond(IAT + 60))
                .withClaim("type", "refresh").sign(hs256));
    }

    @Test
    void writesEveryClaimTypeJavaJwtAccepted() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("s", "x");
        nested.put("n", null);
        nested.put("list", List.of(1, 2L, 2.5, true, "y", List.of()));
        nested.put("deep", Map.of("k", Map.of()));
        nested.put("ints", new Integer[] {1, 2});
        nested.put("longs", new Long[] {3L});
        nested.put("strings", new String[] {"a", "\"b\""});
        nested.put("date", new Date(IAT * 1000 + 999));
        nested.put("big", Long.MAX_VALUE);
        nested.put("tiny", 1e-300);
        TokenWriter writer = new TokenWriter(config, new Hs256(test.secret.getBytes(StandardCharsets.UTF_8)));

        StringBuilder claims = writer.claims("u", "s", "j", IAT, IAT + 1);
        TokenWriter.claim(claims, "custom", nested);

        assertThat(writer.sign(claims)).isEqualTo(javaJwt("u", "s", "j", IAT + 1).withClaim("custom", nested).sign(hs256));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (Object bad : List.<Object>of(Double.NaN, Double.POSITIVE_INFINITY, new Object(), Map.of(1, "x"),
                List.of(new java.math.BigDecimal("1.5")), new int[] {1})) {
            assertThatThrownBy(() -> JsonText.value(new StringBuilder(), bad))
                    .as("%s", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void signsWithAsymmetricKeysTheWayJavaJwtVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        TokenWriter writer = new TokenWriter(config, rs256);

        String token = writer.sign(writer.claims("u", "s", "j", IAT, IAT + 60));

        assertThat(token).isEqualTo(javaJwt("u", "s", "j", IAT + 60).sign(rs256));
        assertThat(JWT.require(rs256).acceptLeeway(Long.MAX_VALUE / 2000).build().verify(token).getKeyId())
                .isEqualTo(config.local().keyId());
        assertThat(Arrays.stream(token.split("\\.")).count()).isEqualTo(3);
    }
}
