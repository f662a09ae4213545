package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * migrate's own table beside Liquibase's, {@code migrate_changelog_claims}: a row while a changeset that runs
 * without a transaction ({@code runInTransaction:false}) is under way, naming the server session running it.
 * Liquibase has no such record (a changeset it was running when it died simply runs again); migrate claims the
 * changeset first, runs its statements, and then, in one transaction, writes its {@code databasechangelog} row and
 * drops the claim. A claim left behind means the changeset stopped part-way, or is still running in a session whose
 * run is gone: either way it is not run again until someone has looked. Created only when such a changeset runs.
 */
public final class ChangelogClaims {

    /** A claim: the changeset's identity, who claimed it and when. */
    public record Claim(String path, String id, String author, String claimant, Timestamp claimedAt) {

        public String key() {
            return LiquibasePaths.normalize(path) + "::" + id + "::" + author;
        }
    }

    private ChangelogClaims() {
    }

    static String table(LiquibaseTables tables) {
        return LiquibaseTables.quote(tables.schema()) + ".migrate_changelog_claims";
    }

    /** Every claim left in the table; none when there is no table. */
    public static List<Claim> read(Connection connection, LiquibaseTables tables) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        if (!LiquibaseHistory.exists(connection, tables.schema(), "migrate_changelog_claims")) {
            return claims;
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT filename, id, author, claimed_by, claimed_at FROM "
                     + table(tables) + " ORDER BY claimed_at")) {
            while (row.next()) {
                claims.add(new Claim(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getTimestamp(5)));
            }
        }
        return claims;
    }

    /**
     * Claims {@code changeSet} for {@code claimant} and commits, unless another run claimed it or recorded it since
     * {@code ran} was read (none: it has no row; else that row, unchanged).
     *
     * @return whether it was claimed
     */
    public static boolean claim(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet,
            Optional<LiquibaseHistory.Ran> ran, String claimant) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table(tables) + " (filename VARCHAR(255) NOT NULL, "
                    + "id VARCHAR(255) NOT NULL, author VARCHAR(255) NOT NULL, claimed_by TEXT NOT NULL, "
                    + "claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (filename, id, author))");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            lock(connection, tables, changeSet);
            String unchanged = ran.isEmpty() ? "NOT EXISTS (SELECT 1 FROM " + tables.changelog()
                    + " WHERE id = ? AND author = ? AND filename = ?)" : "EXISTS (SELECT 1 FROM " + tables.changelog()
                    + " WHERE id = ? AND author = ? AND filename = ? AND orderexecuted = ? AND dateexecuted = ?)";
            boolean claimed;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table(tables)
                    + " (filename, id, author, claimed_by) SELECT ?, ?, ?, ? WHERE " + unchanged
                    + " ON CONFLICT DO NOTHING")) {
                statement.setString(1, changeSet.path());
                statement.setString(2, changeSet.id());
                statement.setString(3, changeSet.author());
                statement.setString(4, claimant);
                statement.setString(5, ran.map(LiquibaseHistory.Ran::id).orElse(changeSet.id()));
                statement.setString(6, ran.map(LiquibaseHistory.Ran::author).orElse(changeSet.author()));
                statement.setString(7, ran.map(LiquibaseHistory.Ran::path).orElse(changeSet.path()));
                if (ran.isPresent()) {
                    statement.setInt(8, ran.get().order());
                    statement.setTimestamp(9, ran.get().executed());
                }
                claimed = statement.executeUpdate() == 1;
            }
            connection.commit();
            return claimed;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Drops {@code claimant}'s claim, in the transaction that records the changeset.
     *
     * @return whether the claim was still there
     */
    public static boolean settle(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet,
            String claimant) throws SQLException {
        lock(connection, tables, changeSet);
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table(tables)
                + " WHERE filename = ? AND id = ? AND author = ? AND claimed_by = ?")) {
            statement.setString(1, changeSet.path());
            statement.setString(2, changeSet.id());
            statement.setString(3, changeSet.author());
            statement.setString(4, claimant);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Drops the table when no claim is left in it, under migrate's lock at the end of a run: Liquibase's schema is
     * left as Liquibase would leave it. A run that lost its lock and claims now fails to, before running anything.
     */
    public static void dropIfEmpty(Connection connection, LiquibaseTables tables) throws SQLException {
        if (read(connection, tables).isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table(tables));
            }
        }
    }

    /** The statement to drop a claim by hand, for messages. */
    public static String deleteStatement(LiquibaseTables tables, Claim claim) {
        return "DELETE FROM " + table(tables) + " WHERE filename = '" + claim.path().replace("'", "''")
                + "' AND id = '" + claim.id().replace("'", "''") + "' AND author = '"
                + claim.author().replace("'", "''") + "'";
    }

    /**
     * The transaction-level lock {@link LiquibaseRows} takes too: claims, settles and first rows of one changeset
     * happen one after another, each seeing what the one before committed.
     */
    static void lock(Connection connection, LiquibaseTables tables, LiquibaseChangeSet changeSet) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "migrate " + tables.changelog() + " " + changeSet.key());
            lock.execute();
        }
    }
}
