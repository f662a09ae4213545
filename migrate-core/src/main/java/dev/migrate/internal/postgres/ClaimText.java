package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A migration's claim and settle as SQL text, sent in one message with its script ({@link ScriptBatch}) instead of
 * as statements of their own: the same rows {@link HistoryRows#claim} and {@link HistoryRows#settle} write, and
 * checks that fail the message, so that nothing after a failed check runs.
 */
public final class ClaimText {

    private final HistoryTable table;

    ClaimText(HistoryTable table) {
        this.table = table;
    }

    /**
     * Whether a migration's claim and settle can be written as text ({@link #claimText}, {@link #settleText}) and
     * sent with its script: its version is a plain literal, the version column holds it as it is, and the script
     * adds no column of migrate's to this table (then {@link HistoryUpgrade#makeRoomFor} has work to do first). The caller checks
     * that the server reads {@code '...'} literals as written.
     */
    public boolean claimsAsText(Version version, String sql) {
        return version.toString().matches("[0-9A-Za-z._-]+")
                && (version.asLong().isPresent() || !table.columns().holdsWholeVersionsOnly()) && table.upgrade().inTheWayOf(sql).isEmpty();
    }

    /**
     * The claim as one statement of text, for a message that carries the script too: a plain INSERT, so that a
     * version already recorded fails it (23505) and the server runs nothing after it. The row's time taken holds
     * the server's clock (epoch milliseconds) until {@link #settleText} turns it into the time taken, in the same
     * transaction, so no other session ever reads it.
     */
    public String claimText(AppliedMigration row) {
        Instant at = row.appliedAt() == null ? Instant.now() : row.appliedAt();
        // the values in METADATA's order, as HistoryRows binds them
        return table.insertColumns().append(") VALUES (").append(literal(row.version().toString())).append(", ")
                .append(row.dirty()).append(", ").append(literal(row.description())).append(", ")
                .append(literal(row.checksum())).append(", ")
                .append(literal(OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString())).append("::timestamptz, ")
                .append(SERVER_MILLIS).append(", ").append(literal(row.appliedBy())).append(", ")
                .append(literal(row.adoptedFrom())).append(", NULL)").toString();
    }

    private static final String SERVER_MILLIS = "(extract(epoch FROM pg_catalog.clock_timestamp()) * 1000)::bigint";

    /** A string literal as a server with standard_conforming_strings reads it; NULL for null. */
    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** What the check after a settle says when the row is gone: the message of the error it raises. */
    public static final String ROW_GONE = "migrate: the history row of the migration is gone";

    /** The label of the one value {@link #settleText} returns: the migration's time taken, in milliseconds. */
    public static final String TOOK = "migrate: time taken";

    /**
     * The statement that settles a row {@link #claimText} wrote, sent with its script in one message: it sets the
     * row's time taken (by the server's clock, from the claim) and returns it labelled {@link #TOOK}, or, when the
     * script removed the row, raises an error holding {@link #ROW_GONE}, so that the COMMIT after it never runs.
     */
    public String settleText(Version version, long rowsAfter) {
        String took = table.quoted("execution_ms");
        String rows = "(SELECT count(*) FROM " + table.sqlName() + ")";
        // The casts depend on the counts, so they are not folded at planning: each fails only when its case holds.
        return "WITH settled AS (UPDATE " + table.sqlName() + " SET " + took + " = " + SERVER_MILLIS + " - " + took
                + " WHERE version = " + literal(version.toString()) + " RETURNING " + took + " AS took) "
                + "SELECT CASE WHEN count(*) = 0 THEN ('" + ROW_GONE + " (' || count(*) || ')')::bigint "
                + "WHEN " + rows + " < " + rowsAfter + " THEN ('" + ROWS_CHANGED + " (' || " + rows + " || ')')::bigint "
                + "ELSE max(took) END AS \"" + TOOK + "\" FROM settled";
    }

    /** What the check after a settle says when the script deleted other versions' rows. */
    public static final String ROWS_CHANGED = "migrate: the history rows of other versions were deleted";

    /** What both checks after a settle begin with: an error holding it is the engine's, not the script's. */
    public static final String SETTLE_CHECK = "migrate: the history row";
}
