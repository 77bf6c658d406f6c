package dev.chatsdk.jakarta;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.WebConfig;

/** One test deployment's configuration, with secrets generated per run (never committed). */
public final class TestConfig {
    public static final String APP_ID = "3f0c2a4e-6a1b-4c5d-9e8f-0a1b2c3d4e5f";
    private static final SecureRandom RANDOM = new SecureRandom();

    public final String secret = randomSecret();
    public final String wsSecret = randomSecret();
    public final String apiKey = "ck_test_" + randomSecret();

    public TestConfig() {
        NoSecretsInLogs.secret(secret, wsSecret, apiKey);
    }

    public static String randomSecret() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the configuration as MicroProfile Config properties */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ChatSdkConfig.Keys.APP_ID, APP_ID);
        p.put(ChatSdkConfig.Keys.LOCAL_SECRET, secret);
        p.put(ChatSdkConfig.Keys.LOCAL_WS_SECRET, wsSecret);
        p.put(ChatSdkConfig.Keys.WEB_API_KEYS, "ck_old_" + randomSecret() + "," + apiKey);
        p.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        // the rate limits have their own tests; elsewhere they would only count the tests' own calls
        p.put(ChatSdkConfig.Keys.RATE_LIMIT_USER, "off");
        p.put(ChatSdkConfig.Keys.RATE_LIMIT_IP, "off");
        p.put(ChatSdkConfig.Keys.RATE_LIMIT_API_KEY, "off");
        // wrong API keys can never be unthrottled; the tests that send them on purpose (the kit) need a wide budget
        p.put(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, FAILED_API_KEYS);
        // the test servers offer BASIC, and leave the token endpoint to the module (see TestWebapp)
        p.put(ChatSdkConfig.Keys.AUTH_CHALLENGE, AUTH_CHALLENGE);
        return p;
    }

    /** The failed API key budget of every test deployment; {@code RateLimitIT} proves the default of 10 a minute. */
    static final String FAILED_API_KEYS = "100000/1m";

    /** The challenge of the test servers' BASIC realm, sent with the module's own 401. */
    public static final String AUTH_CHALLENGE = "Basic realm=\"chatsdk-test\", charset=\"UTF-8\"";

    /** @return the same configuration built in code */
    public ChatSdkConfig.Builder builder() {
        return ChatSdkConfig.builder().set(Settings.APP_ID, APP_ID).set(LocalKeysConfig.SECRET, secret)
                .set(LocalKeysConfig.WS_SECRET, wsSecret)
                .set(WebConfig.API_KEYS, List.of(apiKey))
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.USER, Optional.empty()).set(RateLimitConfig.IP, Optional.empty())
                .set(RateLimitConfig.API_KEY, Optional.empty())
                .set(RateLimitConfig.FAILED_API_KEY, Optional.ofNullable(Rate.parse(FAILED_API_KEYS)))
                .set(WebConfig.AUTH_CHALLENGE, AUTH_CHALLENGE);
    }
}
