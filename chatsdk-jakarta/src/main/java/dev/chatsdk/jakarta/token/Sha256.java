package dev.chatsdk.jakarta.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a string's UTF-8 bytes: how token ids, API keys and rate-limit keys are kept instead of themselves. */
public final class Sha256 {
    private Sha256() {
    }

    public static byte[] bytes(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String hex(String value) {
        return HexFormat.of().formatHex(bytes(value));
    }
}
