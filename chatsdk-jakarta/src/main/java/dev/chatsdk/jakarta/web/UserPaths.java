package dev.chatsdk.jakarta.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Reads the user a {@code POST {api-base}/api/users/{userId}/revoke-tokens} names, from the path as the client sent
 * it. The container's decoded path cannot be trusted for this: servlet containers strip {@code ;parameters} and
 * resolve dot segments before the module sees the path ({@code users/victim;x/revoke-tokens} arrives as
 * {@code users/victim/revoke-tokens}), and a decoded {@code %2F} could not be told from a separator. So the raw path
 * is split at {@code /}, refused with any {@code ;} or dot segment, and each segment percent-decoded here as strict
 * UTF-8; the user id is exactly the one segment at its place. Stateless.
 */
final class UserPaths {
    static final String REVOKE_USER_PATH = "/api/users/{userId}/revoke-tokens";

    private UserPaths() {
    }

    /**
     * @param path the decoded path below the context root
     * @return whether the request may be for the revoke-tokens route (then {@link #revokedUser} decides from the raw
     *         path): it names {@code /api/users/} or {@code /revoke-tokens} anywhere, whatever parameters (JAX-RS keeps
     *         them) or dot segments (servlet containers resolve them) came before
     */
    static boolean mayRevokeUser(String path) {
        return path.contains("/api/users/") || path.contains("/revoke-tokens");
    }

    /**
     * @param rawPath the path below the context root as sent ({@link ChatRequest#rawPath()})
     * @param apiBase the configured api base ({@code /chatsdk})
     * @return the user id the path names, decoded; or {@code null} when the path is not the revoke-tokens route
     * @throws ChatSdkException with {@link ErrorCode#INVALID_REQUEST} when the path carries a {@code ;} parameter, a
     *                          dot segment or an empty one, holds a character that must be percent-encoded, or is not percent-encoded
     *                          UTF-8
     */
    static String revokedUser(String rawPath, String apiBase) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw invalid("The request path could not be read as the client sent it.");
        }
        String[] raw = rawPath.substring(1).split("/", -1);
        for (String segment : raw) {
            if (segment.indexOf(';') >= 0) {
                throw invalid("The revoke-tokens path carries a ';' parameter, which servlet containers strip before "
                        + "reading the path; percent-encode a ';' of the user id as %3B.");
            }
        }
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            String decoded = decode(segment);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw invalid("The revoke-tokens path has a '.' or '..' segment; name the user as one segment of the "
                        + "path, percent-encoded.");
            }
            if (segment.isEmpty()) {
                throw invalid("The revoke-tokens path has an empty segment; name the user as one segment of the path, "
                        + "percent-encoded.");
            }
            segments.add(decoded);
        }
        List<String> expected = new ArrayList<>();
        for (String segment : apiBase.split("/")) {
            if (!segment.isEmpty()) {
                expected.add(segment);
            }
        }
        int id = expected.size() + 2;
        if (segments.size() != id + 2 || !segments.subList(0, expected.size()).equals(expected)
                || !segments.get(id - 2).equals("api") || !segments.get(id - 1).equals("users")
                || !segments.get(id + 1).equals("revoke-tokens")) {
            return null;
        }
        return segments.get(id);
    }

    /** Percent-decodes one path segment as strict UTF-8 ({@code +} is a plus sign in a path). */
    private static String decode(String segment) {
        byte[] bytes = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (low < 0) {
                    throw invalid("The revoke-tokens path has a '%' that does not start a percent-encoded byte "
                            + "(%XX); percent-encode the user id as UTF-8.");
                }
                bytes[n++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                bytes[n++] = (byte) c;
            } else {
                throw invalid("The revoke-tokens path holds a character that must be percent-encoded; "
                        + "percent-encode the user id as UTF-8.");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("The revoke-tokens path is not percent-encoded UTF-8; percent-encode the user id as UTF-8.");
        }
    }

    private static ChatSdkException invalid(String message) {
        return new ChatSdkException(ErrorCode.INVALID_REQUEST, message);
    }
}
