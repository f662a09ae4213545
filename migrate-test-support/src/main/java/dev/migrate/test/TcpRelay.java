package dev.migrate.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port that forwards to a real server, opened when a test says so: before, connecting to it is refused, as
 * connecting to a database that is still starting is.
 */
public final class TcpRelay implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    /** A relay to {@code target}, a port on this machine; closed until {@link #open()}. */
    public TcpRelay(int target) throws IOException {
        this.target = target;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort(); // free now, and refused until open()
        }
    }

    /** A relay to {@code db}'s server. */
    public static TcpRelay to(TestDatabase db) throws IOException {
        return new TcpRelay(URI.create(db.jdbcUrl().substring("jdbc:".length())).getPort());
    }

    /** {@code db}'s JDBC URL (without credentials) through this relay. */
    public String jdbcUrl(TestDatabase db) {
        URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return "jdbc:postgresql://" + url.getHost() + ":" + port + url.getPath();
    }

    public int port() {
        return port;
    }

    /** From now on, connections to {@link #port()} reach the server. */
    public void open() throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon(() -> pipe(client, upstream));
                    daemon(() -> pipe(upstream, client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Opens the relay after {@code delay}, in the background: a database that comes up after its clients. */
    public CompletableFuture<Void> openAfter(Duration delay) {
        return CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(delay.toMillis());
                open();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // either side closed
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "tcp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
