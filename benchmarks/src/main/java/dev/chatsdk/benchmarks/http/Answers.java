package dev.chatsdk.benchmarks.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answers arriving on one non-blocking connection, cut out of the bytes as they come: a status line, headers,
 * and a body of {@code Content-Length} bytes or in chunks. Not thread-safe.
 */
final class Answers {
    private byte[] bytes = new byte[16 * 1024];
    private int length;

    /**
     * Reads into the buffer and cuts out the next whole answer.
     *
     * @return the next answer, or {@code null} while it is incomplete
     * @throws IOException when the channel closed or the answer cannot be parsed
     */
    Connection.Answer next(java.nio.channels.ReadableByteChannel channel) throws IOException {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        length += n;
        return take();
    }

    /** @return the next whole answer already in the buffer, or {@code null} */
    Connection.Answer take() throws IOException {
        int headEnd = indexOf(CRLFCRLF, 0, length);
        if (headEnd < 0) {
            return null;
        }
        if (headEnd < 12 || bytes[0] != 'H') {
            throw new IOException("not an HTTP answer: " + new String(bytes, 0, Math.min(length, 80),
                    StandardCharsets.ISO_8859_1));
        }
        int status = (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
        int bodyStart = headEnd + 4;
        long contentLength = header(CONTENT_LENGTH, headEnd);
        if (contentLength >= 0) {
            if (length - bodyStart < contentLength) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(bytes, bodyStart, bodyStart + (int) contentLength);
            consume(bodyStart + (int) contentLength);
            return new Connection.Answer(status, body);
        }
        if (header(CHUNKED, headEnd) < 0) {
            throw new IOException("an answer without Content-Length or chunked encoding");
        }
        return chunked(status, bodyStart);
    }

    private Connection.Answer chunked(int status, int bodyStart) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        int at = bodyStart;
        while (true) {
            int lineEnd = indexOf(CRLF, at, length);
            if (lineEnd < 0) {
                return null;
            }
            int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
            int data = lineEnd + 2;
            if (size == 0) {
                int end = indexOf(CRLF, data, length);
                if (end < 0) {
                    return null;
                }
                consume(end + 2);
                return new Connection.Answer(status, body.toByteArray());
            }
            if (length < data + size + 2) {
                return null;
            }
            body.write(bytes, data, size);
            at = data + size + 2;
        }
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked".getBytes(StandardCharsets.US_ASCII);

    /**
     * @return for Content-Length, its value; for another name, where it starts; -1 when the head has none
     *         (names compared without case)
     */
    private long header(byte[] name, int headEnd) {
        outer:
        for (int i = 0; i + name.length <= headEnd + 2; i++) {
            for (int k = 0; k < name.length; k++) {
                int c = bytes[i + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != name[k]) {
                    continue outer;
                }
            }
            if (name != CONTENT_LENGTH) {
                return i;
            }
            long value = 0;
            for (int j = i + name.length; j < headEnd + 2 && bytes[j] != '\r'; j++) {
                if (bytes[j] >= '0' && bytes[j] <= '9') {
                    value = value * 10 + bytes[j] - '0';
                }
            }
            return value;
        }
        return -1;
    }

    private int indexOf(byte[] what, int from, int to) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (bytes[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void consume(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }
}
