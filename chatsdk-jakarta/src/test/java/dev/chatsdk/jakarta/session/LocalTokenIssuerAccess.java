package dev.chatsdk.jakarta.session;

/** The store tests hash token ids the way the issuer does. */
final class LocalTokenIssuerAccess {
    private LocalTokenIssuerAccess() {
    }

    static String hash(String jti) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(jti.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
