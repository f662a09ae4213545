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

    /**
     * Starts a thread that waits (up to 10 s) until another session runs a query containing {@code runningQuery},
     * then runs {@code sql}: an operator's {@code pg_terminate_backend} at a chosen moment of a migration.
     */
    public Thread whenRunning(String runningQuery, String sql) {
        Thread operator = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                if (!"0".equals(value("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE ? "
                        + "AND pid <> pg_backend_pid()", "%" + runningQuery + "%"))) {
                    execute(sql);
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "operator");
        operator.start();
        return operator;
    }

    /**
     * Waits (up to 10 s) until a migration of the default history is marked dirty: a no-transaction migration
     * started on another thread is under way.
     */
    public void awaitDirtyMigration() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (tableExists("schema_migrations")
                    && "1".equals(value("SELECT count(*) FROM schema_migrations WHERE dirty"))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the no-transaction migration never started");
    }

    /** Whether a table (or view) of that name is visible on the search path, or qualified by schema. */
    public boolean tableExists(String name) {
        return value("SELECT to_regclass(?) IS NOT NULL", name).equals("t");
    }

    /**
     * Every object of the public schema as sorted text (columns with types and defaults, constraints, indexes,
     * routines, triggers, views, enums, comments, sequences), to compare schemas built in different ways.
     */
    public List<String> catalog() {
        List<String> lines = new ArrayList<>();
        lines.addAll(column("SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, "
                + "a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND c.relkind IN ('r', 'v', 'm') ORDER BY 1"));
        lines.addAll(column("SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' "
                + "|| pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                + "AND conrelid <> 0 ORDER BY 1"));
        lines.addAll(column("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
        lines.addAll(column("SELECT 'invalid index ' || indexrelid::regclass FROM pg_index WHERE NOT indisvalid ORDER BY 1"));
        lines.addAll(column("SELECT 'routine ' || pg_get_functiondef(p.oid) FROM pg_proc p "
                + "WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1"));
        lines.addAll(column("SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"));
        lines.addAll(column("SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' "
                + "ORDER BY 1"));
        lines.addAll(column("SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1"));
        lines.addAll(column("SELECT 'comment ' || c.relname || ' ' || obj_description(c.oid, 'pg_class') "
                + "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                + "AND obj_description(c.oid, 'pg_class') IS NOT NULL ORDER BY 1"));
        lines.addAll(column("SELECT 'sequence ' || sequencename || ' ' || data_type FROM pg_sequences "
                + "WHERE schemaname = 'public' ORDER BY 1"));
        return lines;
    }

    /**
     * Every schema and every row of every table outside the system schemas, as sorted text: with {@link #catalog}, what
     * a command that changes nothing must leave exactly as it was.
     */
    public List<String> rows() {
        List<String> lines = new ArrayList<>(column("SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname "
                + "NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1"));
        for (String table : column("SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            lines.add("table " + table + " " + value("SELECT coalesce(json_agg(t ORDER BY t::text), '[]')::text FROM "
                    + table + " t"));
            lines.addAll(column("SELECT 'column ' || ? || '.' || attname || ' ' || format_type(atttypid, atttypmod) "
                    + "|| ' ' || attnotnull FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND "
                    + "NOT attisdropped ORDER BY attnum", table, table));
        }
        return lines;
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
