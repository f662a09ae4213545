package dev.migrate.internal.run;

import dev.migrate.Change;
import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import dev.migrate.MigrateResult;
import dev.migrate.Migration;
import dev.migrate.internal.lint.EmbeddedScratch;
import dev.migrate.internal.lint.Linter;
import dev.migrate.internal.lint.ServerCheck;
import dev.migrate.internal.source.RecentTexts;
import dev.migrate.spi.MigrationSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Lint: the linter over the pending migrations, and, on a scratch database, each of them tried while the server
 * records what it locked and rewrote. The migrations before them are applied on the scratch database by a run of
 * its own, which the front door hands in ({@code runOnScratch}): lint is made of the shared steps, not of the run.
 */
public final class Linting {

    private final Steps shared;
    private final MigrationSource source;
    /** A run of the same folder on a scratch database, one per scratch database. */
    private final Function<DataSource, Function<Change, MigrateResult>> runOnScratch;

    public Linting(Steps shared, Function<DataSource, Function<Change, MigrateResult>> runOnScratch) {
        this.shared = shared;
        this.source = shared.source();
        this.runOnScratch = runOnScratch;
    }

    /**
     * Step 1, then the linter over the pending migrations (read as step 2 reads them, for the server's version
     * too); with {@code all}, over every migration, without connecting (rules that depend on the server's version
     * are left out).
     */
    public LintReport lint(boolean all) {
        try {
            if (all) {
                return new LintReport(0, 0, Linter.lint(Listing.load(source, Optional.empty()), Integer.MAX_VALUE));
            }
            Pending pending = pending();
            return new LintReport(pending.serverVersion(), 0, Linter.lint(pending.migrations(), pending.listed(),
                    pending.serverVersion()));
        } finally {
            RecentTexts.forget(); // the linter reads the scripts after the connection is closed
        }
    }

    /** The files listed, the pending ones among them, and the server's version (170002), read in one connection. */
    private record Pending(List<Migration> listed, List<Migration> migrations, int serverVersion) {
    }

    private Pending pending() {
        List<Migration> listed = Listing.load(source, Optional.empty());
        return shared.connected("read the pending migrations", connection -> new Pending(listed,
                shared.read(connection, listed)
                .steps(Change.up()).stream().map(Step::migration).toList(), Steps.serverVersion(connection)));
    }

    /**
     * As {@link #lint(boolean)} over the pending migrations, and then each of them tried on {@code scratch}: the
     * migrations before them are applied there, and each pending one runs statement by statement in a transaction
     * that is rolled back while {@link ServerCheck} records what the server did, then is applied for the next.
     */
    public LintReport lintOnServer(DataSource scratch) {
        return lintOnServer(() -> scratch);
    }

    /** As {@link #lintOnServer(DataSource)} on a throw-away embedded PostgreSQL, started only if one is pending. */
    public LintReport lintOnEmbeddedServer() {
        try (EmbeddedScratch embedded = new EmbeddedScratch()) {
            return lintOnServer(embedded::dataSource);
        }
    }

    /** Whether {@link #lintOnEmbeddedServer()} can start an embedded PostgreSQL. */
    public static boolean embeddedServerAvailable() {
        return EmbeddedScratch.available();
    }

    private LintReport lintOnServer(Supplier<DataSource> scratchServer) {
        try {
            return lintOnServer(pending(), scratchServer);
        } finally {
            RecentTexts.forget();
        }
    }

    private LintReport lintOnServer(Pending pending, Supplier<DataSource> scratchServer) {
        List<LintFinding> findings = new ArrayList<>(Linter.lint(pending.migrations(), pending.listed(),
                pending.serverVersion()));
        if (pending.migrations().isEmpty()) {
            return new LintReport(pending.serverVersion(), 0, findings);
        }
        DataSource scratch = scratchServer.get();
        Function<Change, MigrateResult> onScratch = runOnScratch.apply(scratch);
        int first = pending.listed().indexOf(pending.migrations().get(0));
        if (first > 0) {
            onScratch.apply(Change.upTo(pending.listed().get(first - 1).version()));
        }
        int scratchVersion = 0;
        for (Migration migration : pending.migrations()) {
            scratchVersion = Connections.connected(scratch, "try " + migration.label() + " on the scratch database",
                    connection -> {
                        findings.addAll(ServerCheck.observe(connection, migration));
                        return Steps.serverVersion(connection);
                    });
            onScratch.apply(Change.upTo(migration.version()));
        }
        return new LintReport(pending.serverVersion(), scratchVersion, findings);
    }
}
