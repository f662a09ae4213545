package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code migrate OPTIONS COMMAND [arg...]}: the options every command shares, golang-migrate's spelling first. */
@Command(name = "migrate", mixinStandardHelpOptions = false, usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        description = "Applies, rolls back and reports PostgreSQL schema migrations.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations -database \"$DATABASE_URL\" up",
                "  migrate -path db/migrations down 1",
                "  migrate -path db/migrations status --json",
                "  migrate create -ext sql -dir db/migrations -seq add_orders_table",
                "",
                "Exit codes: 0 success, 1 a migration failed, 2 usage error, 3 database is dirty,",
                "4 lock timeout, 5 validation failed, 6 cannot connect, 7 lock lost, 8 lint found an error,",
                "9 fleet status: a target is behind or in progress."})
final class MigrateCommand implements Runnable {

    /** How long {@code -wait} waits for the database unless told otherwise, as dbmate's default. */
    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = {"-path", "--path"}, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of the migration files, or a Liquibase master changelog (shorthand for -source "
                    + "file://DIR).")
    String path;

    @Option(names = {"-source", "--source"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Location of the migrations: file://DIR, filesystem:DIR or classpath:DIR.")
    String source;

    @Option(names = {"-database", "--database"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "postgres://user:password@host:port/db?sslmode=..., a libpq 'host=... dbname=...' "
                    + "string or jdbc:postgresql://... Default: $DATABASE_URL, then $POSTGRES_DSN.")
    String database;

    @Option(names = {"-table", "--table"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "History table (default: schema_migrations, or the URL's x-migrations-table).")
    String table;

    @Option(names = {"-schema", "--schema"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Schema of the history table (default: first schema on the search_path).")
    String schema;

    @Option(names = {"-lock-timeout", "--lock-timeout"}, scope = ScopeType.INHERIT, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for another run's lock: seconds (15) or 30s, 5m (default: 5m).")
    Duration lockTimeout;

    @Option(names = {"-statement-lock-timeout", "--statement-lock-timeout"}, scope = ScopeType.INHERIT,
            paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a migration's statement waits for a table lock before the migration gives way "
                    + "and is tried again: 3s, 500ms; 0 turns the lock guard off (default: 3s; URL: x-lock-timeout).")
    Duration statementLockTimeout;

    @Option(names = {"-lock-retries", "--lock-retries"}, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "How many more times a migration that did not get its lock is tried (default: 10).")
    Integer lockRetries;

    @Option(names = {"-statement-timeout", "--statement-timeout"}, scope = ScopeType.INHERIT, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "A statement_timeout for every statement of the run (default: none; URL: x-statement-timeout).")
    Duration statementTimeout;

    @Option(names = {"-wait", "--wait"}, scope = ScopeType.INHERIT,
            description = "Wait for the database to accept connections before the command (as dbmate's --wait): "
                    + "a database that cannot be reached yet or is starting is tried again, up to -wait-timeout.")
    boolean waitForDatabase;

    @Option(names = {"-wait-timeout", "--wait-timeout"}, scope = ScopeType.INHERIT, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long -wait and the wait command wait for the database (default: 60s).")
    Duration waitTimeout;

    @Option(names = {"-layout", "--layout"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Folder layout: golang-migrate, sqlx, atlas, diesel, goose, sql-migrate, dbmate or flyway "
                    + "(default: detected).")
    String layout;

    @Option(names = {"-contexts", "--contexts"}, scope = ScopeType.INHERIT, paramLabel = "LIST",
            description = "A Liquibase changelog's contexts, as Liquibase's --contexts (default: none, runs all).")
    String contexts;

    @Option(names = {"-labels", "--labels", "--label-filter"}, scope = ScopeType.INHERIT, paramLabel = "EXPRESSION",
            description = "A Liquibase changelog's label expression, as Liquibase's --label-filter (default: none).")
    String labels;

    @Option(names = {"-out-of-order", "--out-of-order"}, scope = ScopeType.INHERIT,
            description = "Apply pending migrations below the newest applied version.")
    boolean outOfOrder;

    @Option(names = {"-refuse-database-ahead", "--refuse-database-ahead"}, scope = ScopeType.INHERIT,
            description = "Fail when the database has versions above every file here (a newer release applied "
                    + "them); by default they are reported and allowed, as during a rolling deploy.")
    boolean refuseDatabaseAhead;

    @Option(names = {"-placeholder", "--placeholder"}, scope = ScopeType.INHERIT, paramLabel = "NAME=VALUE",
            description = "A value for the $${NAME} placeholders of a Flyway folder's scripts; repeat for more.")
    Map<String, String> placeholders = new java.util.LinkedHashMap<>();

    @Option(names = {"-no-placeholder-replacement", "--no-placeholder-replacement"}, scope = ScopeType.INHERIT,
            description = "Leave a Flyway folder's $${...} text as it is.")
    boolean noPlaceholderReplacement;

    @Option(names = {"-verbose", "--verbose"}, scope = ScopeType.INHERIT, description = "Print debug logging.")
    boolean verbose;

    @Option(names = {"-prefetch", "--prefetch"}, scope = ScopeType.INHERIT, hidden = true,
            description = "Accepted for golang-migrate compatibility; has no effect.")
    Integer prefetch;

    @Option(names = {"-help", "--help", "-h"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Print usage.")
    boolean help;

    @Option(names = {"-version", "--version"}, versionHelp = true, description = "Print the CLI's version.")
    boolean version;

    /** Set by {@link Cli}: the process environment, for DATABASE_URL and POSTGRES_DSN. */
    Map<String, String> environment = Map.of();

    /** Set by {@link Cli}: how {@code down} asks for confirmation. */
    Prompt prompt = Prompt.console();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A migrator that never connects, for {@code lint -all}: it reads the files only. */
    Migrator offlineMigrator() {
        MigratorBuilder builder = Migrator.builder(new org.postgresql.ds.PGSimpleDataSource()).locations(location())
                .placeholders(placeholders).placeholderReplacement(!noPlaceholderReplacement);
        try {
            builder.layout(layout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return Interrupts.watch(builder.build());
    }

    /** Whether a database is given (flag or environment). */
    boolean hasDatabase() {
        return database != null || environment.containsKey("DATABASE_URL") || environment.containsKey("POSTGRES_DSN");
    }

    /** A migrator that may clean the schema the options name, for {@code drop}: it reads no files. */
    Migrator cleaner() {
        DatabaseUrl url = databaseUrl();
        MigratorBuilder builder = Migrator.builder(url.dataSource(loginTimeout(waitForDatabase))).cleanEnabled(true);
        historyAndLock(builder, url);
        waitForDatabase(builder, waitForDatabase);
        return Interrupts.watch(builder.build());
    }

    /** The history table (-table, else the URL's x-migrations-table), its schema and the lock timeout, as given. */
    private void historyAndLock(MigratorBuilder builder, DatabaseUrl url) {
        String historyTable = table != null ? table : url.migrationsTable().orElse(null);
        if (historyTable != null && historyTable.isBlank()) {
            throw new UsageException("the history table's name is empty: give -table a name (or leave it out for "
                    + Migrator.DEFAULT_TABLE + ")");
        }
        try {
            if (historyTable != null) {
                builder.table(historyTable);
            }
            if (schema != null) {
                builder.schema(schema);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // a name PostgreSQL would cut short
        }
        if (lockTimeout != null) {
            builder.lockTimeout(lockTimeout);
        }
    }

    /** A migrator for the database alone, for {@code wait}: it reads no files. */
    Migrator databaseOnly(boolean wait) {
        MigratorBuilder builder = Migrator.builder(databaseUrl().dataSource(loginTimeout(wait)));
        waitForDatabase(builder, wait);
        return Interrupts.watch(builder.build());
    }

    /**
     * How long one login may take, in seconds: while waiting for the database, no longer than the whole wait, so that
     * a server that accepts connections and never answers cannot hold the wait past -wait-timeout.
     */
    private int loginTimeout(boolean wait) {
        if (!wait) {
            return DatabaseUrl.DEFAULT_LOGIN_TIMEOUT_SECONDS;
        }
        Duration timeout = waitTimeout != null ? waitTimeout : DEFAULT_WAIT_TIMEOUT;
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return (int) Math.min(DatabaseUrl.DEFAULT_LOGIN_TIMEOUT_SECONDS, seconds);
    }

    /** As long as the timeout allows, whatever the count; pauses of at most 2 s, so that a database up is seen soon. */
    private void waitForDatabase(MigratorBuilder builder, boolean wait) {
        Duration timeout = waitTimeout != null ? waitTimeout : DEFAULT_WAIT_TIMEOUT;
        if (timeout.isNegative()) {
            throw new UsageException("-wait-timeout must be 0 or more, was " + timeout);
        }
        if (wait) {
            builder.connectRetries(Integer.MAX_VALUE).connectRetriesInterval(Duration.ofSeconds(2))
                    .connectRetriesTimeout(timeout);
        }
    }

    /** The migrator for the options given; fails with a usage error when the location or database is missing. */
    Migrator migrator() {
        DatabaseUrl url = databaseUrl();
        return Interrupts.watch(configured(url.dataSource(loginTimeout(waitForDatabase)), url).build());
    }

    /** A data source for {@code url} as the options bound its login (a fleet's database targets). */
    javax.sql.DataSource dataSource(DatabaseUrl url) {
        return url.dataSource(loginTimeout(waitForDatabase));
    }

    /** A builder for {@code dataSource} with every setting the options give, {@code url}'s parameters included. */
    MigratorBuilder configured(javax.sql.DataSource dataSource, DatabaseUrl url) {
        MigratorBuilder builder = Migrator.builder(dataSource)
                .locations(location()).outOfOrder(outOfOrder).allowDatabaseAhead(!refuseDatabaseAhead).placeholders(placeholders)
                .placeholderReplacement(!noPlaceholderReplacement).contexts(contexts).labels(labels);
        try {
            builder.layout(layout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        historyAndLock(builder, url);
        Optional<Duration> guard = statementLockTimeout != null ? Optional.of(statementLockTimeout) : url.lockTimeout();
        guard.ifPresent(builder::statementLockTimeout);
        if (lockRetries != null) {
            if (lockRetries < 0) {
                throw new UsageException("-lock-retries must be 0 or more, was " + lockRetries);
            }
            builder.lockRetries(lockRetries);
        }
        if (statementTimeout != null) {
            builder.statementTimeout(statementTimeout);
        }
        waitForDatabase(builder, waitForDatabase);
        return builder;
    }

    String location() {
        if (source != null) {
            if (source.isBlank() || source.strip().equals("file://")) {
                throw new UsageException("-source is empty: give the folder that holds the migrations (file://DIR)");
            }
            return source;
        }
        if (path != null) {
            if (path.isBlank()) {
                throw new UsageException("-path is empty: give the folder that holds the migrations");
            }
            return "filesystem:" + path;
        }
        throw new UsageException("no migrations given: pass -path DIR (or -source file://DIR)");
    }

    DatabaseUrl databaseUrl() {
        String url = database != null ? database : environment.get("DATABASE_URL");
        if (url == null || url.isBlank()) {
            url = environment.get("POSTGRES_DSN");
        }
        if (url == null || url.isBlank()) {
            throw new UsageException("no database given: pass -database URL, or set DATABASE_URL or POSTGRES_DSN");
        }
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
