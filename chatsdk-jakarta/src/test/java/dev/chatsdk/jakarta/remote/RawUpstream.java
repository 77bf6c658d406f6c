package dev.chatsdk.jakarta.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ChatSDK API stand-in written on a raw loopback socket, for what a well-behaved HTTP server never does: send
 * the headers and one byte of a 100 000-byte body and then nothing, trickle a body that never ends, or stream one
 * as fast as it can for ever. It counts the requests and the connections the client dropped while it was still
 * answering (which is how a cancelled exchange shows on the wire).
 */
final class RawUpstream implements AutoCloseable {
    /** How every request is answered. */
    enum Mode {
        /** {@code 200}, {@code Content-Length: 1000}, one byte, then silence until the client hangs up. */
        STALL_MID_BODY,
        /** The review's attack: {@code 200}, {@code Content-Length: 100000}, one byte, then silence. */
        STALL_LARGE_BODY,
        /** {@code 200}, chunked, one byte every 200 ms, for ever. */
        TRICKLE_FOREVER,
        /** {@code 200}, chunked, 8 KiB chunks as fast as the client reads, for ever. */
        STREAM_FOREVER,
        /** {@code 200} with {@link #healthy}. */
        HEALTHY
    }

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Mode mode = Mode.HEALTHY;
    private volatile String healthy = "{}";

    RawUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    RawUpstream mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    RawUpstream healthy(String json) {
        this.healthy = json;
        return this;
    }

    int hits() {
        return hits.get();
    }

    /** @return how many connections the client closed before the answer was complete */
    int dropped() {
        return dropped.get();
    }

    /** Waits (at most 10 s) until the client has dropped {@code count} connections; @return the count then. */
    int awaitDropped(int count) throws InterruptedException {
        for (int i = 0; i < 200 && dropped.get() < count; i++) {
            Thread.sleep(50);
        }
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread thread = new Thread(() -> serve(socket), "raw-upstream-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int length = readHead(in);
            if (length < 0) {
                return;
            }
            in.readNBytes(length);
            hits.incrementAndGet();
            Mode now = mode;
            switch (now) {
                case HEALTHY:
                    byte[] body = healthy.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    return;
                case STALL_MID_BODY:
                case STALL_LARGE_BODY:
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + (now == Mode.STALL_MID_BODY ? 1000 : 100000) + "\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // silence; the client hanging up ends the read
                    while (in.read() >= 0) {
                        // a client sends nothing more on this connection
                    }
                    dropped.incrementAndGet();
                    return;
                default:
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = now == Mode.TRICKLE_FOREVER ? "1\r\n \r\n".getBytes(StandardCharsets.US_ASCII)
                            : chunk(8192);
                    try {
                        while (true) {
                            out.write(chunk);
                            out.flush();
                            if (now == Mode.TRICKLE_FOREVER) {
                                Thread.sleep(200);
                            }
                        }
                    } catch (IOException e) {
                        dropped.incrementAndGet();
                    }
                    return;
            }
        } catch (IOException e) {
            // the client went away before the request was read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.remove(socket);
        }
    }

    private static byte[] chunk(int size) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) 'x');
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.writeBytes(data);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }

    /** Reads the request line and headers; @return the request's Content-Length (0 without), or -1 at the end. */
    private static int readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
