package dev.migrate.autoconfigure;

import dev.migrate.LintFailedException;
import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import dev.migrate.MigrateResult;
import dev.migrate.Migrator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lints the pending migrations before the strategy runs them ({@code database.migrations.lint}): each finding is
 * logged; with {@code fail}, an error-level finding refuses the run before anything is applied.
 */
final class LintFirst implements MigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(LintFirst.class);

    private final MigrationStrategy strategy;
    private final Function<Migrator, LintReport> lint;
    private final boolean fail;

    LintFirst(MigrationStrategy strategy, Function<Migrator, LintReport> lint, boolean fail) {
        this.strategy = strategy;
        this.lint = lint;
        this.fail = fail;
    }

    @Override
    public MigrateResult migrate(Migrator migrator) {
        LintReport report = lint.apply(migrator);
        for (LintFinding finding : report.findings()) {
            log.warn("lint: {}", finding);
        }
        if (report.scratchVersionDiffers()) {
            log.warn("lint: the migrations were tried on a PostgreSQL {} scratch server; the database runs {}, where "
                    + "what they lock and rewrite may differ", report.scratchVersion() / 10_000,
                    report.serverVersion() / 10_000);
        }
        if (fail && report.hasErrors()) {
            throw new LintFailedException(report, "database.migrations.lint=fail");
        }
        return strategy.migrate(migrator);
    }
}
