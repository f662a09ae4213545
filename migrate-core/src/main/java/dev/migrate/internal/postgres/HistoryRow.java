package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.Version;
import java.util.function.Supplier;

/**
 * A history row as a run compares it: version, dirty flag and checksum at hand, the whole
 * {@link AppliedMigration} made when first asked for (by a message, a status, a rollback). A run with nothing to
 * do never asks, so it never parses the rows' timestamps: for 1,000 rows, that parsing was a tenth of such a run.
 */
public final class HistoryRow {

    private final Version version;
    private final boolean dirty;
    private final String checksum;
    private final String claimant;
    private final Supplier<AppliedMigration> whole;
    private volatile AppliedMigration row;

    private HistoryRow(Version version, boolean dirty, String checksum, String claimant,
            Supplier<AppliedMigration> whole) {
        this.version = version;
        this.dirty = dirty;
        this.checksum = checksum;
        this.claimant = claimant;
        this.whole = whole;
    }

    public static HistoryRow of(AppliedMigration row) {
        return new HistoryRow(row.version(), row.dirty(), row.checksum(), null, () -> row);
    }

    static HistoryRow lazy(Version version, boolean dirty, String checksum, String claimant,
            Supplier<AppliedMigration> whole) {
        return new HistoryRow(version, dirty, checksum, claimant, whole);
    }

    public Version version() {
        return version;
    }

    public boolean dirty() {
        return dirty;
    }

    /** The checksum recorded when the migration ran; {@code null} for rows adopted without one. */
    public String checksum() {
        return checksum;
    }

    /**
     * The session that claimed this row to run its migration outside a transaction ({@link Claimants}), while it
     * runs; {@code null} for a row settled, or written by a release that did not record it.
     */
    public String claimant() {
        return claimant;
    }

    public AppliedMigration row() {
        AppliedMigration made = row;
        if (made == null) {
            made = whole.get();
            row = made;
        }
        return made;
    }
}
