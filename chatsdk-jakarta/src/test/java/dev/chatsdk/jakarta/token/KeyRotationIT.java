package dev.chatsdk.jakarta.token;


import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.session.InMemorySessionStore;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * RS256 over real HTTP: a verifier gets the key from the JWKS endpoint; after a key rotation (new active key,
 * the old one retired), sessions begun under the old key keep refreshing and new tokens carry the new kid.
 */
class KeyRotationIT {
    private final TestConfig test = new TestConfig();

    private static RSAPublicKey fromJwk(JsonNode jwk) throws Exception {
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText()));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    @Test
    void publishesTheKeysAndKeepsOldSessionsAliveAcrossARotation() throws Exception {
        KeyPair first = SigningKeysTest.rsa(2048);
        KeyPair second = SigningKeysTest.rsa(2048);
        InMemorySessionStore sessions = new InMemorySessionStore(100);
        ChatSdkConfig before = test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, SigningKeysTest.privatePem(first))
                .set(LocalKeysConfig.KEY_ID, "rsa-1").build();
        String oldRefresh;
        try (ChatNode node = ChatNode.start(ChatSdk.builder().config(before).sessionStore(sessions).build())) {
            JsonNode tokens = node.loginAlice();
            JsonNode jwks = node.http().call("GET", "/chatsdk/.well-known/jwks.json").send().json();
            assertThat(jwks.get("keys")).hasSize(1);
            RSAPublicKey published = fromJwk(jwks.get("keys").get(0));
            JWT.require(Algorithm.RSA256(published, null)).build().verify(tokens.get("accessToken").asText());
            oldRefresh = tokens.get("refreshToken").asText();
        }

        ChatSdkConfig after = test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, SigningKeysTest.privatePem(second))
                .set(LocalKeysConfig.KEY_ID, "rsa-2")
                .set(LocalKeysConfig.PREVIOUS_KEYS, List.of("rsa-1=" + SigningKeysTest.publicPem(first))).build();
        try (ChatNode node = ChatNode.start(ChatSdk.builder().config(after).sessionStore(sessions).build())) {
            JsonNode jwks = node.http().call("GET", "/chatsdk/.well-known/jwks.json").send().json();
            assertThat(jwks.get("keys")).extracting(k -> k.get("kid").asText()).containsExactly("rsa-2", "rsa-1");

            Http.Reply refreshed = node.refresh(oldRefresh);

            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            assertThat(JWT.decode(refreshed.json().get("accessToken").asText()).getKeyId()).isEqualTo("rsa-2");
            JWT.require(Algorithm.RSA256(fromJwk(jwks.get("keys").get(0)), null)).build()
                    .verify(refreshed.json().get("refreshToken").asText());
        }
    }

    @Test
    void answersNotFoundForJwksWithHs256() throws Exception {
        try (ChatNode node = ChatNode.start(ChatSdk.create(test.builder().build()))) {
            Http.Reply reply = node.http().call("GET", "/chatsdk/.well-known/jwks.json").send();

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        }
    }
}
