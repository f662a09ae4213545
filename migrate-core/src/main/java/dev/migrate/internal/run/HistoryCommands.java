package dev.migrate.internal.run;

import dev.migrate.AdoptResult;
import dev.migrate.AppliedMigration;
import dev.migrate.BaselineResult;
import dev.migrate.ForceResult;
import dev.migrate.LockHolder;
import dev.migrate.LockTimeoutException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.spi.MigrationSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Changes to the history that run no script, under the lock: force a version, baseline, adopt another tool's
 * history (and its dry run). The SQL of force and baseline is {@link HistoryEdits}'.
 */
public final class HistoryCommands {

    private static final Logger log = ProgressLog.LOG;

    private final Steps shared;
    private final Settings settings;
    private final MigrationSource source;
    private final HistoryTable history;
    private final HistoryReader reader;

    public HistoryCommands(Steps shared) {
        this.shared = shared;
        this.settings = shared.settings();
        this.source = shared.source();
        this.history = shared.history();
        this.reader = shared.reader();
    }

    /**
     * Steps 1, 3 and 4, then records {@code version} as the newest applied version, clean (or, with none, no
     * version at all), running no script.
     */
    public ForceResult force(Optional<Version> version) {
        List<Migration> migrations = Listing.load(source, version);
        return shared.locked("force the version", Duration.ZERO, migrations, (connection, now) -> {
            Optional<LockHolder> claimant = Steps.claimantAlive(connection, now);
            if (claimant.isPresent()) {
                throw LockTimeoutException.stillRunning("force the version", now.rows().stream()
                        .filter(AppliedMigration::dirty).map(AppliedMigration::label).findFirst().orElse("?"),
                        claimant.get());
            }
            new HistoryEdits(connection, history).force(now, version.flatMap(now::file));
            log.info("forced the database to {} (it was at {}{})", version.map(v -> "version " + v)
                    .orElse("no version"), now.current().map(v -> "version " + v).orElse("no version"),
                    now.dirty() ? ", dirty" : "");
            return new ForceResult(now.current(), now.dirty(), version);
        });
    }

    /** Steps 1, 3 and 4, then records every migration up to {@code version} as applied, running none. */
    public BaselineResult baseline(Version version) {
        List<Migration> migrations = Listing.load(source, Optional.of(version));
        return shared.locked("baseline the database", settings.lockTimeout(), migrations, (connection, now) -> {
            Steps.throwFirst(now.problems(true, false));
            List<Version> recorded = new HistoryEdits(connection, history).baseline(now, version);
            log.info("baselined the database at version {}: {} migrations recorded as applied without running them",
                    version, recorded.size());
            return new BaselineResult(version, recorded);
        });
    }

    /**
     * Steps 1 and 3, then records the history of {@code tool} (or of the first tool found) as applied. Not
     * through {@link #locked}: its step 4 would adopt the first history found before the named one is looked for.
     */
    public AdoptResult adopt(Optional<String> tool) {
        List<Migration> migrations = Listing.load(source, Optional.empty());
        return shared.connected("adopt another tool's history", connection -> {
            try (AdvisoryLock.Lease lease = shared.lock(connection)) {
                Optional<Adoption> adoption = reader.find(connection, migrations, source.repeatables(), tool);
                List<AppliedMigration> recorded = adoption.isEmpty() ? List.of()
                        : reader.adopt(connection, adoption.get());
                return result(adoption, recorded, false);
            }
        });
    }

    /** What {@link #adopt} would record, without the lock or any change. */
    public AdoptResult planAdoption(Optional<String> tool) {
        List<Migration> migrations = Listing.load(source, Optional.empty());
        return shared.connected("read other tools' history", connection -> {
            Optional<Adoption> adoption = reader.find(connection, migrations, source.repeatables(), tool);
            return result(adoption, adoption.map(Adoption::rows).orElse(List.of()), true);
        });
    }

    private static AdoptResult result(Optional<Adoption> adoption, List<AppliedMigration> rows, boolean dryRun) {
        return adoption.map(a -> new AdoptResult(a.tool(), a.table(), rows, dryRun))
                .orElse(new AdoptResult(null, null, List.of(), dryRun));
    }
}
