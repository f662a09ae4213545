package dev.migrate.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.FleetBuilder;
import dev.migrate.fleet.OnError;
import dev.migrate.fleet.Target;
import dev.migrate.fleet.TargetSelection;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code fleet up|status|plan}: one folder, many schemas of the database or many databases on its server. */
@Command(name = "fleet", subcommands = {FleetUpCommand.class, FleetStatusCommand.class, FleetPlanCommand.class},
        description = "Migrate or report many schemas (-schemas) or databases (-databases) with one folder, "
                + "sharing the work with any other process running the same fleet (see docs/fleet.md).",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations -database \"$DATABASE_URL\" fleet up -schemas 'tenant_%'",
                "  migrate -path db/migrations fleet status -databases 'tenant_%' -json",
                "  migrate -path db/migrations fleet plan -schemas 'tenant_%'",
                "  migrate -path db/migrations fleet up -schemas-query 'SELECT schema_name FROM tenants' -canary 5",
                "",
                "Exit codes: fleet up: 0 every target done, 1 a target or canary failed;",
                "fleet status: 0 every target current, 1 a target failed, 3 a target is dirty,",
                "9 a target is behind or in progress; 2, 6 as for every command."})
final class FleetCommand implements Runnable {

    @ParentCommand
    MigrateCommand root;

    @Option(names = {"-schemas", "--schemas"}, scope = ScopeType.INHERIT, paramLabel = "LIST",
            description = "Schemas of the database: names and LIKE patterns, comma-separated (tenant_%,billing).")
    String schemas;

    @Option(names = {"-schemas-query", "--schemas-query"}, scope = ScopeType.INHERIT, paramLabel = "SQL",
            description = "A query on the database whose first column names the schemas.")
    String schemasQuery;

    @Option(names = {"-databases", "--databases"}, scope = ScopeType.INHERIT, paramLabel = "LIST",
            description = "Databases on the server of -database: names and LIKE patterns, comma-separated.")
    String databases;

    @Option(names = {"-databases-query", "--databases-query"}, scope = ScopeType.INHERIT, paramLabel = "SQL",
            description = "A query on the database whose first column gives database names or full URLs.")
    String databasesQuery;

    @Option(names = {"-parallel", "--parallel"}, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Targets migrated at once by this process (default: 4).")
    Integer parallel;

    @Option(names = {"-connections", "--connections"}, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Most connections this process opens to the server: one for the ledger, two per target "
                    + "running (default: 10).")
    Integer connections;

    @Option(names = {"-canary", "--canary"}, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Migrate the first N targets first; the rest start only if all of them succeeded.")
    Integer canary;

    @Option(names = {"-on-error", "--on-error"}, scope = ScopeType.INHERIT, paramLabel = "stop|continue",
            description = "After a target fails: stop claiming targets (default), or continue with the others.")
    String onError;

    @Option(names = {"-retry-failed", "--retry-failed"}, scope = ScopeType.INHERIT,
            description = "Try again the targets that failed in this release (once their cause is fixed).")
    boolean retryFailed;

    @Option(names = {"-lease", "--lease"}, scope = ScopeType.INHERIT, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a worker's claim on a target lasts unless renewed (default: 60s).")
    Duration lease;

    @Option(names = {"-ledger-table", "--ledger-table"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The fleet's ledger in the database (default: migrate_fleet).")
    String ledgerTable;

    @Override
    public void run() {
        throw new UsageException("fleet needs a command: up, status or plan");
    }

    /**
     * Runs {@code work} with the fleet the options describe. The control database's connections come from a pool
     * of at most -connections, reused target after target: a login costs more than a no-op target's whole run
     * (SCRAM's key derivation alone takes milliseconds of CPU), and a fleet of schemas logs in again and again
     * otherwise. The pool is closed after, its connections with it.
     */
    <T> T withFleet(Function<Fleet, T> work) {
        DatabaseUrl url = root.databaseUrl();
        DataSource direct = root.dataSource(url);
        // One login first, as a run makes it (waiting for the database with -wait): a wrong password or a
        // server that is not there fails here at once, as for every command, not after a pool's timeout.
        root.configured(direct, url).build().awaitDatabase();
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setPoolName("migrate-fleet");
        config.setMaximumPoolSize(connections != null ? Math.max(connections, 3) : Fleet.DEFAULT_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            return work.apply(fleet(pool, url));
        }
    }

    private Fleet fleet(DataSource control, DatabaseUrl url) {
        FleetBuilder builder = Fleet.builder(control).targets(selection())
                .migrator(dataSource -> root.configured(dataSource, url))
                .databases(target -> root.dataSource(target.isUrl() ? parse(target.name())
                        : url.withDatabase(target.name())));
        try {
            if (parallel != null) {
                builder.parallel(parallel);
            }
            if (connections != null) {
                builder.connections(connections);
            }
            if (canary != null) {
                builder.canary(canary);
            }
            if (lease != null) {
                builder.lease(lease);
            }
            if (ledgerTable != null) {
                builder.ledgerTable(ledgerTable);
            }
            return Interrupts.watch(builder.onError(onError()).retryFailed(retryFailed).build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private TargetSelection selection() {
        int given = (schemas != null ? 1 : 0) + (schemasQuery != null ? 1 : 0) + (databases != null ? 1 : 0)
                + (databasesQuery != null ? 1 : 0);
        if (given != 1) {
            throw new UsageException("fleet needs one of -schemas, -schemas-query, -databases or -databases-query"
                    + (given == 0 ? "" : ", not " + given + " of them"));
        }
        try {
            return schemas != null ? TargetSelection.of(Target.Kind.SCHEMA, schemas)
                    : schemasQuery != null ? TargetSelection.byQuery(Target.Kind.SCHEMA, schemasQuery)
                    : databases != null ? TargetSelection.of(Target.Kind.DATABASE, databases)
                    : TargetSelection.byQuery(Target.Kind.DATABASE, databasesQuery);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private OnError onError() {
        if (onError == null) {
            return OnError.STOP;
        }
        try {
            return OnError.valueOf(onError.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("-on-error must be stop or continue, was '" + onError + "'");
        }
    }

    private static DatabaseUrl parse(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the fleet's query gave a database URL that cannot be used: " + e.getMessage());
        }
    }
}
