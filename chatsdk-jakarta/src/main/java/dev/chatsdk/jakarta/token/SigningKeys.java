package dev.chatsdk.jakarta.token;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * The keys of access and refresh tokens, parsed and checked once at start-up: the active key signs (its
 * {@code kid} is {@code chatsdk.local.key-id}); it and the retired keys of {@code chatsdk.local.previous-keys}
 * verify, each by its own {@code kid}. The algorithm is the configured one, never the token's. RSA keys must
 * have at least 2048 bits, EC keys must be on P-256, and a configured key pair must match. Immutable.
 */
final class SigningKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    final String activeKid;
    final Algorithm signer;
    final Map<String, Algorithm> verifiers;
    final List<Map<String, Object>> jwks;
    /** The realtime (ws) token's key, Centrifugo's {@code token_hmac_secret_key}: it signs and verifies ws tokens. */
    final Hs256 ws;

    private SigningKeys(String activeKid, Algorithm signer, Map<String, Algorithm> verifiers, List<Map<String, Object>> jwks,
            Hs256 ws) {
        this.activeKid = activeKid;
        this.signer = signer;
        this.verifiers = verifiers;
        this.jwks = jwks;
        this.ws = ws;
    }

    static SigningKeys load(ChatSdkConfig config) {
        List<String> problems = new ArrayList<>();
        Map<String, Algorithm> verifiers = new LinkedHashMap<>();
        List<Map<String, Object>> jwks = new ArrayList<>();
        String kid = config.local().keyId();
        Algorithm signer = null;
        try {
            switch (config.local().algorithm().name()) {
                case "RS256": {
                    RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) privateKey(config, "RSA", problems);
                    RSAPublicKey publicKey = config.local().publicKey().isPresent() ? (RSAPublicKey) publicKey(config.local().publicKey().orElse(null),
                            "RSA", ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY, problems) : derive(privateKey);
                    signer = rsa(kid, publicKey, privateKey, verifiers, jwks, problems);
                    break;
                }
                case "ES256": {
                    ECPrivateKey privateKey = (ECPrivateKey) privateKey(config, "EC", problems);
                    if (config.local().publicKey().isEmpty()) {
                        problems.add(String.format("CHATSDK-097: '%s' is required with ES256 (Java cannot derive it); "
                                + "export it with 'openssl ec -in key.pem -pubout'", ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY));
                        break;
                    }
                    ECPublicKey publicKey = (ECPublicKey) publicKey(config.local().publicKey().orElse(null), "EC",
                            ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY, problems);
                    signer = ec(kid, publicKey, privateKey, verifiers, jwks, problems);
                    break;
                }
                default:
                    signer = new Hs256(config.local().secret().getBytes(StandardCharsets.UTF_8));
                    verifiers.put(kid, signer);
            }
            for (String entry : config.local().previousKeys()) {
                int eq = entry.indexOf('=');
                String oldKid = entry.substring(0, eq).trim();
                String value = entry.substring(eq + 1).trim();
                if (verifiers.containsKey(oldKid)) {
                    problems.add(String.format("CHATSDK-094: '%s' repeats the key id '%s'; every key needs its own kid",
                            ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, oldKid));
                } else if ("HS256".equals(config.local().algorithm().name())) {
                    verifiers.put(oldKid, new Hs256(value.getBytes(StandardCharsets.UTF_8)));
                } else if ("RS256".equals(config.local().algorithm().name())) {
                    rsa(oldKid, (RSAPublicKey) publicKey(value, "RSA", ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, problems),
                            null, verifiers, jwks, problems);
                } else {
                    ec(oldKid, (ECPublicKey) publicKey(value, "EC", ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, problems), null,
                            verifiers, jwks, problems);
                }
            }
        } catch (KeyProblem e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ChatSdkConfigException(problems);
        }
        return new SigningKeys(kid, signer, Map.copyOf(verifiers), List.copyOf(jwks),
                new Hs256(config.local().wsSecret().getBytes(StandardCharsets.UTF_8)));
    }

    private static Algorithm rsa(String kid, RSAPublicKey publicKey, RSAPrivateCrtKey privateKey,
            Map<String, Algorithm> verifiers, List<Map<String, Object>> jwks, List<String> problems) {
        if (publicKey.getModulus().bitLength() < 2048) {
            throw new KeyProblem(String.format("CHATSDK-095: the RSA key '%s' has %d bits; use at least 2048", kid,
                    publicKey.getModulus().bitLength()));
        }
        Algorithm algorithm = Algorithm.RSA256(publicKey, privateKey);
        verifiers.put(kid, privateKey == null ? algorithm : Algorithm.RSA256(publicKey, null));
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", base64Url(publicKey.getModulus()));
        jwk.put("e", base64Url(publicKey.getPublicExponent()));
        jwks.add(jwk);
        if (privateKey != null && !privateKey.getModulus().equals(publicKey.getModulus())) {
            throw new KeyProblem(String.format("CHATSDK-096: '%s' and '%s' are not one key pair; configure the public "
                    + "key of this private key", ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY, ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY));
        }
        return algorithm;
    }

    private static Algorithm ec(String kid, ECPublicKey publicKey, ECPrivateKey privateKey,
            Map<String, Algorithm> verifiers, List<Map<String, Object>> jwks, List<String> problems) {
        if (!isP256(publicKey.getParams()) || (privateKey != null && !isP256(privateKey.getParams()))) {
            throw new KeyProblem(String.format("CHATSDK-095: the EC key '%s' is not on the P-256 curve, which ES256 "
                    + "needs; create one with 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256'", kid));
        }
        Algorithm algorithm = Algorithm.ECDSA256(publicKey, privateKey);
        if (privateKey != null) {
            byte[] probe = "chatsdk-key-check".getBytes(StandardCharsets.US_ASCII);
            try {
                algorithm.verify(com.auth0.jwt.JWT.decode(com.auth0.jwt.JWT.create().withClaim("p", new String(probe,
                        StandardCharsets.US_ASCII)).sign(algorithm)));
            } catch (RuntimeException e) {
                throw new KeyProblem(String.format("CHATSDK-096: '%s' and '%s' are not one key pair; configure the "
                        + "public key of this private key", ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY,
                        ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY));
            }
        }
        verifiers.put(kid, Algorithm.ECDSA256(publicKey, null));
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        jwk.put("crv", "P-256");
        jwk.put("x", base64Url(fixed(publicKey.getW().getAffineX(), 32)));
        jwk.put("y", base64Url(fixed(publicKey.getW().getAffineY(), 32)));
        jwks.add(jwk);
        return algorithm;
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve()) && expected.getOrder().equals(params.getOrder())
                    && expected.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey privateKey(ChatSdkConfig config, String type, List<String> problems) {
        byte[] der = pem(read(config.local().privateKey().orElse(null), ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY), "PRIVATE KEY",
                ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY, "a PKCS#8 PEM private key (convert older formats with "
                        + "'openssl pkcs8 -topk8 -nocrypt')");
        try {
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new KeyProblem(String.format("CHATSDK-093: '%s' is not a %s private key, which %s needs",
                    ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY, type, config.local().algorithm().name()));
        }
    }

    private static PublicKey publicKey(String valueOrFile, String type, String key, List<String> problems) {
        byte[] der = pem(read(valueOrFile, key), "PUBLIC KEY", key, "a PEM public key ('-----BEGIN PUBLIC KEY-----')");
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new KeyProblem(String.format("CHATSDK-093: '%s' holds a public key that is not %s", key, type));
        }
    }

    private static RSAPublicKey derive(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new KeyProblem("CHATSDK-093: cannot derive the RSA public key from the private key");
        }
    }

    /** The PEM text of a value, or of the file a {@code file:} value names; escaped {@code \n} are real newlines. */
    private static String read(String valueOrFile, String key) {
        if (valueOrFile.startsWith("file:")) {
            Path file = Path.of(valueOrFile.substring("file:".length()));
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new KeyProblem(String.format("CHATSDK-093: '%s' names the file %s, which cannot be read (%s)", key,
                        file, e.getClass().getSimpleName()));
            }
        }
        return valueOrFile.replace("\\n", "\n");
    }

    private static byte[] pem(String text, String label, String key, String expected) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        throw new KeyProblem(String.format("CHATSDK-093: '%s' does not hold %s", key, expected));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** One key problem, which ends the loading (the others depend on it). */
    private static final class KeyProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyProblem(String message) {
            super(message, null, false, false);
        }
    }
}
