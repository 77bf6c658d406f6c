package dev.chatsdk.jakarta.config;

/**
 * The signing algorithm of locally signed access and refresh tokens ({@code chatsdk.local.algorithm}).
 *
 * @since 0.3
 */
public enum Algorithm {
    /** HMAC with SHA-256 and {@code chatsdk.local.secret}, the default. */
    HS256,
    /** RSA PKCS#1 v1.5 with SHA-256 and {@code chatsdk.local.private-key}. */
    RS256,
    /** ECDSA P-256 with SHA-256 and {@code chatsdk.local.private-key}. */
    ES256;

    static Algorithm parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
