package dev.chatsdk.jakarta.remote;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one path segment (RFC 3986 §3.3): every byte but the unreserved characters is encoded. */
final class PathSegments {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * @param value the segment's text
     * @return its UTF-8 bytes, unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) as they are and every other byte as
     *         {@code %XX}: a {@code /}, {@code ?}, {@code #} or {@code ;} in it can never end the segment
     */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
