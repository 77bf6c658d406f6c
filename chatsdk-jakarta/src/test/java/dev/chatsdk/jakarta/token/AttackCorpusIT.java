package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Hostile tokens against refresh and validate over HTTP, on an RS256 deployment whose keys the attacker knows
 * only as far as the test grants: every one is a 401 with the right code, none a 5xx (RFC 8725). The deployment
 * signs with {@code rsa-2}; its predecessor {@code rsa-1} has finished its retirement (it was in
 * {@code chatsdk.local.previous-keys} and has been taken out), which {@link #acceptsTheRetiredKeyOnlyWhileItIsConfigured}
 * shows against the same deployment during the retirement.
 */
class AttackCorpusIT {
    private static final TestConfig TEST = new TestConfig();
    private static KeyPair active;
    private static KeyPair retired;
    private static ChatNode node;
    private static JsonNode tokens;

    @BeforeAll
    static void start() throws Exception {
        active = SigningKeysTest.rsa(2048);
        retired = SigningKeysTest.rsa(2048);
        node = ChatNode.start(ChatSdk.create(TEST.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.KEY_ID, "rsa-2").set(WebConfig.MAX_BODY_SIZE, 256 * 1024)
                .set(LocalKeysConfig.PRIVATE_KEY, SigningKeysTest.privatePem(active)).build()));
        tokens = node.loginAlice();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static JWTCreator.Builder claims(String type, String kid) {
        Instant now = Instant.now();
        JsonNode genuine = payload(tokens.get("refreshToken").asText());
        return JWT.create().withKeyId(kid).withIssuer("chatsdk-api").withAudience("chatsdk-client").withClaim("type", type)
                .withClaim("sid", genuine.get("sid").asText()).withClaim("user_id", "alice")
                .withSubject(TestConfig.APP_ID + ":alice").withClaim("app_id", TestConfig.APP_ID).withJWTId("j-" + now.toEpochMilli())
                .withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plusSeconds(600));
    }

    private static String rs(JWTCreator.Builder b, KeyPair keys) {
        return b.sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    /** @return the token with its header's {@code kid} replaced and signed again with the keys: only the key differs */
    private static String resign(String jwt, String kid, KeyPair keys) {
        try {
            String signed = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + jwt.split("\\.")[1];
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode payload(String jwt) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every hostile refresh token with the code it must earn. */
    private static Map<String, String> refreshCorpus() {
        String genuine = tokens.get("refreshToken").asText();
        String[] parts = genuine.split("\\.");
        byte[] payloadBytes = Base64.getUrlDecoder().decode(parts[1]);
        payloadBytes[payloadBytes.length / 2] ^= 0x01;
        String deepJson = "[".repeat(5000) + "]".repeat(5000);
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"rsa-2\"}") + "." + parts[1] + ".");
        corpus.put("HS256 signed with the RSA public key", claims("refresh", "rsa-2")
                .sign(Algorithm.HMAC256(active.getPublic().getEncoded())));
        corpus.put("signed by another key under our kid", rs(claims("refresh", "rsa-2"), SigningKeysTest.rsaUnchecked()));
        corpus.put("unknown kid", rs(claims("refresh", "rsa-9"), active));
        corpus.put("no kid", rs(claims("refresh", null), active));
        corpus.put("retired key after its retirement", resign(genuine, "rsa-1", retired));
        corpus.put("stripped signature", parts[0] + "." + parts[1] + ".");
        corpus.put("flipped payload bit", parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payloadBytes)
                + "." + parts[2]);
        corpus.put("nbf in the future", rs(claims("refresh", "rsa-2").withNotBefore(Instant.now().plusSeconds(3600))
                .withIssuedAt(Instant.now()), active));
        corpus.put("wrong iss", rs(claims("refresh", "rsa-2").withIssuer("evil"), active));
        corpus.put("wrong aud", rs(claims("refresh", "rsa-2").withAudience("evil"), active));
        corpus.put("access token used as refresh", tokens.get("accessToken").asText());
        corpus.put("ws token used as refresh", tokens.get("wsToken").asText());
        corpus.put("100 KB token", "a".repeat(50_000) + "." + "b".repeat(50_000) + ".c");
        corpus.put("non-base64 segments", "%%%.***.!!!");
        corpus.put("JSON bomb in the payload", parts[0] + "." + b64(deepJson) + "." + parts[2]);
        corpus.put("two segments", parts[0] + "." + parts[1]);
        return corpus;
    }

    @Test
    void refusesEveryHostileRefreshTokenWithAClientError() {
        for (Map.Entry<String, String> attack : refreshCorpus().entrySet()) {
            Http.Reply reply = node.http().call("POST", "/chatsdk/auth/refresh")
                    .json("{\"refreshToken\":\"" + attack.getValue().replace("\"", "") + "\"}").send();

            assertThat(reply.status()).as(attack.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().get("error").get("code").asText()).as(attack.getKey())
                    .isEqualTo("INVALID_REFRESH_TOKEN");
        }
    }

    @Test
    void acceptsTheRetiredKeyOnlyWhileItIsConfigured() throws Exception {
        // during the retirement: the same deployment with rsa-1 still in previous-keys verifies what rsa-1 signs
        try (ChatNode during = ChatNode.start(ChatSdk.create(TEST.builder()
                .set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256").set(LocalKeysConfig.KEY_ID, "rsa-2")
                .set(LocalKeysConfig.PRIVATE_KEY, SigningKeysTest.privatePem(active))
                .set(LocalKeysConfig.PREVIOUS_KEYS, List.of("rsa-1=" + SigningKeysTest.publicPem(retired).replace("\n", "\\n"))).build()))) {
            Http.Reply accepted = during.refresh(resign(during.loginAlice().get("refreshToken").asText(), "rsa-1", retired));

            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        }

        // after it (this class's deployment): the same kind of token, a genuine refresh token signed again with
        // rsa-1, is refused for its key id, and for nothing else
        Http.Reply refused = node.refresh(resign(tokens.get("refreshToken").asText(), "rsa-1", retired));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(refused.json().get("error").get("message").asText())
                .contains("its key id is not one of this server's keys");
    }

    @Test
    void refusesAnExpiredRefreshTokenAsExpired() {
        String expired = rs(claims("refresh", "rsa-2").withIssuedAt(Instant.now().minusSeconds(7200))
                .withNotBefore(Instant.now().minusSeconds(7200)).withExpiresAt(Instant.now().minusSeconds(3600)), active);

        Http.Reply reply = node.refresh(expired);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("REFRESH_TOKEN_EXPIRED");
    }

    @Test
    void refusesHostileTokensOnValidate() {
        Map<String, String> corpus = new LinkedHashMap<>(refreshCorpus());
        corpus.remove("access token used as refresh");
        corpus.remove("100 KB token"); // over the container's header limit (its own 431); the refresh body case covers it
        corpus.remove("JSON bomb in the payload");
        corpus.put("retired key after its retirement", resign(tokens.get("accessToken").asText(), "rsa-1", retired));
        corpus.put("refresh token used as access", tokens.get("refreshToken").asText());
        corpus.put("ws token used as access", tokens.get("wsToken").asText());
        for (Map.Entry<String, String> attack : corpus.entrySet()) {
            Http.Reply reply = node.http().call("GET", "/chatsdk/tokens/validate")
                    .header("Authorization", "Bearer " + attack.getValue()).send();

            assertThat(reply.status()).as(attack.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().get("error").get("code").asText()).as(attack.getKey()).isEqualTo("INVALID_TOKEN");
        }
        for (String ws : List.of(tokens.get("accessToken").asText(), tokens.get("refreshToken").asText())) {
            assertThat(node.http().call("GET", "/chatsdk/tokens/validate-ws").header("Authorization", "Bearer " + ws)
                    .send().status()).isEqualTo(401);
        }
    }
}
