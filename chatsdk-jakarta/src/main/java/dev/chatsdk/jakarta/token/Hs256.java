package dev.chatsdk.jakarta.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

/**
 * HS256 exactly as java-jwt's {@code Algorithm.HMAC256} signs and verifies (HmacSHA256 over the ASCII of
 * {@code header.payload}, the base64url signature compared in constant time by {@link MessageDigest#isEqual}), with
 * one keyed {@link Mac} per thread: java-jwt looks up a provider and keys a new {@code Mac} for every signature and
 * every verification, which was a tenth of a refresh request. java-jwt's {@code JWTVerifier} still runs every other
 * check (the header's {@code alg} must be this algorithm's name, the claims); {@code Hs256Test} proves it accepts and
 * refuses what java-jwt's own HMAC256 does on a forgery corpus.
 *
 * <p>{@link #matches} checks a compact token's signature before anything of it is parsed: a token of another key is
 * refused for the price of one HMAC ({@link TokenVerifier}). The secret lives only in the {@link SecretKeySpec} (a
 * copy) and the keyed {@code Mac}s; {@link #toString} is java-jwt's, the algorithm's name. Thread-safe.
 */
final class Hs256 extends Algorithm {
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private final ThreadLocal<Mac> macs;
    /**
     * The token {@link #matches} last found signed on this thread: java-jwt's {@link #verify} of the same text, which
     * follows at once, then needs no second HMAC (the verdict on the same text cannot differ). Taken by the first
     * {@code verify} after it, whatever its token.
     */
    private final ThreadLocal<String> justMatched = new ThreadLocal<>();

    /** @param secret the HMAC key (its bytes are copied) */
    Hs256(byte[] secret) {
        super("HS256", "HmacSHA256");
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an HMAC key cannot be empty");
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java platform has HmacSHA256", e);
            }
        });
    }

    /** @return this thread's keyed Mac, reset */
    private Mac mac() {
        Mac mac = macs.get();
        mac.reset();
        return mac;
    }

    /**
     * @param token  a compact JWT of base64url segments ({@link TokenShape#wellFormed})
     * @param second the index of its second {@code .}
     * @return whether the third segment is the base64url HS256 signature of everything before the second dot
     */
    boolean matches(String token, int second) {
        byte[] presented;
        try {
            presented = BASE64URL.decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        Mac mac = mac();
        mac.update(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
        boolean matches = MessageDigest.isEqual(mac.doFinal(), presented);
        if (matches) {
            justMatched.set(token);
        } else {
            justMatched.remove();
        }
        return matches;
    }

    @Override
    public void verify(DecodedJWT jwt) throws SignatureVerificationException {
        String matched = justMatched.get();
        justMatched.remove();
        if (matched != null && sameText(matched, jwt.getHeader(), jwt.getPayload(), jwt.getSignature())) {
            // the very text this thread has just found signed by this key
            return;
        }
        byte[] presented;
        try {
            presented = BASE64URL.decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(this, e);
        }
        Mac mac = mac();
        mac.update(jwt.getHeader().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        if (!MessageDigest.isEqual(mac.doFinal(jwt.getPayload().getBytes(StandardCharsets.UTF_8)), presented)) {
            throw new SignatureVerificationException(this);
        }
    }

    /** @return whether {@code token} is exactly {@code header.payload.signature} */
    private static boolean sameText(String token, String header, String payload, String signature) {
        int afterHeader = header.length();
        int afterPayload = afterHeader + 1 + payload.length();
        return token.length() == afterPayload + 1 + signature.length() && token.startsWith(header)
                && token.charAt(afterHeader) == '.' && token.startsWith(payload, afterHeader + 1)
                && token.charAt(afterPayload) == '.' && token.startsWith(signature, afterPayload + 1);
    }

    @Override
    public byte[] sign(byte[] headerBytes, byte[] payloadBytes) {
        Mac mac = mac();
        mac.update(headerBytes);
        mac.update((byte) '.');
        return mac.doFinal(payloadBytes);
    }

    @Override
    @Deprecated
    public byte[] sign(byte[] contentBytes) {
        return mac().doFinal(contentBytes);
    }
}
