package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;

/**
 * {@link Hs256} is java-jwt's HMAC256 with a keyed Mac per thread, and the verifier checks it before reading the
 * payload: on a forgery corpus (another key, {@code none}, other algorithms, every single character of every segment
 * changed, truncations, padding, segments swapped, types changed) both give the same verdict on every token, and the
 * verifier refuses every forgery as java-jwt would, with the refresh token's code.
 */
class Hs256Test {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final TestConfig test = new TestConfig();
    private final ChatSdkConfig config = test.builder().build();
    private final byte[] secret = test.secret.getBytes(StandardCharsets.UTF_8);
    private final Algorithm javaJwt = Algorithm.HMAC256(secret);
    private final Hs256 ours = new Hs256(secret);
    private final TokenVerifier verifier = new TokenVerifier(config, SigningKeys.load(config));

    private JWTCreator.Builder refresh() {
        return JWT.create().withHeader(Map.of("typ", "refresh+jwt")).withKeyId("chatsdk-1").withIssuer("chatsdk-api")
                .withAudience("chatsdk-client:refresh").withClaim("type", "refresh").withClaim("sid", "s-1")
                .withClaim("user_id", "u-1").withSubject(TestConfig.APP_ID + ":u-1").withClaim("app_id", TestConfig.APP_ID)
                .withJWTId("j-1").withIssuedAt(NOW).withNotBefore(NOW).withExpiresAt(NOW.plusSeconds(3600));
    }

    private static String segment(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every forgery of {@code valid}, by what was done to it. */
    private Map<String, String> forgeries(String valid) {
        String[] parts = valid.split("\\.");
        String signed = parts[0] + "." + parts[1];
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("another key", refresh().sign(Algorithm.HMAC256("another secret of thirty-two bytes or more!")));
        corpus.put("the ws secret", refresh().sign(Algorithm.HMAC256(test.wsSecret.getBytes(StandardCharsets.UTF_8))));
        corpus.put("alg none, no signature", segment("{\"kid\":\"chatsdk-1\",\"alg\":\"none\"}") + "." + parts[1] + ".");
        corpus.put("alg none, the signature kept", segment("{\"kid\":\"chatsdk-1\",\"alg\":\"none\"}") + "." + parts[1]
                + "." + parts[2]);
        for (String alg : new String[] {"HS384", "HS512", "RS256", "ES256", "hs256", "HS256 "}) {
            String header = segment("{\"typ\":\"refresh+jwt\",\"kid\":\"chatsdk-1\",\"alg\":\"" + alg + "\"}");
            corpus.put("alg " + alg + ", HS256 signature of the new header", header + "." + parts[1] + "."
                    + B64.encodeToString(javaJwt.sign((header + "." + parts[1]).getBytes(StandardCharsets.US_ASCII))));
            corpus.put("alg " + alg + ", the old signature", header + "." + parts[1] + "." + parts[2]);
        }
        corpus.put("HS384 with our secret", refresh().sign(Algorithm.HMAC384(secret)));
        corpus.put("kid of nobody", refresh().withKeyId("nobody").sign(javaJwt).replaceFirst("^[^.]*", parts[0]));
        corpus.put("alg as a number", segment("{\"kid\":\"chatsdk-1\",\"alg\":256}") + "." + parts[1] + "." + parts[2]);
        corpus.put("signature empty", signed + ".");
        corpus.put("signature padded", valid + "=");
        corpus.put("signature with a space", valid + " ");
        corpus.put("signature truncated", valid.substring(0, valid.length() - 1));
        corpus.put("signature doubled", valid + parts[2]);
        corpus.put("signature in base64, not base64url", signed + "."
                + Base64.getEncoder().encodeToString(javaJwt.sign(signed.getBytes(StandardCharsets.US_ASCII))));
        corpus.put("segments swapped", parts[1] + "." + parts[0] + "." + parts[2]);
        corpus.put("four segments", valid + "." + parts[2]);
        corpus.put("two segments", signed);
        corpus.put("payload of another token", parts[0] + "." + refresh().withClaim("user_id", "admin")
                .withSubject(TestConfig.APP_ID + ":admin").sign(javaJwt).split("\\.")[1] + "." + parts[2]);
        for (int segment = 0; segment < 3; segment++) {
            for (int i = 0; i < parts[segment].length(); i++) {
                char c = parts[segment].charAt(i);
                for (char to : new char[] {c == 'A' ? 'B' : 'A', c == '_' ? '-' : '_', (char) (c ^ 1)}) {
                    String[] changed = parts.clone();
                    changed[segment] = parts[segment].substring(0, i) + to + parts[segment].substring(i + 1);
                    if (!changed[segment].equals(parts[segment])) {
                        corpus.put("segment " + segment + " char " + i + " -> " + to, String.join(".", changed));
                    }
                }
            }
        }
        // a last character whose unused bits are set: java-jwt's decoder ignores them (the same signature bytes), the
        // verifier's shape check does not (one token, one spelling)
        String last = parts[2].substring(0, parts[2].length() - 1);
        char end = parts[2].charAt(parts[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        corpus.put("signature's unused bits set", signed + "." + last + alphabet.charAt(alphabet.indexOf(end) + 1));
        return corpus;
    }

    private static Boolean accepts(Algorithm algorithm, String token) {
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (RuntimeException e) {
            return null;
        }
        try {
            algorithm.verify(decoded);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void signsByteForByteAsJavaJwt() {
        for (String content : new String[] {"", "a.b", "eyJhbGciOiJIUzI1NiJ9.e30", "ü€🙂"}) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            assertThat(ours.sign(bytes)).isEqualTo(javaJwt.sign(bytes));
            assertThat(ours.sign(bytes, bytes)).isEqualTo(javaJwt.sign(bytes, bytes));
        }
        assertThat(refresh().sign(ours)).isEqualTo(refresh().sign(javaJwt));
        assertThat(ours.getName()).isEqualTo(javaJwt.getName());
        assertThat(ours.toString()).doesNotContain(test.secret);
    }

    @Test
    void givesJavaJwtsVerdictOnEveryForgery() {
        String valid = refresh().sign(javaJwt);
        assertThat(accepts(ours, valid)).isTrue();
        assertThat(ours.matches(valid, valid.lastIndexOf('.'))).isTrue();

        Map<String, String> corpus = forgeries(valid);
        assertThat(corpus).hasSizeGreaterThan(1000);
        corpus.forEach((what, token) -> {
            Boolean theirs = accepts(javaJwt, token);
            assertThat(accepts(ours, token)).as(what).isEqualTo(theirs);
            if (theirs != null && token.chars().filter(c -> c == '.').count() == 2) {
                assertThat(ours.matches(token, token.lastIndexOf('.'))).as(what).isEqualTo(theirs);
            }
        });
    }

    @Test
    void theVerifierRefusesEveryForgeryAsInvalidAndAcceptsTheToken() {
        String valid = refresh().sign(javaJwt);
        assertThat(verifier.verify(valid, TokenVerifier.Kind.REFRESH, NOW, true).getId()).isEqualTo("j-1");

        forgeries(valid).forEach((what, token) -> assertThatThrownBy(
                () -> verifier.verify(token, TokenVerifier.Kind.REFRESH, NOW, true)).as(what)
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN)));
    }

    /** A token found signed by {@code matches} is verified without a second HMAC, and only that very text. */
    @Test
    void takesTheVerdictOfMatchesOnlyForTheSameText() {
        String valid = refresh().sign(javaJwt);
        String other = refresh().withJWTId("j-2").sign(Algorithm.HMAC256("another secret of thirty-two bytes or more!"));
        assertThat(ours.matches(valid, valid.lastIndexOf('.'))).isTrue();
        // the next verify, of another token, still computes (and refuses) it
        assertThat(accepts(ours, other)).isFalse();
        assertThat(ours.matches(valid, valid.lastIndexOf('.'))).isTrue();
        assertThat(accepts(ours, valid)).isTrue();
        // taken once: a forgery of the same header and payload verified later is computed again
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + B64.encodeToString(new byte[32]);
        assertThat(accepts(ours, forged)).isFalse();
        assertThat(ours.matches(forged, forged.lastIndexOf('.'))).isFalse();
        assertThat(accepts(ours, forged)).isFalse();
    }

    /** One token, one spelling: the signature's last character may not carry set bits the decoder would ignore. */
    @Test
    void refusesEverySpellingOfTheSignatureButTheCanonicalOne() {
        String valid = refresh().sign(javaJwt);
        String head = valid.substring(0, valid.length() - 1);
        char end = valid.charAt(valid.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int extra = 1; extra < 4; extra++) {
            String other = head + alphabet.charAt(alphabet.indexOf(end) + extra);
            assertThat(accepts(javaJwt, other)).as("java-jwt ignores the unused bits").isTrue();
            assertThatThrownBy(() -> verifier.verify(other, TokenVerifier.Kind.REFRESH, NOW, true))
                    .hasMessage("The refresh token is not valid: its signature does not verify.");
        }
        assertThat(ClaimTypes.canonicalEnd("AR")).isFalse();
        assertThat(ClaimTypes.canonicalEnd("Ag")).isTrue();
        assertThat(ClaimTypes.canonicalEnd("ABF")).isFalse();
        assertThat(ClaimTypes.canonicalEnd("ABE")).isTrue();
        assertThat(ClaimTypes.canonicalEnd("abcd")).isTrue();
    }

    @Test
    void refusesATokenOfAnotherKeyBeforeReadingItsPayload() {
        // the payload is no JSON at all: only a verifier that reads it before the signature says so
        String header = segment("{\"typ\":\"refresh+jwt\",\"kid\":\"chatsdk-1\",\"alg\":\"HS256\"}");
        String payload = segment("not json");
        String foreign = header + "." + payload + "." + B64.encodeToString(Algorithm.HMAC256("another secret of "
                + "thirty-two bytes or more!").sign((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        String ownKey = header + "." + payload + "."
                + B64.encodeToString(javaJwt.sign((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> verifier.verify(foreign, TokenVerifier.Kind.REFRESH, NOW, true))
                .hasMessage("The refresh token is not valid: its signature does not verify.");
        assertThatThrownBy(() -> verifier.verify(ownKey, TokenVerifier.Kind.REFRESH, NOW, true))
                .hasMessage("The refresh token is not valid: its payload is not a JSON object.");
    }
}
