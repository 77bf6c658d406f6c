package dev.chatsdk.jakarta.session;

import dev.chatsdk.jakarta.token.Sha256;

/**
 * The first 128 bits of a token's {@code jti} hash (SHA-256, hex), never both zero: what tells one
 * refresh token of a session from another in the memory store. A value that is not such a hash is hashed first.
 */
final class TokenFingerprint {
    final long high;
    final long low;

    private TokenFingerprint(long high, long low) {
        this.high = high;
        this.low = low | 1;
    }

    static TokenFingerprint of(String jtiHash) {
        String hex = jtiHash.length() >= 32 && isHex(jtiHash) ? jtiHash : Sha256.hex(jtiHash);
        return new TokenFingerprint(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < 32; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
