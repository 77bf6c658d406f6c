package dev.chatsdk.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.Settings;

/**
 * What every benchmark shares: the quickstart's configuration (roles, app id), a user with a profile,
 * and secrets and key pairs generated for this run only (never written anywhere).
 */
public final class Fixtures {
    public static final String APP_ID = "3f9c1a52-7d4e-4b8a-9c61-2e5f0d7b8a13";
    public static final String ROLE = "chat-user";
    public static final String KEY_ID = "k1";
    /** The largest per-user cap the module takes: in effect none. */
    public static final int MAX_PER_USER = 100_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** @return alice as the quickstart knows her: id, display name and avatar */
    public static ChatUser alice() {
        return ChatUser.builder("alice").name("Alice Example").avatar("https://example.com/avatars/alice.png").build();
    }

    /** @return a random secret of 48 bytes, base64url: what 'openssl rand -base64 48' would give */
    public static String secret() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @return the quickstart's configuration with fresh secrets, the rate limits off (they would only count the load)
     *         and no cap on one user's sessions (every load row logs the same user in, thousands of times a second,
     *         and the refresh rows' sessions must outlive the token rows between them)
     */
    public static ChatSdkConfig.Builder config(String secret, String wsSecret) {
        return ChatSdkConfig.builder().set(Settings.APP_ID, APP_ID).set(LocalKeysConfig.SECRET, secret)
                .set(LocalKeysConfig.WS_SECRET, wsSecret).set(LocalKeysConfig.KEY_ID, KEY_ID)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(ROLE)))
                .set(RateLimitConfig.USER, Optional.empty()).set(RateLimitConfig.IP, Optional.empty())
                .set(RateLimitConfig.API_KEY, Optional.empty())
                .set(SessionConfig.MAX_PER_USER, MAX_PER_USER);
    }

    /** @return a fresh RSA 2048 key pair */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a fresh P-256 key pair */
    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the key pair's private key as a PKCS#8 PEM */
    public static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** @return the key pair's public key as an X.509 PEM */
    public static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
