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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP port that forwards to a real server, opened when a test says so: before, connecting to it is refused, as
 * connecting to a database that is still starting is. With a delay, every chunk of bytes is passed on that much
 * later in each direction (in order, without holding back the next read): a database a network away.
 */
public final class TcpRelay implements AutoCloseable {

    private final int port;
    private final int target;
    private final Duration oneWay;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong roundTrips = new AtomicLong();
    private volatile ServerSocket server;

    /** A relay to {@code target}, a port on this machine; closed until {@link #open()}. */
    public TcpRelay(int target) throws IOException {
        this(target, Duration.ZERO);
    }

    /** A relay to {@code target} that adds {@code oneWay} in each direction: a round trip longer by twice that. */
    public TcpRelay(int target, Duration oneWay) throws IOException {
        this.target = target;
        this.oneWay = oneWay;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort(); // free now, and refused until open()
        }
    }

    /** A relay to {@code db}'s server. */
    public static TcpRelay to(TestDatabase db) throws IOException {
        return to(db, Duration.ZERO);
    }

    /** A relay to {@code db}'s server adding {@code oneWay} in each direction. */
    public static TcpRelay to(TestDatabase db, Duration oneWay) throws IOException {
        return new TcpRelay(URI.create(db.jdbcUrl().substring("jdbc:".length())).getPort(), oneWay);
    }

    /** {@code db}'s JDBC URL (without credentials) through this relay. */
    public String jdbcUrl(TestDatabase db) {
        URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return "jdbc:postgresql://" + url.getHost() + ":" + port + url.getPath();
    }

    /** A data source for {@code db} through this relay, with its credentials. */
    public javax.sql.DataSource dataSource(TestDatabase db) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(jdbcUrl(db));
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
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
                    // Pass each write on at once: Nagle's algorithm would hold small messages for the peer's ACK.
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    sockets.add(client);
                    sockets.add(upstream);
                    WaitCount count = new WaitCount(roundTrips);
                    daemon(() -> pipe(client, upstream, oneWay, count));
                    daemon(() -> pipe(upstream, client, oneWay, null));
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

    /**
     * The round trips clients have made through the relay so far, counted from what they sent (each simple query,
     * and each extended-protocol exchange, ends in a message after which the client waits for the server), the
     * start-up and authentication of each connection left out.
     */
    public long roundTrips() {
        return roundTrips.get();
    }

    /**
     * From now on, bytes are read but not passed on, as on a network that drops packets without a word: each side
     * waits for a reply that does not come, and no connection is closed.
     */
    public void hold() {
        held = true;
    }

    private volatile boolean held;

    private void pipe(Socket from, Socket to, Duration delay, WaitCount count) {
        if (delay.isZero()) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[65_536];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (count != null) {
                        count.read(buffer, read);
                    }
                    if (held) {
                        continue; // dropped
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed
            }
            return;
        }
        // Each chunk is due delay after it was read; a writer passes them on in order when due.
        BlockingQueue<Chunk> due = new LinkedBlockingQueue<>();
        daemon(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk chunk = due.take(); chunk.bytes().length > 0; chunk = due.take()) {
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // either side closed
            }
        });
        try (InputStream in = from.getInputStream()) {
            byte[] buffer = new byte[65_536];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (count != null) {
                    count.read(buffer, read);
                }
                due.add(new Chunk(System.nanoTime() + delay.toNanos(), java.util.Arrays.copyOf(buffer, read)));
            }
        } catch (IOException ended) {
            // either side closed
        } finally {
            due.add(new Chunk(0, new byte[0]));
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {
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
