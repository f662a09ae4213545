package dev.migrate.internal.run;

import dev.migrate.Change;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockHolder;
import dev.migrate.LockLostException;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrateException;
import dev.migrate.Migration;
import dev.migrate.Repeatable;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.liquibase.ChangelogSource;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.Replies;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.RepeatableHistory;
import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.RecentTexts;
import dev.migrate.spi.MigrationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * The steps every operation of one migrator shares (connect, list, read the history, check, lock, record the
 * history), and the state they share: one history table, one reader, the listeners, the interruption. The run
 * algorithm ({@link Engine}) and each other operation are made of these, never of each other.
 */
public final class Steps {

    private static final Logger log = ProgressLog.LOG;

    private final Settings settings;
    private final DataSource dataSource;
    private final MigrationSource source;
    private final HistoryTable history;
    private final RepeatableHistory repeatableHistory;
    private final HistoryReader reader;
    private final Listeners listener;
    private final Interruption interruption = new Interruption();

    public Steps(Settings settings) {
        this.settings = settings;
        this.dataSource = settings.dataSource();
        this.source = settings.source();
        this.history = new HistoryTable(settings.schema(), settings.table(), settings.historyMayMove());
        this.repeatableHistory = new RepeatableHistory(settings.schema(), settings.table());
        this.reader = new HistoryReader(history, repeatableHistory);
        this.listener = new Listeners(settings.listeners());
    }

    Settings settings() {
        return settings;
    }

    /** The same folder and history settings on a scratch database, for lint: steps of a migrator of their own. */
    public Steps onScratch(DataSource scratch) {
        return new Steps(settings.onScratch(scratch));
    }

    MigrationSource source() {
        return source;
    }

    /**
     * The session a changelog's changesets run in: the run's listeners, lock guard and interruption, and no callbacks
     * (Flyway's events have no place in a Liquibase changelog).
     */
    Session changelogSession(Connection connection) throws SQLException {
        return new Session(connection, history, listener, new Callbacks(List.of(), List.of()), settings.lockGuard(),
                interruption, connection.getMetaData().getUserName(),
                connection.getMetaData().getDatabaseMajorVersion());
    }

    /** The Liquibase changelog the migrations come from, if they do. */
    public Optional<ChangelogSource> changelog() {
        return source instanceof ChangelogSource changelog ? Optional.of(changelog) : Optional.empty();
    }

    HistoryTable history() {
        return history;
    }

    RepeatableHistory repeatableHistory() {
        return repeatableHistory;
    }

    HistoryReader reader() {
        return reader;
    }

    Listeners listener() {
        return listener;
    }

    Interruption interruption() {
        return interruption;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The session still running a dirty version it claimed, if any: asked only where a row names one. */
    static Optional<LockHolder> claimantAlive(Connection connection, MigrationStates states)
            throws SQLException {
        for (String claimant : states.dirtyClaimants()) {
            Optional<LockHolder> session = Claimants.alive(connection, claimant);
            if (session.isPresent()) {
                return session;
            }
        }
        return Optional.empty();
    }

    // Step 1

    // Step 2

    MigrationStates read(Connection connection, List<Migration> migrations) {
        return read(connection, migrations, Optional.empty());
    }

    /** The states, a Flyway folder's baseline migration standing for the versions up to it where it applies. */
    MigrationStates read(Connection connection, List<Migration> migrations, Optional<Version> target) {
        if (source instanceof ChangelogSource changelog) {
            // Every operation that goes by migrate's history table passes here; a changelog has Liquibase's.
            throw InvalidMigrationException.changelog(changelog.description(), "cannot be used for this operation "
                    + "by this release of migrate, which runs a changelog up and gives its status, plan and validation; "
                    + "use Liquibase for it for now. Nothing was changed.");
        }
        HistoryReader.History read = sql("read the history table " + history.name(),
                () -> reader.read(connection, migrations, source.repeatables()));
        List<Migration> baselines = source instanceof FolderSource folders ? folders.baselines() : List.of();
        return MigrationStates.of(BaselineMigrations.effective(migrations, baselines, read.rows(), target),
                read.rows(), source.description(), read.adoption());
    }

    /** The version a change goes up to, which picks a baseline migration; none going down. */
    static Optional<Version> target(Change change) {
        return change.kind() == Change.Kind.DOWN ? Optional.empty() : change.version();
    }

    /** The repeatable migrations set against their last applications (or the ones about to be adopted). */
    Repeatables repeatables(Connection connection, List<Repeatable> files, MigrationStates states) {
        return new Repeatables(files, sql("read " + repeatableHistory.name(),
                () -> reader.repeatables(connection, files, states.adoption())));
    }

    // Step 3

    /**
     * Who is applying a dirty version now, if anyone: the run holding the lock, else a session that claimed a dirty
     * row and goes on after its run lost the lock. Only asked when a version is dirty, to tell in progress from failed.
     */
    Optional<Running> running(Connection connection, MigrationStates states) throws SQLException {
        Optional<LockHolder> holder = advisoryLock(connection).holder(connection);
        return holder.isPresent() ? holder.map(h -> new Running(h, false))
                : claimantAlive(connection, states).map(session -> new Running(session, true));
    }

    AdvisoryLock.Lease lock(Connection connection) {
        return lock(connection, settings.lockTimeout());
    }

    AdvisoryLock.Lease lock(Connection connection, Duration timeout) {
        return lock(connection, timeout, settings.table());
    }

    /** The lock of the history table {@code table} (Liquibase's, for a changelog), waiting up to {@code timeout}. */
    AdvisoryLock.Lease lock(Connection connection, Duration timeout, String table) {
        AdvisoryLock.Lease lease = sql("take the migration lock", () -> AdvisoryLock.forHistory(dataSource, connection,
                settings.schema(), table, listener, settings.replyTimeout())).acquire(timeout);
        if (sql("check the migration lock's session", () -> lease.releasedIfShared(connection))) {
            lease.close();
            throw LockLostException.sharedSession(lease.description(), lease.pid());
        }
        listener.lockAcquired(lease.waited());
        return lease;
    }

    AdvisoryLock advisoryLock(Connection connection) throws SQLException {
        return AdvisoryLock.forHistory(dataSource, connection, settings.schema(), settings.table(), listener,
                settings.replyTimeout());
    }

    // Step 4

    /**
     * Under the lock: the history as migrate's table holds it, recording first another tool's history when that
     * is where the rows come from, and creating the table when there is none.
     */
    MigrationStates recordHistory(Connection connection, List<Migration> migrations,
            Optional<Version> target) {
        MigrationStates now = read(connection, migrations, target);
        if (now.adoption().isEmpty()) {
            sql("create the history table " + history.name(), () -> {
                history.create(connection);
                return null;
            });
            return now;
        }
        Adoption adoption = now.adoption().get();
        sql("record the history adopted from " + adoption.tool(), () -> reader.adopt(connection, adoption));
        return read(connection, migrations, target);
    }

    // Step 5

    /**
     * Going up (or to a version) validates everything; going down only refuses a dirty database. A dirty version
     * someone is applying right now ({@code running}) is refused as in progress, not as a failure.
     */
    List<MigrateException> problems(Change change, MigrationStates states, Optional<Running> running) {
        return change.kind() == Change.Kind.DOWN
                ? states.problems(true, false, true, running)
                : states.problems(settings.outOfOrder(), settings.validateOnMigrate(), settings.allowDatabaseAhead(),
                        running);
    }

    /** Every unusable script at once, so that one look at the message is enough to fix the folder. */
    static void throwAll(List<MigrateException> problems) {
        if (!problems.isEmpty()) {
            throw InvalidMigrationException.all(problems);
        }
    }

    static void throwFirst(List<MigrateException> problems) {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /** The folder's SQL callbacks, then the Java ones given. */
    Callbacks callbacks() {
        return new Callbacks(source instanceof FolderSource folders ? folders.callbacks() : List.of(),
                settings.callbacks());
    }

    // Work under the lock, on connections of the run

    /** Work under the lock, on a history table that exists. */
    interface LockedWork<T> {
        T run(Connection connection, MigrationStates now) throws SQLException;
    }

    /** Work under the lock, waiting for it up to {@code timeout}: zero refuses at once when another run holds it. */
    <T> T locked(String action, Duration timeout, List<Migration> migrations, LockedWork<T> work) {
        return connected(action, connection -> {
            AdvisoryLock.Lease taken;
            try {
                taken = lock(connection, timeout);
            } catch (LockTimeoutException e) {
                throw timeout.isZero() && e.holder().isPresent()
                        ? LockTimeoutException.heldByAnotherRun(action, advisoryLock(connection).description(),
                                e.holder().get())
                        : e;
            }
            try (AdvisoryLock.Lease lease = taken) {
                return work.run(connection, recordHistory(connection, migrations, Optional.empty()));
            }
        });
    }

    /**
     * Step 1 begun for step 2 to wait for: on a second thread, while step 2 connects, for folders (migrate's own
     * code); on this thread for a source of the user's own (its author may rely on the caller's thread), and when
     * the run may wait for a database that is not up yet (a file's error must not wait behind it).
     */
    Listing.Ahead listing(Optional<Version> named) {
        // A listing made once has nothing left to read: no thread for it.
        return Listing.ahead(source, named, source instanceof FolderSource folders && !folders.listed()
                && settings.databaseWait().retries() == 0);
    }

    /**
     * As {@link #connected(String, Connections.Work)}, {@code listing} under way meanwhile: when both fail, the
     * listing's error is the one reported, as it was when files were listed before connecting.
     */
    <T> T connected(String action, Listing.Ahead listing, Connections.Work<T> work) {
        try {
            return connected(action, work);
        } catch (RuntimeException e) {
            listing.get();
            throw e;
        }
    }

    <T> T connected(String action, Connections.Work<T> work) {
        try {
            return Connections.connected(dataSource, settings.databaseWait(), action, connection -> {
                // Asked only if a script uses ${flyway:user} and the like: a run that needs none sends nothing more.
                settings.placeholders().bind(() -> sql("read the session for placeholders",
                        () -> SessionFacts.of(connection, settings.schema())));
                interruption.enter(connection);
                int bound = Replies.bound(connection, settings.replyTimeout());
                try {
                    return InitSql.around(connection, settings.initSql(), work);
                } finally {
                    Replies.restore(connection, bound);
                    interruption.exit(connection);
                }
            });
        } finally {
            RecentTexts.forget();
        }
    }

    static <T> T sql(String action, Connections.Call<T> work) {
        return Connections.call(action, work);
    }

    static int serverVersion(Connection connection) throws SQLException {
        java.sql.DatabaseMetaData server = connection.getMetaData();
        return server.getDatabaseMajorVersion() * 10_000 + server.getDatabaseMinorVersion();
    }
}
