package dev.migrate.bench;

import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The floor of any Java CLI that migrates PostgreSQL: a JVM that loads pgjdbc, connects, reads a history table and
 * hashes the files ({@link FloorTool}'s no-op), with no argument parsing, logging or engine. Run by
 * {@link ColdCliBench} as a cold process, from a jar of its own so that it gets a class-data archive as
 * {@code bin/migrate} does. Arguments: DIR URL USER PASSWORD.
 */
public final class JdbcMain {

    private JdbcMain() {
    }

    public static void main(String[] args) throws Exception {
        new FloorTool(Path.of(args[0])).migrate(dataSource(args[1], args[2], args.length > 3 ? args[3] : ""));
    }

    /** A plain pgjdbc DataSource, as every fresh-JVM tool run gets one; an empty password is none. */
    static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        if (!password.isEmpty()) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }
}
