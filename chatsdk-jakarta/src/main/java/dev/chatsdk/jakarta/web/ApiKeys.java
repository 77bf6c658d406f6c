package dev.chatsdk.jakarta.web;

import java.security.MessageDigest;
import java.util.List;

import dev.chatsdk.jakarta.token.Sha256;

/**
 * Checks an {@code X-API-Key} against the configured keys in constant time: every key is compared,
 * always, as SHA-256 digests, so neither the position of the first differing byte nor the length of a
 * key shows in the timing. Only digests are kept. Thread-safe.
 */
final class ApiKeys {
    private final byte[][] digests;

    public ApiKeys(List<String> keys) {
        this.digests = keys.stream().map(Sha256::bytes).toArray(byte[][]::new);
    }

    /** @return whether no key is configured (the token API is off) */
    public boolean isEmpty() {
        return digests.length == 0;
    }

    /** @return whether {@code presented} equals one of the keys */
    public boolean matches(String presented) {
        byte[] candidate = Sha256.bytes(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.length + " configured]";
    }
}
