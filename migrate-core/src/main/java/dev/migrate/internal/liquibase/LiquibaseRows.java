package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The rows migrate writes to {@code databasechangelog} for what it runs, column for column as Liquibase 4.33.0
 * writes them ({@code MarkChangeSetRanGenerator}), so that Liquibase reads them as its own: the version 9 checksum,
 * {@code description} {@code sql}, the comment, the context expression and the labels as Liquibase records them,
 * one {@code deployment_id} per run. {@code liquibase} says {@code migrate}, so that a reader can tell who ran it
 * (Liquibase reads that column only to excuse checksums of its own old releases).
 *
 * <p>Each is written in the changeset's own transaction, before its SQL: a first row where there is none (under a
 * transaction-level advisory lock on the changeset, so that of two runs the second sees the first's row once it
 * commits and runs nothing), or the row it had, updated only if it is still the one read (a changeset that runs
 * again).
 */
public final class LiquibaseRows {

    private static final String VALUES = "dateexecuted = NOW(), orderexecuted = ?, md5sum = ?, exectype = ?, "
            + "deployment_id = ?, comments = ?, contexts = ?, labels = ?, liquibase = 'migrate', description = ?, "
            + "tag = COALESCE(?, tag)";

    private LiquibaseRows() {
    }

    /** The {@code orderexecuted} Liquibase gives the first changeset of a run: one more than the highest. */
    public static int nextOrder(Connection connection, LiquibaseTables tables) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(orderexecuted), 0) + 1 FROM "
                     + tables.changelog())) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Liquibase's deployment id for a run started now: the last ten digits of the time in milliseconds. */
    public static String deploymentId() {
        String millis = Long.toString(System.currentTimeMillis());
        return millis.length() > 9 ? millis.substring(millis.length() - 10) : String.format("%010d", Long.valueOf(millis));
    }

    /**
     * Writes the changeset's first row, as {@code execType}, unless it has one (another run wrote it first).
     *
     * @return whether it was written
     */
    public static boolean insert(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet,
            String execType, int order, String deploymentId) throws SQLException {
        ChangelogClaims.lock(connection, tables, changeSet);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tables.changelog()
                + " (id, author, filename, dateexecuted, orderexecuted, md5sum, description, comments, exectype, "
                + "contexts, labels, liquibase, deployment_id, tag) SELECT ?, ?, ?, NOW(), ?, ?, ?, ?, ?, ?, ?, 'migrate', "
                + "?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + tables.changelog() + " WHERE id = ? AND author = ? "
                + "AND filename = ?)")) {
            int i = 0;
            statement.setString(++i, changeSet.id());
            statement.setString(++i, changeSet.author());
            statement.setString(++i, changeSet.path());
            statement.setInt(++i, order);
            statement.setString(++i, changeSet.checksum());
            statement.setString(++i, description(changeSet));
            statement.setString(++i, comments(changeSet));
            statement.setString(++i, execType);
            statement.setString(++i, contexts(changeSet));
            statement.setString(++i, labels(changeSet));
            statement.setString(++i, deploymentId);
            statement.setString(++i, changeSet.tag().orElse(null));
            statement.setString(++i, changeSet.id());
            statement.setString(++i, changeSet.author());
            statement.setString(++i, changeSet.path());
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Rewrites the row {@code ran} of a changeset that runs again ({@code RERAN}, or {@code MARK_RAN} when its
     * precondition says so), unless another run rewrote it since it was read.
     *
     * @return whether it was rewritten
     */
    public static boolean rerun(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet,
            LiquibaseHistory.Ran ran, String execType, int order, String deploymentId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + tables.changelog() + " SET "
                + VALUES + " WHERE id = ? AND author = ? AND filename = ? AND orderexecuted = ? "
                + "AND dateexecuted = ?")) {
            int i = 0;
            statement.setInt(++i, order);
            statement.setString(++i, changeSet.checksum());
            statement.setString(++i, execType);
            statement.setString(++i, deploymentId);
            statement.setString(++i, comments(changeSet));
            statement.setString(++i, contexts(changeSet));
            statement.setString(++i, labels(changeSet));
            statement.setString(++i, description(changeSet));
            statement.setString(++i, changeSet.tag().orElse(null));
            statement.setString(++i, ran.id());
            statement.setString(++i, ran.author());
            statement.setString(++i, ran.path());
            statement.setInt(++i, ran.order());
            statement.setTimestamp(++i, ran.executed());
            return statement.executeUpdate() >= 1;
        }
    }

    /**
     * Deletes the row {@code ran} of a changeset rolled back, in the transaction of its rollback, unless another run
     * changed or deleted it since it was read.
     *
     * @return whether it was deleted
     */
    public static boolean remove(Connection connection, LiquibaseTables tables, LiquibaseHistory.Ran ran)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + tables.changelog()
                + " WHERE id = ? AND author = ? AND filename = ? AND orderexecuted = ? AND dateexecuted = ?")) {
            statement.setString(1, ran.id());
            statement.setString(2, ran.author());
            statement.setString(3, ran.path());
            statement.setInt(4, ran.order());
            statement.setTimestamp(5, ran.executed());
            return statement.executeUpdate() >= 1;
        }
    }

    /**
     * Records the changeset's current checksum in {@code ran}, a row with none (cleared) or one of an older
     * version that still matches: what Liquibase does before it goes on.
     */
    public static void replaceChecksum(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet,
            LiquibaseHistory.Ran ran) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + tables.changelog()
                + " SET md5sum = ? WHERE id = ? AND author = ? AND filename = ?")) {
            statement.setString(1, changeSet.checksum());
            statement.setString(2, ran.id());
            statement.setString(3, ran.author());
            statement.setString(4, ran.path());
            statement.executeUpdate();
        }
    }

    /** What Liquibase describes a changeset by (its changes), cut to 250 characters. */
    static String description(LiquibaseChangeSet changeSet) {
        return limit(changeSet.description());
    }

    /** The comment, trimmed, cut to 250 characters with an ellipsis; empty, not null, when there is none. */
    static String comments(LiquibaseChangeSet changeSet) {
        return limit(changeSet.comment().map(String::trim).orElse(""));
    }

    /** The context expression as written, in parentheses when it has a comma or a space; null for none. */
    static String contexts(LiquibaseChangeSet changeSet) {
        Optional<String> context = changeSet.context().filter(c -> !c.isBlank());
        return context.map(c -> c.contains(",") || c.contains(" ") ? "(" + c + ")" : c).orElse(null);
    }

    /** The labels, each trimmed and in lower case, joined by commas without repeats; null for none. */
    static String labels(LiquibaseChangeSet changeSet) {
        return changeSet.labels().map(labels -> String.join(",", java.util.Arrays.stream(labels.split(","))
                .map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.toLowerCase(java.util.Locale.ROOT))
                .distinct().toList())).filter(l -> !l.isEmpty()).orElse(null);
    }

    private static String limit(String text) {
        return text.length() > 250 ? text.substring(0, 247) + "..." : text;
    }
}
