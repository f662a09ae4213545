package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase's two tables in one schema, as migrate keeps them for a changelog it runs: created as Liquibase 4.33.0
 * creates them when they are not there, and Liquibase's lock taken and given back the way Liquibase takes it (its
 * one row set {@code locked}), so that a Liquibase started meanwhile waits for migrate as for another Liquibase,
 * and migrate waits for it. A lock migrate holds names the server session that took it; one left by a migrate
 * process that died is recognised by that session being gone. Another's lock is never broken.
 */
public final class LiquibaseTables {

    private static final Pattern OURS = Pattern.compile("migrate \\(pid \\d+\\) .*session (\\d+@\\d+)");

    private final String schema;

    private LiquibaseTables(String schema) {
        this.schema = schema;
    }

    /** The tables in {@code schema}, or in the connection's current schema (Liquibase's default) when null. */
    public static LiquibaseTables in(Connection connection, String schema) throws SQLException {
        if (schema != null) {
            return new LiquibaseTables(schema);
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            if (!row.next() || row.getString(1) == null) {
                throw new SQLException("the search_path names no schema that exists, so there is no schema for "
                        + "Liquibase's tables; set the schema", "3F000");
            }
            return new LiquibaseTables(row.getString(1));
        }
    }

    public String schema() {
        return schema;
    }

    /** {@code databasechangelog}, qualified, as SQL. */
    public String changelog() {
        return quote(schema) + ".databasechangelog";
    }

    /** {@code databasechangeloglock}, qualified, as SQL. */
    public String lock() {
        return quote(schema) + ".databasechangeloglock";
    }

    /** Creates both tables as Liquibase does, where they are not there, and the lock's one row, in one transaction. */
    public void create(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + changelog() + " (id VARCHAR(255) NOT NULL, "
                    + "author VARCHAR(255) NOT NULL, filename VARCHAR(255) NOT NULL, "
                    + "dateexecuted TIMESTAMP WITHOUT TIME ZONE NOT NULL, orderexecuted INTEGER NOT NULL, "
                    + "exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35), description VARCHAR(255), "
                    + "comments VARCHAR(255), tag VARCHAR(255), liquibase VARCHAR(20), contexts VARCHAR(255), "
                    + "labels VARCHAR(255), deployment_id VARCHAR(10))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + lock() + " (id INTEGER NOT NULL, locked BOOLEAN NOT NULL, "
                    + "lockgranted TIMESTAMP WITHOUT TIME ZONE, lockedby VARCHAR(255), PRIMARY KEY (id))");
            statement.execute("INSERT INTO " + lock() + " (id, locked) VALUES (1, FALSE) ON CONFLICT DO NOTHING");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** How migrate signs the lock: its process, the client address the server sees, and the session. */
    public static String signature(Connection connection, String claimant) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(host(inet_client_addr()), 'a local socket')")) {
            row.next();
            return "migrate (pid " + ProcessHandle.current().pid() + ") from " + row.getString(1) + ", session "
                    + claimant;
        }
    }

    /** Takes Liquibase's lock for {@code signature} if it is free; false when someone holds it. */
    public boolean take(Connection connection, String signature) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + lock() + " SET locked = TRUE, "
                + "lockgranted = NOW(), lockedby = ? WHERE id = 1 AND locked = FALSE")) {
            statement.setString(1, signature);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Takes over the lock from {@code holder}, a migrate whose session is gone (it died holding it); false when the
     * lock changed hands meanwhile.
     */
    public boolean takeOver(Connection connection, String holder, String signature) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + lock() + " SET locked = TRUE, "
                + "lockgranted = NOW(), lockedby = ? WHERE id = 1 AND locked AND lockedby = ?")) {
            statement.setString(1, signature);
            statement.setString(2, holder);
            return statement.executeUpdate() == 1;
        }
    }

    /** Who holds the lock as its row says ({@code lockedby}), if anyone. */
    public Optional<String> holder(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT lockedby FROM " + lock() + " WHERE id = 1 AND locked")) {
            return row.next() ? Optional.of(row.getString(1) == null ? "" : row.getString(1)) : Optional.empty();
        }
    }

    /** The session that took the lock when {@code holder} is a migrate's signature; empty for a Liquibase's. */
    public static Optional<String> migrateSession(String holder) {
        Matcher matcher = OURS.matcher(holder);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Gives the lock back, if {@code signature} still holds it. */
    public void release(Connection connection, String signature) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + lock() + " SET locked = FALSE, "
                + "lockgranted = NULL, lockedby = NULL WHERE id = 1 AND lockedby = ?")) {
            statement.setString(1, signature);
            statement.executeUpdate();
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
