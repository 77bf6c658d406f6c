package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CONTRACT §1, §3: {@code GET {api-base}/.well-known/jwks.json} publishes the public keys of an RS256/ES256 target,
 * with which its tokens verify, and nothing private; with HS256 it is 404 {@code NOT_FOUND}. Needs the declared
 * algorithm ({@code chatsdk.tck.algorithm}, or HS256 implied by {@code chatsdk.tck.secret}).
 */
@Tag(TckTags.JWKS)
public class JwksTck extends TckHttp {
    private static final String PATH = "/.well-known/jwks.json";

    private static String asymmetric() {
        String algorithm = TckTarget.algorithm();
        assumeTrue(algorithm != null, "needs chatsdk.tck.algorithm (the target's chatsdk.local.algorithm)");
        assumeTrue(!algorithm.equals("HS256"), "the target signs HS256: it publishes no keys");
        return algorithm;
    }

    private static JsonNode keys() {
        Reply reply = send(request(api(PATH)).GET());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        return reply.json().get("keys");
    }

    @Test
    void verifiesTheTargetsTokensWithThePublishedKey() {
        String algorithm = asymmetric();
        JsonNode tokens = login();
        JsonNode keys = keys();

        for (String field : new String[] {"accessToken", "refreshToken"}) {
            String token = text(tokens, field);
            JsonNode header = header(token);
            assertThat(header.get("alg").asText()).isEqualTo(algorithm);
            JsonNode key = null;
            for (JsonNode k : keys) {
                if (k.path("kid").asText().equals(header.get("kid").asText())) {
                    key = k;
                }
            }
            assertThat(key).as("a published key with kid " + header.get("kid") + " in " + keys).isNotNull();
            assertThat(key.get("kty").asText()).isEqualTo(algorithm.equals("RS256") ? "RSA" : "EC");
            assertThat(Keys.verifies(token, key)).as(field + " verifies with the published key").isTrue();
            String[] parts = token.split("\\.");
            String tampered = parts[0] + "." + part("{\"user_id\":\"tck-mallory\"}") + "." + parts[2];
            assertThat(Keys.verifies(tampered, key)).as("a changed payload does not verify").isFalse();
        }
    }

    @Test
    void publishesNoPrivateKeyMaterial() {
        asymmetric();
        JsonNode keys = keys();

        assertThat(keys.size()).isPositive();
        for (JsonNode key : keys) {
            for (String secret : new String[] {"d", "p", "q", "dp", "dq", "qi", "k"}) {
                assertThat(key.has(secret)).as("private member '" + secret + "' in " + key).isFalse();
            }
        }
    }

    @Test
    void answersNotFoundWithHs256() {
        String algorithm = TckTarget.algorithm();
        assumeTrue(algorithm != null, "needs chatsdk.tck.algorithm or chatsdk.tck.secret");
        assumeTrue(algorithm.equals("HS256"), "the target signs " + algorithm + ": it publishes its keys");

        assertError(send(request(api(PATH)).GET()), 404, "NOT_FOUND");
    }

    private static JsonNode header(String jwt) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
