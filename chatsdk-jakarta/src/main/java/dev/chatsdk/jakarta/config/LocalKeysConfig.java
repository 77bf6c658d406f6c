package dev.chatsdk.jakarta.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The keys the {@code local} issuer signs with ({@code chatsdk.local.*}). Immutable; {@link #toString()} prints no
 * secret.
 *
 * @since 0.3
 */
public final class LocalKeysConfig {
    /** Minimum length of an HS256 secret, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    /** HS256 secret for access and refresh tokens, at least 32 bytes (UTF-8); required for local. */
    public static final Setting<String> SECRET = Setting.text("chatsdk.local.secret", null).asSecret();
    /** HS256 secret for the realtime token, at least 32 bytes and different from the secret; required for local. */
    public static final Setting<String> WS_SECRET = Setting.text("chatsdk.local.ws-secret", null).asSecret();
    /** Signing algorithm of access and refresh tokens: {@code HS256} (default), {@code RS256} or {@code ES256}. */
    public static final Setting<Algorithm> ALGORITHM = Setting.choice("chatsdk.local.algorithm", Algorithm.HS256,
            Algorithm::parse, "CHATSDK-090: %s is '%s'; use HS256, RS256 or ES256",
            "CHATSDK-090: %s is not set; use HS256, RS256 or ES256");
    /** RS256/ES256 private key: PKCS#8 PEM, as the value or {@code file:/path}; never printed. */
    public static final Setting<String> PRIVATE_KEY = Setting.text("chatsdk.local.private-key", null).asSecret();
    /** RS256/ES256 public key (SPKI PEM, value or {@code file:}); derived for RS256, required for ES256. */
    public static final Setting<String> PUBLIC_KEY = Setting.text("chatsdk.local.public-key", null);
    /** Retired keys still accepted for verification, as {@code kid=key} entries (HS256: secrets; RS/ES: public keys). */
    public static final Setting<List<String>> PREVIOUS_KEYS = Setting.list("chatsdk.local.previous-keys").asSecret();
    /** The {@code kid} header of locally signed tokens; default {@code chatsdk-1}. */
    public static final Setting<String> KEY_ID = Setting.text("chatsdk.local.key-id", "chatsdk-1");


    private final String secret;
    private final String wsSecret;
    private final Algorithm algorithm;
    private final String privateKey;
    private final String publicKey;
    private final List<String> previousKeys;
    private final String keyId;

    private LocalKeysConfig(ConfigValues v) {
        this.secret = v.get(SECRET);
        this.wsSecret = v.get(WS_SECRET);
        this.algorithm = v.get(ALGORITHM);
        this.privateKey = v.get(PRIVATE_KEY);
        this.publicKey = v.get(PUBLIC_KEY);
        this.previousKeys = List.copyOf(v.get(PREVIOUS_KEYS));
        this.keyId = v.get(KEY_ID);
    }

    /**
     * @param v      the values; this part's problems are added to them
     * @param active whether the {@code local} issuer uses these keys (else only their form is checked)
     * @return the part
     */
    public static LocalKeysConfig from(ConfigValues v, boolean active) {
        LocalKeysConfig c = new LocalKeysConfig(v);
        if (active) {
            c.check(v);
        }
        Checks.notBlank(v, KEY_ID, c.keyId);
        return c;
    }

    private void check(ConfigValues v) {
        v.check(ALGORITHM);
        v.check(PREVIOUS_KEYS);
        boolean hmac = algorithm == Algorithm.HS256;
        if (hmac) {
            secret(v, SECRET, secret);
        } else if (algorithm != null && !Checks.isSet(privateKey)) {
            v.add("CHATSDK-091: %s is required when '%s=%s'; set it (env %s) to a PKCS#8 PEM private key, or "
                    + "file:/path/to/key.pem", v.where(PRIVATE_KEY), ALGORITHM.key(), algorithm, PRIVATE_KEY.env());
        }
        for (String entry : previousKeys) {
            int eq = entry.indexOf('=');
            if (entry.isEmpty()) {
                continue;
            } else if (eq <= 0 || eq == entry.length() - 1) {
                v.add("CHATSDK-092: %s has an entry that is not 'kid=key'; write each retired key as its key id, '=', "
                        + "and the secret (HS256) or public key (PEM or file:)", v.where(PREVIOUS_KEYS));
            } else if (hmac) {
                retiredSecret(v, entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        checkWsSecret(v);
    }

    private void checkWsSecret(ConfigValues v) {
        secret(v, WS_SECRET, wsSecret);
        if (algorithm == Algorithm.HS256 && Checks.overlap(secret, wsSecret)) {
            v.add("CHATSDK-014: %s must differ from %s, and neither may contain the other, so that a leaked realtime "
                    + "secret cannot sign access tokens; set a second random secret", v.where(WS_SECRET),
                    v.where(SECRET));
        }
    }

    /** A retired HS256 secret still verifies tokens, so it obeys the active secret's rules. */
    private void retiredSecret(ConfigValues v, String kid, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_SECRET_BYTES) {
            v.add("CHATSDK-017: %s has the retired key '%s' of %d bytes; HS256 needs at least %d bytes, so remove it "
                    + "(tokens it signed cannot be trusted)", v.where(PREVIOUS_KEYS), kid, bytes, MIN_SECRET_BYTES);
        }
        if (Checks.overlap(value, wsSecret)) {
            v.add("CHATSDK-018: %s has the retired key '%s' equal to, containing or part of %s, so a leaked realtime "
                    + "secret could sign access tokens; remove it, or change %s", v.where(PREVIOUS_KEYS), kid,
                    v.where(WS_SECRET), WS_SECRET.key());
        }
        if (Checks.looksPasted(value)) {
            v.add("CHATSDK-019: %s has the retired key '%s' starting or ending with whitespace, or with what looks like "
                    + "an inline comment (whitespace, then '#' or '!'); write the secret alone", v.where(PREVIOUS_KEYS),
                    kid);
        }
    }

    private static void secret(ConfigValues v, Setting<String> setting, String value) {
        if (value == null || value.isEmpty()) {
            v.add("CHATSDK-011: %s is required when 'chatsdk.issuer=local'; set it (env %s) to a random string of at "
                    + "least %d bytes, e.g. the output of 'openssl rand -base64 48'", v.where(setting), setting.env(),
                    MIN_SECRET_BYTES);
            return;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_SECRET_BYTES) {
            v.add("CHATSDK-013: %s is %d bytes long; HS256 needs at least %d bytes, e.g. the output of "
                    + "'openssl rand -base64 48'", v.where(setting), bytes, MIN_SECRET_BYTES);
        }
        if (Checks.looksPasted(value)) {
            Checks.pasted(v, setting);
        }
    }

    /** @return the HS256 secret of access and refresh tokens. Never log it. */
    public String secret() {
        return secret;
    }

    /** @return the HS256 secret of ws tokens. Never log it. */
    public String wsSecret() {
        return wsSecret;
    }

    /** @return the signing algorithm of access and refresh tokens */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** @return the PEM (or {@code file:} path) of the RS/ES private key. Never log it. */
    public Optional<String> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** @return the PEM (or {@code file:} path) of the RS/ES public key */
    public Optional<String> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** @return retired keys as {@code kid=key} entries. Never log them. */
    public List<String> previousKeys() {
        return previousKeys;
    }

    /** @return the {@code kid} header value */
    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "local[algorithm=" + algorithm + ", secret=" + Checks.redacted(secret) + ", wsSecret="
                + Checks.redacted(wsSecret) + ", privateKey=" + Checks.redacted(privateKey) + ", previousKeys="
                + previousKeys.size() + " set, keyId=" + keyId + "]";
    }
}
