package dev.chatsdk.jakarta.token;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * The shape every presented token must have before it is verified or forwarded anywhere: a compact JWS of at
 * most {@value #MAX_LENGTH} characters, that is exactly three non-empty parts separated by {@code .}, each of
 * base64url characters only ({@code A-Z a-z 0-9 - _}, no padding, no whitespace, no control characters) and of a
 * length base64url can have (never 4n + 1). Such
 * a token is safe to put in an HTTP header and cheap to reject; anything else never reaches a verifier, a
 * store or an upstream, and is never quoted in a message. Stateless and thread-safe.
 */
public final class TokenShape {
    /** The longest token accepted, in characters (8 KiB). */
    public static final int MAX_LENGTH = 8 * 1024;

    private TokenShape() {
    }

    /**
     * @param token a presented token, possibly {@code null}
     * @return whether it has the shape of a compact JWS within {@value #MAX_LENGTH} characters
     */
    public static boolean wellFormed(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return false;
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || partLength % 4 == 1 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if (base64url(c)) {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2 && partLength > 0 && partLength % 4 != 1;
    }

    /**
     * Rejects a token that is not {@link #wellFormed(String) well-formed}, with a fixed message that never
     * quotes it.
     *
     * @param token    the presented token
     * @param rejected {@link ErrorCode#INVALID_REFRESH_TOKEN} for a refresh token, {@link ErrorCode#INVALID_TOKEN}
     *                 for an access or realtime token
     * @return the token, when it is well-formed
     * @throws ChatSdkException with {@code rejected} when it is not
     */
    public static String check(String token, ErrorCode rejected) {
        if (!wellFormed(token)) {
            // the verifier's words for the same refusal, so that both issuers answer a malformed token alike
            throw new ChatSdkException(rejected, String.format("The %s is not valid: it is not a well-formed JWT.",
                    rejected == ErrorCode.INVALID_REFRESH_TOKEN ? "refresh token" : "token"));
        }
        return token;
    }

    private static boolean base64url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
