package dev.chatsdk.jakarta.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay to a server (the test PostgreSQL) that a test can cut, as if the database
 * went away: open connections are dropped and new ones are closed on arrival, until {@link #restore()};
 * or stall, as if the database (or the network to it) went silent: open connections stay open but
 * nothing passes either way, and new connections are accepted but not relayed, until {@link #resume()},
 * when what was held back (bytes, and the ends of connections closed meanwhile) passes on.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object flow = new Object();
    private volatile boolean cut;
    private boolean stalled;

    public TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** @return how many connections clients have opened through this proxy so far */
    public int accepted() {
        return accepted.get();
    }

    public void cut() {
        cut = true;
        open.forEach(TcpProxy::close);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    /** Holds every byte and every close, both ways, and relays no new connection: the server seems silent. */
    public void stall() {
        synchronized (flow) {
            stalled = true;
        }
    }

    /** Lets everything held back by {@link #stall()} pass on, and relays again. */
    public void resume() {
        synchronized (flow) {
            stalled = false;
            flow.notifyAll();
        }
    }

    private void awaitFlow() {
        synchronized (flow) {
            while (stalled) {
                try {
                    flow.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                if (cut) {
                    close(client);
                    continue;
                }
                open.add(client);
                Thread relay = new Thread(() -> relay(client), "tcp-proxy-connect");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                // listener closed
            }
        }
    }

    private void relay(Socket client) {
        awaitFlow();
        if (cut || client.isClosed()) {
            close(client);
            return;
        }
        Socket server = new Socket();
        try {
            server.connect(target, 2000);
        } catch (IOException e) {
            // the target refused: the client sees its socket close
            close(client);
            return;
        }
        open.add(server);
        pipe(client, server);
        pipe(server, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    awaitFlow();
                    out.write(buffer, 0, n);
                    out.flush();
                }
                awaitFlow();
            } catch (IOException e) {
                // one side went away
                awaitFlow();
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        resume();
        cut();
        listener.close();
    }
}
