package dev.migrate.internal.liquibase;

import dev.migrate.ChecksumMismatchException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.MigrateException;
import dev.migrate.Migration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each changeset of a changelog set against Liquibase's history, decided as Liquibase 4.33.0 decides it: a
 * changeset with a row ran (whatever its {@code exectype}), and runs again only when it runs always, or runs on
 * change and its checksum changed; a ran changeset whose checksum changed otherwise stops the run, unless a
 * {@code validCheckSum} accepts it. A row is found by the changeset's normalised {@code path::id::author}; of two
 * rows for one changeset the later counts. Changesets the run's filter does not take ({@link ChangelogFilter}) are
 * left out, as Liquibase leaves them out.
 */
public final class ChangelogStates {

    /** Where a changeset stands. */
    public enum State { RAN, PENDING, RERUN, CHANGED, UNFINISHED, UNCHECKABLE, OTHER_PATH }

    /**
     * One changeset: its place in the changelog (from 1), its state, its row and claim if any, and, for
     * {@link State#OTHER_PATH}, the row recorded under another path that seems to be it.
     */
    public record Entry(int position, LiquibaseChangeSet changeSet, State state, Optional<LiquibaseHistory.Ran> ran,
            Optional<ChangelogClaims.Claim> claim, Optional<LiquibaseHistory.Ran> elsewhere) {

        public Migration migration() {
            return ChangelogSource.migration(position, changeSet);
        }
    }

    private final List<Entry> entries;
    private final List<String> duplicates;
    private final java.util.Set<String> ranKeys;

    private ChangelogStates(List<Entry> entries, List<String> duplicates, java.util.Set<String> ranKeys) {
        this.entries = List.copyOf(entries);
        this.duplicates = List.copyOf(duplicates);
        this.ranKeys = java.util.Set.copyOf(ranKeys);
    }

    /** The changesets {@code filter} takes, against {@code rows} and {@code claims}. */
    public static ChangelogStates of(List<LiquibaseChangeSet> changeSets, ChangelogFilter filter,
            List<LiquibaseHistory.Ran> rows, List<ChangelogClaims.Claim> claims) {
        Map<String, LiquibaseHistory.Ran> latest = new HashMap<>();
        Map<String, LiquibaseHistory.Ran> byIdAndAuthor = new HashMap<>();
        for (LiquibaseHistory.Ran row : rows) {
            LiquibaseHistory.Ran before = latest.get(row.key());
            if (before == null || row.executed().after(before.executed())) {
                latest.put(row.key(), row);
            }
            byIdAndAuthor.putIfAbsent(row.id() + "::" + row.author(), row);
        }
        Map<String, ChangelogClaims.Claim> claimed = new HashMap<>();
        claims.forEach(claim -> claimed.put(claim.key(), claim));
        List<Entry> entries = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < changeSets.size(); i++) {
            LiquibaseChangeSet changeSet = changeSets.get(i);
            if (!filter.accepts(changeSet)) {
                continue;
            }
            String key = changeSet.key();
            if (seen.contains(key)) {
                duplicates.add(key);
            }
            seen.add(key);
            Optional<LiquibaseHistory.Ran> ran = Optional.ofNullable(latest.get(key));
            Optional<ChangelogClaims.Claim> claim = Optional.ofNullable(claimed.get(key));
            Optional<LiquibaseHistory.Ran> elsewhere = ran.isPresent() ? Optional.empty()
                    : Optional.ofNullable(byIdAndAuthor.get(changeSet.id() + "::" + changeSet.author()))
                            .filter(row -> samePathElsewhere(row.path(), changeSet.path()));
            entries.add(new Entry(i + 1, changeSet, state(changeSet, ran, claim, elsewhere), ran, claim, elsewhere));
        }
        return new ChangelogStates(entries, duplicates, latest.keySet());
    }

    private static State state(LiquibaseChangeSet changeSet, Optional<LiquibaseHistory.Ran> ran,
            Optional<ChangelogClaims.Claim> claim, Optional<LiquibaseHistory.Ran> elsewhere) {
        if (claim.isPresent()) {
            return State.UNFINISHED;
        }
        if (ran.isEmpty()) {
            return elsewhere.isPresent() ? State.OTHER_PATH : State.PENDING;
        }
        Optional<Boolean> accepted = changeSet.accepts(ran.get().checksum().orElse(null));
        if (changeSet.runAlways()) {
            return State.RERUN;
        }
        if (accepted.isEmpty()) {
            return changeSet.runOnChange() ? State.RERUN : State.UNCHECKABLE;
        }
        if (accepted.get()) {
            return State.RAN;
        }
        return changeSet.runOnChange() ? State.RERUN : State.CHANGED;
    }

    /**
     * Whether two paths name one file seen from different roots ({@code src/main/resources/db/x.sql} and
     * {@code db/x.sql}): Liquibase would take them for two changesets and run it again.
     */
    private static boolean samePathElsewhere(String recorded, String path) {
        String a = LiquibasePaths.normalize(recorded);
        String b = LiquibasePaths.normalize(path);
        return !a.equals(b) && (a.endsWith("/" + b) || b.endsWith("/" + a) || a.equalsIgnoreCase(b));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The key of every changeset {@code databasechangelog} records, this changelog's or not. */
    public java.util.Set<String> ranKeys() {
        return ranKeys;
    }

    /** The changesets a run would run, in changelog order. */
    public List<Entry> toRun() {
        return entries.stream().filter(e -> e.state() == State.PENDING || e.state() == State.RERUN).toList();
    }

    /**
     * The changesets that ran, most recent first (by {@code dateexecuted}, then {@code orderexecuted}): the order
     * Liquibase's rollback-count takes them in. Rows of changesets this changelog does not have are not among them,
     * as Liquibase passes them over.
     */
    public List<Entry> ranNewestFirst() {
        return entries.stream().filter(e -> e.ran().isPresent()).sorted(java.util.Comparator
                .comparing((Entry e) -> e.ran().orElseThrow().executed())
                .thenComparingInt(e -> e.ran().orElseThrow().order()).reversed()).toList();
    }

    /** Changesets that ran and whose row has no checksum, or one of version 8, to be given the current one. */
    public List<Entry> checksumsToUpgrade() {
        return entries.stream().filter(e -> e.state() == State.RAN && !e.ran().orElseThrow().checksum()
                .filter(sum -> sum.startsWith(LiquibaseChecksum.VERSION + ":")).isPresent()).toList();
    }

    /** Changesets left unfinished by a run that stopped part-way through one without a transaction. */
    public List<Entry> unfinished() {
        return entries.stream().filter(e -> e.state() == State.UNFINISHED).toList();
    }

    /** How the changeset's own file accepts a deliberate change, in that format's words. */
    private static String accept(LiquibaseChangeSet changeSet, String checksum) {
        String path = changeSet.path().toLowerCase(java.util.Locale.ROOT);
        if (path.endsWith(".xml")) {
            return "add <validCheckSum>" + checksum + "</validCheckSum> to its changeSet";
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".json")) {
            return "add 'validCheckSum: " + checksum + "' to its changeSet";
        }
        return "add '--validCheckSum: " + checksum + "' under its --changeset line";
    }

    /** Every reason not to run: duplicate changesets, changed ones, ones recorded under another path. */
    public List<MigrateException> problems(ChangelogFile file) {
        List<MigrateException> problems = new ArrayList<>();
        for (String duplicate : duplicates) {
            problems.add(InvalidMigrationException.changelog(file.displayName(), "has the changeset " + duplicate
                    + " more than once, which Liquibase refuses; give each changeset an id of its own. Nothing was run."));
        }
        for (Entry entry : entries) {
            LiquibaseChangeSet changeSet = entry.changeSet();
            switch (entry.state()) {
                case CHANGED -> {
                    String stored = entry.ran().orElseThrow().checksum().orElse("");
                    String current = stored.startsWith(LiquibaseChecksum.VERSION_8 + ":")
                            ? changeSet.checksumVersion8() : changeSet.checksum();
                    problems.add(ChecksumMismatchException.changeSetChanged(entry.migration(), file.displayName(),
                            changeSet.line(), stored, current, accept(changeSet, current)));
                }
                case UNCHECKABLE -> problems.add(InvalidMigrationException.changelog(file.displayName(), "has the "
                        + "changeset " + changeSet.key() + " (line " + changeSet.line() + "), whose databasechangelog "
                        + "row holds the checksum " + entry.ran().orElseThrow().checksum().orElse("") + ", of a version "
                        + "before 8 that migrate cannot check. Run Liquibase 4.33.0's update once to upgrade the "
                        + "checksums, or clear them with its clear-checksums. Nothing was run."));
                case OTHER_PATH -> problems.add(InvalidMigrationException.changelog(file.displayName(), "has the "
                        + "changeset " + changeSet.key() + " (line " + changeSet.line() + "), which databasechangelog "
                        + "records as run from '" + entry.elsewhere().orElseThrow().path() + "': the changelog is read "
                        + "from another root than when it ran, so Liquibase would run it again. Give the location as "
                        + "it was given to Liquibase (as Spring Boot gives it, classpath:" + LiquibasePaths.normalize(
                        entry.elsewhere().orElseThrow().path()) + "), or set logicalFilePath. Nothing was run."));
                default -> { }
            }
        }
        return problems;
    }
}
