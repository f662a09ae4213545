package dev.migrate.internal.run;

import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.MigrationInfo;
import dev.migrate.MigrationState;
import dev.migrate.Plan;
import dev.migrate.PlannedMigration;
import dev.migrate.Status;
import dev.migrate.ValidationResult;
import dev.migrate.Version;
import dev.migrate.internal.liquibase.ChangelogSource;
import dev.migrate.internal.liquibase.ChangelogStates;
import dev.migrate.internal.liquibase.LiquibaseChangeSet;
import dev.migrate.internal.liquibase.LiquibaseHistory;
import dev.migrate.internal.liquibase.LiquibaseTables;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Status, plan and validate for a Liquibase changelog: steps 1 and 2 of its run ({@link ChangelogRun}), reported,
 * taking no lock and changing nothing. A changeset appears as a migration numbered by its place in the changelog:
 * applied, pending, {@code outdated} when the next run runs it again (runAlways, or runOnChange and changed),
 * {@code modified} when it changed since it ran, {@code dirty} when a run without a transaction left it unfinished.
 */
public final class ChangelogReports {

    private final Steps shared;
    private final ChangelogSource source;

    public ChangelogReports(Steps shared, ChangelogSource source) {
        this.shared = shared;
        this.source = source;
    }

    public Status status() {
        List<LiquibaseChangeSet> changeSets = source.changeSets();
        return shared.connected("read the changelog's status", connection -> {
            ChangelogStates states = states(connection, changeSets);
            List<MigrationInfo> migrations = states.entries().stream().map(this::info).toList();
            Optional<Version> version = states.entries().stream().filter(e -> e.ran().isPresent())
                    .map(e -> e.migration().version()).reduce((a, b) -> b);
            return new Status(version, !states.unfinished().isEmpty(), migrations);
        });
    }

    /** What {@code change} would run, each changeset with the SQL it sends, refusing as the run would. */
    public Plan plan(Change change) {
        List<LiquibaseChangeSet> changeSets = source.changeSets();
        return shared.connected("plan the changelog", connection -> {
            LiquibaseTables tables = tables(connection);
            ChangelogStates states = ChangelogRun.states(connection, tables, source, changeSets);
            Steps.throwAll(ChangelogRun.problems(connection, tables, source, states));
            List<ChangelogStates.Entry> due = ChangelogRun.due(states, change);
            Optional<Version> now = states.entries().stream().filter(e -> e.ran().isPresent())
                    .map(e -> e.migration().version()).reduce((a, b) -> b);
            // A changeset's number is its place, not a version: the plan goes up to the furthest it runs.
            Optional<Version> target = due.stream().map(e -> e.migration().version()).reduce((a, b) -> b)
                    .filter(last -> now.map(v -> last.compareTo(v) > 0).orElse(true)).or(() -> now);
            return new Plan(now, target,
                    due.stream().map(e -> new PlannedMigration(e.migration().version(), e.migration().description(),
                            Direction.UP, source.file().displayName() + ", line " + e.changeSet().line(),
                            e.changeSet().sql(), e.changeSet().runInTransaction())).toList());
        });
    }

    /** Every reason a run would refuse. */
    public ValidationResult validate() {
        List<LiquibaseChangeSet> changeSets = source.changeSets();
        return shared.connected("validate the changelog", connection -> {
            LiquibaseTables tables = tables(connection);
            return new ValidationResult(ChangelogRun.problems(connection, tables, source,
                    ChangelogRun.states(connection, tables, source, changeSets)));
        });
    }

    private ChangelogStates states(Connection connection, List<LiquibaseChangeSet> changeSets) {
        return ChangelogRun.states(connection, tables(connection), source, changeSets);
    }

    private LiquibaseTables tables(Connection connection) {
        return Steps.sql("find Liquibase's schema", () -> LiquibaseTables.in(connection,
                shared.settings().schema()));
    }

    private MigrationInfo info(ChangelogStates.Entry entry) {
        MigrationState state = switch (entry.state()) {
            case RAN -> MigrationState.APPLIED;
            case RERUN -> MigrationState.OUTDATED;
            case CHANGED, UNCHECKABLE -> MigrationState.MODIFIED;
            case UNFINISHED -> MigrationState.DIRTY;
            case PENDING, OTHER_PATH -> MigrationState.PENDING;
        };
        return new MigrationInfo(entry.migration().version(), entry.changeSet().key(), state,
                source.file().displayName() + ", line " + entry.changeSet().line(), entry.changeSet().checksum(),
                entry.ran().map(ran -> ran.executed().toInstant()).orElse(null), null, null, ChangelogSource.LAYOUT,
                entry.ran().filter(LiquibaseHistory.Ran::byLiquibase).map(ran -> "liquibase").orElse(null));
    }
}
