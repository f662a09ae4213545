package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.ChecksumMismatchException;
import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.MigrateException;
import dev.migrate.Migration;
import dev.migrate.MigrationInfo;
import dev.migrate.MigrationState;
import dev.migrate.MissingMigrationException;
import dev.migrate.OutOfOrderMigrationException;
import dev.migrate.Status;
import dev.migrate.Version;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.source.Layout;
import dev.migrate.internal.postgres.HistoryRow;
import dev.migrate.internal.source.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state of every migration: pending, applied, modified, missing or dirty, from the migration files set
 * against the history rows; and from those states, what a change would run and every reason not to run. The
 * engine's pure core: no I/O but hashing the files. One merge over both lists (each in version order) keeps the
 * cost linear in the number of migrations; each applied file is hashed once, usually already by the listing
 * thread while the run connected ({@link Listing#ahead}).
 */
public final class MigrationStates {

    /** A migration's file and its history row; either may be missing. */
    private record Entry(Version version, Migration file, HistoryRow row, MigrationState state) {
    }

    private final List<Entry> entries;
    private final String locations;
    private final Optional<Version> current;
    private final Optional<Adoption> adoption;
    /**
     * Whether an applied version without a file is no reason to stop: dbmate carries on over them (a service whose
     * other migrations live in another folder), and so does migrate for a dbmate folder.
     */
    private final boolean missingAllowed;

    private MigrationStates(List<Entry> entries, String locations, Optional<Adoption> adoption,
            boolean missingAllowed) {
        this.entries = entries;
        this.locations = locations;
        this.adoption = adoption;
        this.missingAllowed = missingAllowed;
        this.current = entries.stream().filter(e -> e.row() != null).map(Entry::version).reduce((a, b) -> b);
    }

    public static MigrationStates of(List<Migration> files, List<HistoryRow> rows, String locations) {
        return of(files, rows, locations, Optional.empty());
    }

    /** As {@link #of(List, List, String)}, the rows coming from another tool's history not yet recorded. */
    public static MigrationStates of(List<Migration> files, List<HistoryRow> rows, String locations,
            Optional<Adoption> adoption) {
        boolean asText = !files.isEmpty() && files.get(0).version().isOrderedAsText();
        if (asText) {
            // diesel's versions order as text; the rows, read back as numbers, must merge in that same order.
            rows = rows.stream().sorted(Comparator.comparing((HistoryRow r) -> r.version().asOrderedAsText())).toList();
        }
        List<Entry> entries = new ArrayList<>(Math.max(files.size(), rows.size()));
        int f = 0;
        int r = 0;
        while (f < files.size() || r < rows.size()) {
            Migration file = f < files.size() ? files.get(f) : null;
            HistoryRow row = r < rows.size() ? rows.get(r) : null;
            int order = file == null ? 1 : row == null ? -1 : file.version().compareTo(row.version());
            if (order < 0) {
                entries.add(new Entry(file.version(), file, null, MigrationState.PENDING));
                f++;
            } else if (order > 0) {
                entries.add(new Entry(asText ? row.version().asOrderedAsText() : row.version(), null, row, row.dirty() ? MigrationState.DIRTY : MigrationState.MISSING));
                r++;
            } else {
                entries.add(new Entry(file.version(), file, row, stateOf(file, row)));
                f++;
                r++;
            }
        }
        if (adoption.isEmpty()) {
            // Rows still to be adopted came from another tool, not from a newer release of this application.
            markAhead(entries, files);
        }
        return new MigrationStates(entries, locations, adoption, !files.isEmpty()
                && files.stream().allMatch(file -> Layout.DBMATE.id().equals(file.layout())));
    }

    /**
     * Clean rows above the newest file are a newer release's migrations (a rolling deploy), not missing files.
     * With no files at all, nothing is ahead: a folder that lists nothing is more likely the wrong folder.
     */
    private static void markAhead(List<Entry> entries, List<Migration> files) {
        if (files.isEmpty()) {
            return;
        }
        Version newest = files.get(files.size() - 1).version();
        for (int i = entries.size() - 1; i >= 0 && entries.get(i).version().compareTo(newest) > 0; i--) {
            Entry entry = entries.get(i);
            if (entry.state() == MigrationState.MISSING) {
                entries.set(i, new Entry(entry.version(), null, entry.row(), MigrationState.AHEAD));
            }
        }
    }

    /** The sessions that claimed the dirty versions to run them outside a transaction, where the rows name them. */
    List<String> dirtyClaimants() {
        return entries.stream().filter(e -> e.state() == MigrationState.DIRTY && e.row().claimant() != null)
                .map(e -> e.row().claimant()).toList();
    }

    /** The applied versions above every file here, in order: a newer release applied them. */
    public List<Version> ahead() {
        return entries.stream().filter(e -> e.state() == MigrationState.AHEAD).map(Entry::version).toList();
    }

    /** Another tool's history that the rows come from and that migrate has not recorded yet. */
    public Optional<Adoption> adoption() {
        return adoption;
    }

    private static MigrationState stateOf(Migration file, HistoryRow row) {
        if (row.dirty()) {
            return MigrationState.DIRTY;
        }
        // No checksum on either side (an adopted row, a Java migration without one) compares nothing.
        String current = file.up().checksum();
        return row.checksum() == null || current == null || row.checksum().equals(current)
                ? MigrationState.APPLIED : MigrationState.MODIFIED;
    }

    private Version newestFile() {
        return entries.stream().filter(e -> e.file() != null).map(Entry::version).reduce((a, b) -> b).orElseThrow();
    }

    /** Whether any version is dirty. */
    public boolean dirty() {
        return entries.stream().anyMatch(e -> e.state() == MigrationState.DIRTY);
    }

    /** The file of {@code version}, if there is one. */
    public Optional<Migration> file(Version version) {
        return entries.stream().filter(e -> e.version().equals(version) && e.file() != null).map(Entry::file)
                .findFirst();
    }

    /** The history row of {@code version}, if there is one. */
    public Optional<AppliedMigration> row(Version version) {
        return entries.stream().filter(e -> e.version().equals(version) && e.row() != null)
                .map(e -> e.row().row()).findFirst();
    }

    /** Every history row, in version order. */
    /** How many history rows there are, without making each row whole. */
    long rowCount() {
        return entries.stream().filter(e -> e.row() != null).count();
    }

    public List<AppliedMigration> rows() {
        return entries.stream().map(Entry::row).filter(java.util.Objects::nonNull).map(HistoryRow::row).toList();
    }

    /** The migrations up to and including {@code version} that have a file but no history row. */
    public List<Migration> unrecordedUpTo(Version version) {
        return entries.stream().filter(e -> e.version().compareTo(version) <= 0 && e.row() == null)
                .map(Entry::file).toList();
    }

    /** The highest version in the history, dirty or not. */
    public Optional<Version> current() {
        return current;
    }

    /** The highest cleanly applied version below {@code version}: where 'force' goes to undo it. */
    public Optional<Version> appliedBelow(Version version) {
        Version below = null;
        for (Entry entry : entries) {
            if (entry.version().compareTo(version) >= 0) {
                break;
            }
            if (entry.row() != null && !entry.row().dirty()) {
                below = entry.version();
            }
        }
        return Optional.ofNullable(below);
    }

    /**
     * Every reason not to run, dirty first, then in version order.
     *
     * @param checkFiles whether changed and missing files count (validate-on-migrate)
     */
    public List<MigrateException> problems(boolean outOfOrderAllowed, boolean checkFiles) {
        return problems(outOfOrderAllowed, checkFiles, true, Optional.empty());
    }

    /**
     * As {@link #problems(boolean, boolean)}; versions ahead of the files count when checking files unless
     * {@code aheadAllowed}, and with a run holding the lock, a dirty version is in progress.
     */
    List<MigrateException> problems(boolean outOfOrderAllowed, boolean checkFiles, boolean aheadAllowed,
            Optional<Running> running) {
        List<MigrateException> dirty = new ArrayList<>();
        List<MigrateException> others = new ArrayList<>();
        for (Entry entry : entries) {
            switch (entry.state()) {
                case DIRTY -> dirty.add(running.isPresent()
                        ? running.get().inProgress(entry.row().row())
                        : new DirtyDatabaseException(entry.row().row(), appliedBelow(entry.version())));
                case MODIFIED -> {
                    if (checkFiles) {
                        others.add(new ChecksumMismatchException(entry.file(), entry.row().checksum()));
                    }
                }
                case MISSING -> {
                    if (checkFiles && !missingAllowed) {
                        others.add(new MissingMigrationException(entry.row().row(), locations));
                    }
                }
                case PENDING -> {
                    if (!outOfOrderAllowed && current.isPresent() && entry.version().compareTo(current.get()) < 0) {
                        others.add(new OutOfOrderMigrationException(entry.file(), current.get()));
                    }
                }
                case AHEAD -> {
                    if (checkFiles && !aheadAllowed) {
                        others.add(MissingMigrationException.ahead(entry.row().row(), newestFile(), locations));
                    }
                }
                case APPLIED, IN_PROGRESS -> { }
            }
        }
        dirty.addAll(others);
        return dirty;
    }

    /**
     * The steps of {@code change} in the order they run.
     *
     * @throws IrreversibleMigrationException if a migration to roll back has no down script
     */
    public List<Step> steps(Change change) {
        Optional<Version> version = change.version();
        return switch (change.kind()) {
            case UP -> up(version, change.limit());
            case DOWN -> down(Optional.empty(), change.limit());
            case GOTO -> current.isPresent() && version.orElseThrow().compareTo(current.get()) < 0
                    ? down(version, Change.ALL)
                    : up(version, Change.ALL);
        };
    }

    /** The newest applied version once {@code steps} have run. */
    public Optional<Version> versionAfter(List<Step> steps) {
        if (steps.isEmpty()) {
            return current;
        }
        Step last = steps.get(steps.size() - 1);
        if (last.direction() == Direction.DOWN) {
            return appliedBelow(last.migration().version());
        }
        // Out of order, the last one applied need not be the newest.
        return Stream.of(current, Optional.of(last.migration().version())).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    private List<Step> up(Optional<Version> target, int limit) {
        List<Step> steps = new ArrayList<>();
        for (Entry entry : entries) {
            if (steps.size() == limit || target.isPresent() && entry.version().compareTo(target.get()) > 0) {
                break;
            }
            if (entry.state() == MigrationState.PENDING) {
                steps.add(new Step(entry.file(), Direction.UP, null));
            }
        }
        return steps;
    }

    /** Applied migrations above {@code keep}, newest first, at most {@code limit}; each must have a down script. */
    private List<Step> down(Optional<Version> keep, int limit) {
        List<Step> steps = new ArrayList<>();
        List<String> irreversible = new ArrayList<>();
        List<Version> irreversibleVersions = new ArrayList<>();
        String layout = null;
        for (int i = entries.size() - 1; i >= 0 && steps.size() + irreversible.size() < limit; i--) {
            Entry entry = entries.get(i);
            if (keep.isPresent() && entry.version().compareTo(keep.get()) <= 0) {
                break;
            }
            if (entry.row() == null) {
                continue;
            }
            if (entry.file() == null || entry.file().down().isEmpty()) {
                irreversible.add(entry.row().row().label() + (entry.file() == null ? " (its files are missing)" : ""));
                irreversibleVersions.add(entry.version());
                if (layout == null && entry.file() != null) {
                    layout = entry.file().layout();
                }
            } else {
                steps.add(new Step(entry.file(), Direction.DOWN, entry.row().row()));
            }
        }
        if (!irreversible.isEmpty()) {
            throw new IrreversibleMigrationException(irreversible, irreversibleVersions,
                    Layout.downScriptAdvice(layout == null ? "golang-migrate" : layout));
        }
        return steps;
    }

    public Status status() {
        return status(Optional.empty());
    }

    /**
     * The status; with a run holding the lock, a dirty version is that run's no-transaction migration in progress.
     */
    Status status(Optional<Running> running) {
        List<MigrationInfo> infos = new ArrayList<>(entries.size());
        boolean dirty = false;
        for (Entry entry : entries) {
            Migration file = entry.file();
            AppliedMigration row = entry.row() == null ? null : entry.row().row();
            boolean inProgress = entry.state() == MigrationState.DIRTY && running.isPresent();
            dirty |= entry.state() == MigrationState.DIRTY && !inProgress;
            MigrationState state = inProgress ? MigrationState.IN_PROGRESS : entry.state();
            infos.add(new MigrationInfo(entry.version(), file != null ? file.description() : row.description(),
                    state, file == null ? null : file.up().name(), file == null ? null : file.up().checksum(),
                    row == null ? null : row.appliedAt(), row == null ? null : row.executionMs(),
                    row == null ? null : row.appliedBy(), file == null ? null : file.layout(),
                    row == null ? null : row.adoptedFrom()));
        }
        return new Status(current, dirty, infos, adoption.map(Adoption::tool));
    }
}
