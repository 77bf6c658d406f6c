package dev.chatsdk.jakarta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.chatsdk.jakarta.config.CentrifugoConfig;
import dev.chatsdk.jakarta.config.ConfigValues;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.Setting;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.WebConfig;

/**
 * The rules of the configuration's root and those that span parts (each part checks its own keys), each reported as
 * one {@code CHATSDK-0nn} line that names the key (and its source) and how to fix it, never a secret's value.
 */
final class ConfigValidator {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");

    private ConfigValidator() {
    }

    /** The issuer, and the app id the local issuer needs. */
    static void root(String issuer, String appId, ConfigValues v) {
        if (issuer == null || issuer.isBlank()) {
            v.add("CHATSDK-040: %s is empty; remove it to use the default, or give it a value", v.where(Settings.ISSUER));
        }
        if (!ChatSdkConfig.LOCAL.equals(issuer)) {
            return;
        }
        if (appId == null || appId.isBlank()) {
            v.add("CHATSDK-010: %s is required when '%s=local'; set it (env %s) to your ChatSDK app id",
                    v.where(Settings.APP_ID), Settings.ISSUER.key(), Settings.APP_ID.env());
        } else if (appId.indexOf(':') >= 0 || appId.length() > 255 || !appId.strip().equals(appId)) {
            v.add("CHATSDK-016: %s must be 1 to 255 characters without ':' or surrounding spaces; "
                    + "set it to your ChatSDK app id", v.where(Settings.APP_ID));
        }
    }

    /**
     * The deprecated {@code chatsdk.api-key}: with the remote issuer it means {@code chatsdk.remote.api-key}, else
     * {@code chatsdk.web.api-keys}. Moves its value there (messages then name the old key), logs {@code CHATSDK-105},
     * or returns {@code CHATSDK-026} when the key it means is set too.
     */
    @SuppressWarnings("deprecation")
    static Optional<String> deprecatedApiKey(String issuer, Map<Setting<?>, Object> values, Map<String, String> aliases,
            UnaryOperator<String> where) {
        if (!values.containsKey(Settings.API_KEY)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) values.remove(Settings.API_KEY);
        boolean remote = ChatSdkConfig.REMOTE.equals(issuer);
        Setting<?> meant = remote ? RemoteConfig.API_KEY : WebConfig.API_KEYS;
        if (values.containsKey(meant)) {
            return Optional.of(String.format("CHATSDK-026: %s and %s are both set; %s is deprecated and%s means %s, so "
                    + "remove it and keep %s", where.apply(Settings.API_KEY.key()), where.apply(meant.key()),
                    Settings.API_KEY.key(), remote ? ", with 'chatsdk.issuer=remote'," : " here", meant.key(),
                    meant.key()));
        }
        values.put(meant, remote ? String.join(",", keys) : keys);
        aliases.put(meant.key(), Settings.API_KEY.key());
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-105: %s is deprecated; use %s (env %s)",
                Settings.API_KEY.key(), meant.key(), meant.env()));
        return Optional.empty();
    }

    /**
     * The keys the token API accepts stay apart from the signing secrets and from the key sent upstream; with the
     * remote issuer, which serves no token API, they are reported as ignored ({@code CHATSDK-107}).
     */
    static void acrossParts(ChatSdkConfig c, ConfigValues v) {
        List<String> accepted = c.web().apiKeys();
        Map<Setting<String>, String> sent = new LinkedHashMap<>();
        c.remote().apiKey().ifPresent(key -> sent.put(RemoteConfig.API_KEY, key));
        c.centrifugo().apiKey().ifPresent(key -> sent.put(CentrifugoConfig.API_KEY, key));
        for (int i = 0; i < accepted.size(); i++) {
            String key = accepted.get(i);
            for (Map.Entry<Setting<String>, String> other : sent.entrySet()) {
                if (!key.isBlank() && (key.equals(other.getValue()) || overlap(key, other.getValue()))) {
                    v.add("CHATSDK-027: %s has a key at position %d that equals, contains or is part of %s; a key "
                            + "sent to another service must not also open this module's token API, so give each its "
                            + "own random key", v.where(WebConfig.API_KEYS), i + 1, v.where(other.getKey()));
                }
            }
        }
        if (ChatSdkConfig.LOCAL.equals(c.issuer())) {
            apiKeysApartFromSecrets(c, v);
        }
        if (ChatSdkConfig.LOCAL.equals(c.issuer()) && c.remote().apiKey().isPresent()) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-108: %s is set, but the issuer is local, which "
                    + "sends it nowhere; remove it, or set %s to use the remote issuer", RemoteConfig.API_KEY.key(),
                    RemoteConfig.API_URL.key()));
        }
        if (ChatSdkConfig.REMOTE.equals(c.issuer()) && !accepted.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-107: %s is set, but the remote issuer serves no "
                    + "token API (the ChatSDK API issues the tokens), so these keys open nothing; remove it (the key "
                    + "sent to the ChatSDK API is %s)", WebConfig.API_KEYS.key(), RemoteConfig.API_KEY.key()));
        }
    }

    /**
     * An API key is sent by every server caller and sits in their configuration: it must not be (or contain, or be
     * contained in) a signing secret, or a leaked key would sign tokens.
     */
    private static void apiKeysApartFromSecrets(ChatSdkConfig c, ConfigValues v) {
        LocalKeysConfig keys = c.local();
        boolean hmac = keys.algorithm() == dev.chatsdk.jakarta.config.Algorithm.HS256;
        List<Map.Entry<Setting<?>, String>> secrets = new ArrayList<>();
        secrets.add(Map.entry(LocalKeysConfig.WS_SECRET, String.valueOf(keys.wsSecret())));
        if (hmac) {
            secrets.add(Map.entry(LocalKeysConfig.SECRET, String.valueOf(keys.secret())));
            for (String entry : keys.previousKeys()) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    secrets.add(Map.entry(LocalKeysConfig.PREVIOUS_KEYS, entry.substring(eq + 1).trim()));
                }
            }
        }
        List<String> accepted = c.web().apiKeys();
        for (int i = 0; i < accepted.size(); i++) {
            for (Map.Entry<Setting<?>, String> secret : secrets) {
                if (overlap(accepted.get(i), secret.getValue())) {
                    v.add("CHATSDK-012: %s has a key at position %d that equals, contains or is part of a secret in "
                            + "%s, so anyone holding the key could sign tokens; give the token API its own random key",
                            v.where(WebConfig.API_KEYS), i + 1, v.where(secret.getKey()));
                }
            }
        }
        for (Map.Entry<Setting<?>, String> secret : secrets) {
            if (overlap(c.centrifugo().apiKey().orElse(null), secret.getValue())) {
                v.add("CHATSDK-012: %s equals, contains or is part of a secret in %s, and is sent to Centrifugo on every "
                        + "disconnect; give Centrifugo's API its own key", v.where(CentrifugoConfig.API_KEY),
                        v.where(secret.getKey()));
            }
        }
    }

    /**
     * @return whether one contains the other (equal included), the shorter being at least 16 characters: a value that
     *         short is refused by its own rule anyway, and would be found inside random secrets by chance
     */
    private static boolean overlap(String a, String b) {
        return a != null && b != null && Math.min(a.length(), b.length()) >= 16 && (a.contains(b) || b.contains(a));
    }
}
