package dev.migrate.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One fresh database for one test; {@link #close()} drops it. */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        dataSource.setURL(server.jdbcUrl(name));
        dataSource.setUser(server.user());
        if (server.password() != null) {
            dataSource.setPassword(server.password());
        }
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database, without credentials (see {@link #user()} and {@link #password()}). */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The JDBC URL with the credentials as parameters, as a command line or config file would hold it. */
    public String jdbcUrlWithCredentials() {
        String url = jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "user=" + user() + (password() == null ? "" : "&password=" + password());
    }

    /** A Go/libpq-style URI for this database with the given user and password (escaped by the caller). */
    public String postgresUri(String user, String escapedPassword) {
        return "postgres://" + user + ":" + escapedPassword + "@" + jdbcUrl().substring("jdbc:postgresql://".length());
    }

    public String user() {
        return server.user();
    }

    /** The password, or {@code null} when the server needs none. */
    public String password() {
        return server.password();
    }

    /** A data source that opens a new connection on every call, as a pool would hand out distinct ones. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs SQL (one or more statements) in autocommit. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    /** The first column of every row of a query, as strings (SQL NULL as {@code null}). */
    public List<String> column(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String value(String sql, Object... parameters) {
        List<String> values = column(sql, parameters);
        if (values.size() != 1) {
            throw new IllegalStateException("Expected one row from " + sql + ", got " + values.size());
        }
        return values.get(0);
    }

    /** Whether a table (or view) of that name is visible on the search path, or qualified by schema. */
    public boolean tableExists(String name) {
        return value("SELECT to_regclass(?) IS NOT NULL", name).equals("t");
    }

    @Override
    public void close() {
        try (Connection connection = server.connect(server.maintenanceDatabase());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + server.description();
    }
}
