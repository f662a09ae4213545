package dev.migrate.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PgBouncer (the Debian package's binary) in front of one test database, on a free loopback port, in the
 * pool mode a test asks for. Tests that need one check {@link #installed()} and are skipped without it.
 */
public final class PgBouncer implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"));

    private final Process process;
    private final Path dir;
    private final int port;
    private final TestDatabase db;

    private PgBouncer(Process process, Path dir, int port, TestDatabase db) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.db = db;
    }

    /** The binary, when the machine has one. */
    public static Optional<Path> installed() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts PgBouncer for {@code db}.
     *
     * @param poolMode {@code session}, {@code transaction} or {@code statement}
     * @param poolSize server connections per user and database
     */
    public static PgBouncer start(TestDatabase db, String poolMode, int poolSize) {
        Path binary = installed().orElseThrow(() -> new IllegalStateException("pgbouncer is not installed"));
        try {
            Path dir = Files.createTempDirectory("pgbouncer");
            // PgBouncer will not run as root: it is started as 'postgres', which must write its log here.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
            int port = freePort();
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    db.name() + " = host=" + server.getHost() + " port=" + server.getPort() + " dbname=" + db.name(),
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + dir.resolve("userlist.txt"),
                    "pool_mode = " + poolMode,
                    "default_pool_size = " + poolSize,
                    "max_client_conn = 500",
                    "ignore_startup_parameters = extra_float_digits,options",
                    "logfile = " + dir.resolve("pgbouncer.log"),
                    ""));
            Files.writeString(dir.resolve("userlist.txt"), "\"" + db.user() + "\" \""
                    + (db.password() == null ? "" : db.password()) + "\"\n");
            for (Path file : List.of(ini, dir.resolve("userlist.txt"))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "postgres"));
            }
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, dir, port, db);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start pgbouncer", e);
        }
    }

    /** The database through PgBouncer, as an application configured with its address would reach it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db.name();
    }

    /** A data source that opens a new connection through PgBouncer on every call. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(db.user());
        if (db.password() != null) {
            dataSource.setPassword(db.password());
        }
        return dataSource;
    }

    private void awaitListening() throws IOException {
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited (" + process.exitValue() + "): " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on port " + port + ": " + log());
    }

    private String log() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("stdout.log", "pgbouncer.log")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
