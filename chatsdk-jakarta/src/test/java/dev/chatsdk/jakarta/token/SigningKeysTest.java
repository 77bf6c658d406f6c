package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.auth0.jwt.JWT;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;

/** Key material generated per run: RS256 and ES256 pairs, rotation, JWKs, and every rejection. */
class SigningKeysTest {
    private final TestConfig test = new TestConfig();

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** @return a fresh 2048-bit pair, for tests that cannot throw */
    static KeyPair rsaUnchecked() {
        try {
            return rsa(2048);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static List<String> problems(ChatSdkConfig config) {
        try {
            SigningKeys.load(config);
        } catch (ChatSdkConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a key problem");
    }

    @Test
    void signsRs256WithTheKidAndPublishesEveryPublicKey(@TempDir Path dir) throws Exception {
        KeyPair active = rsa(2048);
        KeyPair retired = rsa(2048);
        Path file = Files.writeString(dir.resolve("key.pem"), privatePem(active));
        ChatSdkConfig config = test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, "file:" + file).set(LocalKeysConfig.KEY_ID, "rsa-2")
                .set(LocalKeysConfig.PREVIOUS_KEYS, List.of("rsa-1=" + publicPem(retired).replace("\n", "\\n"))).build();

        SigningKeys keys = SigningKeys.load(config);

        String token = JWT.create().withKeyId(keys.activeKid).withClaim("x", 1).sign(keys.signer);
        assertThat(JWT.decode(token).getAlgorithm()).isEqualTo("RS256");
        keys.verifiers.get("rsa-2").verify(JWT.decode(token));
        assertThat(keys.verifiers).containsOnlyKeys("rsa-2", "rsa-1");
        assertThat(keys.jwks).extracting(k -> k.get("kid")).containsExactly("rsa-2", "rsa-1");
        Map<String, Object> jwk = keys.jwks.get(0);
        assertThat(jwk).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                .containsEntry("e", "AQAB").containsKey("n");
    }

    @Test
    void signsEs256WithAMatchingPairOnP256() throws Exception {
        KeyPair pair = ec("secp256r1");
        ChatSdkConfig config = test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "ES256")
                .set(LocalKeysConfig.PRIVATE_KEY, privatePem(pair)).set(LocalKeysConfig.PUBLIC_KEY, publicPem(pair))
                .build();

        SigningKeys keys = SigningKeys.load(config);

        String token = JWT.create().withKeyId(keys.activeKid).sign(keys.signer);
        keys.verifiers.get("chatsdk-1").verify(JWT.decode(token));
        assertThat(keys.jwks.get(0)).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("alg", "ES256");
        assertThat(Base64.getUrlDecoder().decode((String) keys.jwks.get(0).get("x"))).hasSize(32);
    }

    @Test
    void publishesNoKeysForHs256() {
        assertThat(SigningKeys.load(test.builder().build()).jwks).isEmpty();
    }

    @Test
    void refusesWeakWrongAndMismatchedKeys() throws Exception {
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, privatePem(rsa(1024))).build()))
                .containsExactly("CHATSDK-095: the RSA key 'chatsdk-1' has 1024 bits; use at least 2048");
        KeyPair p384 = ec("secp384r1");
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "ES256")
                .set(LocalKeysConfig.PRIVATE_KEY, privatePem(p384)).set(LocalKeysConfig.PUBLIC_KEY, publicPem(p384))
                .build())).containsExactly("CHATSDK-095: the EC key 'chatsdk-1' is not on the P-256 curve, which ES256 "
                        + "needs; create one with 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256'");
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, privatePem(ec("secp256r1"))).build()))
                .containsExactly("CHATSDK-093: 'chatsdk.local.private-key' is not a RSA private key, which RS256 needs");
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "ES256")
                .set(LocalKeysConfig.PRIVATE_KEY, privatePem(ec("secp256r1")))
                .set(LocalKeysConfig.PUBLIC_KEY, publicPem(ec("secp256r1"))).build())).containsExactly("CHATSDK-096: "
                        + "'chatsdk.local.private-key' and 'chatsdk.local.public-key' are not one key pair; configure the "
                        + "public key of this private key");
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, "not a pem").build())).containsExactly(
                "CHATSDK-093: 'chatsdk.local.private-key' does not hold a PKCS#8 PEM private key (convert older formats "
                        + "with 'openssl pkcs8 -topk8 -nocrypt')");
        assertThat(problems(test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, "file:/nonexistent/key.pem").build()))
                .containsExactly("CHATSDK-093: 'chatsdk.local.private-key' names the file /nonexistent/key.pem, which "
                        + "cannot be read (NoSuchFileException)");
        assertThat(problems(test.builder()
                .set(LocalKeysConfig.PREVIOUS_KEYS, List.of("chatsdk-1=old-secret-old-secret-old-secret-12")).build()))
                .containsExactly("CHATSDK-094: 'chatsdk.local.previous-keys' repeats the key id 'chatsdk-1'; every key "
                        + "needs its own kid");
    }

    @Test
    void neverPrintsThePrivateKey() throws Exception {
        String key = privatePem(rsa(2048));
        ChatSdkConfig config = test.builder().set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, key).build();

        assertThat(config.toString()).doesNotContain(key.substring(40, 80)).contains("privateKey=<set,");
    }

    @Test
    void requiresAPrivateKeyForRsaAndEc() {
        assertThatThrownBy(() -> test.builder()
                .set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "ES256").build()).isInstanceOf(ChatSdkConfigException.class)
                .hasMessageContaining("CHATSDK-091: 'chatsdk.local.private-key' is required when "
                        + "'chatsdk.local.algorithm=ES256'");
        assertThatThrownBy(() -> test.builder()
                .set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "PS256").build()).hasMessageContaining(
                "CHATSDK-090: 'chatsdk.local.algorithm' is 'PS256'; use HS256, RS256 or ES256");
    }
}
