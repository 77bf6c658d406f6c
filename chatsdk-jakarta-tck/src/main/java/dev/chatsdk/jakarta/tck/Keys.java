package dev.chatsdk.jakarta.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

/** Signing with the target's own key (to forge tokens that only the binding rules can refuse) and JWK checks. */
final class Keys {
    private Keys() {
    }

    /** @return the JWS signature of {@code input} with the target's key for the algorithm, or skip the test */
    static byte[] sign(String algorithm, String input) {
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        try {
            if (algorithm.equals("HS256")) {
                String secret = TckTarget.get("secret");
                assumeTrue(secret != null, "needs chatsdk.tck.secret (the target signs HS256)");
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(data);
            }
            String pem = TckTarget.get("private-key");
            assumeTrue(pem != null, "needs chatsdk.tck.private-key (the target signs " + algorithm + ")");
            boolean rsa = algorithm.equals("RS256");
            Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            signature.initSign(privateKey(pem, rsa ? "RSA" : "EC"));
            signature.update(data);
            byte[] signed = signature.sign();
            return rsa ? signed : joseFromDer(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the target's " + algorithm + " key", e);
        }
    }

    /** @return whether the JWT's signature verifies with the JWK (RSA or EC P-256) */
    static boolean verifies(String jwt, JsonNode jwk) {
        int dot = jwt.lastIndexOf('.');
        byte[] data = jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        try {
            boolean rsa = jwk.get("kty").asText().equals("RSA");
            Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            signature.initVerify(publicKey(jwk));
            signature.update(data);
            return signature.verify(rsa ? signed : derFromJose(signed));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the JWK cannot verify: " + jwk, e);
        }
    }

    private static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
        if (jwk.get("kty").asText().equals("RSA")) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
        }
        java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), spec));
    }

    private static BigInteger unsigned(JsonNode jwk, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(field).asText()));
    }

    private static PrivateKey privateKey(String pem, String type) throws GeneralSecurityException {
        String base64 = pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** ES256's JWS form is r||s, 32 bytes each; the JDK speaks DER. */
    private static byte[] joseFromDer(byte[] der) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        byte[] out = new byte[64];
        int rLength = der[offset + 1];
        copyInteger(der, offset + 2, rLength, out, 0);
        int sOffset = offset + 2 + rLength;
        copyInteger(der, sOffset + 2, der[sOffset + 1], out, 32);
        return out;
    }

    private static void copyInteger(byte[] der, int from, int length, byte[] out, int to) {
        byte[] value = Arrays.copyOfRange(der, from, from + length);
        byte[] trimmed = new BigInteger(1, value).toByteArray();
        int skip = trimmed.length > 32 ? trimmed.length - 32 : 0;
        System.arraycopy(trimmed, skip, out, to + 32 - (trimmed.length - skip), trimmed.length - skip);
    }

    private static byte[] derFromJose(byte[] jose) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, 32, jose.length)).toByteArray();
        byte[] der = new byte[6 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + s.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
