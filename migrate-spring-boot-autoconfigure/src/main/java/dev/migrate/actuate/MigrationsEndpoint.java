package dev.migrate.actuate;

import dev.migrate.LockHolder;
import dev.migrate.MigrationInfo;
import dev.migrate.MigrationState;
import dev.migrate.Status;
import dev.migrate.Version;
import dev.migrate.autoconfigure.LastRun;
import dev.migrate.autoconfigure.FleetActivity;
import dev.migrate.autoconfigure.MigrationActivity;
import dev.migrate.fleet.FleetStatus;
import dev.migrate.fleet.TargetStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/migrations}: for each migrated DataSource, the version, dirty flag, lock holder, the last run
 * in this process, and every migration with its state. Read-only. The schema's status comes from the snapshot that
 * health and meters share (refreshed by every run in this process, and at most 10 seconds old otherwise), so that a
 * request reads the history at most once; who holds the migration lock is read afresh, in one query.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

    private final Map<String, MigrationActivity> activities;
    private final FleetActivity fleet;

    public MigrationsEndpoint(Map<String, MigrationActivity> activities) {
        this(activities, null);
    }

    /** @param fleet the application's fleet, or {@code null} for none */
    public MigrationsEndpoint(Map<String, MigrationActivity> activities, FleetActivity fleet) {
        this.activities = activities;
        this.fleet = fleet;
    }

    @ReadOperation
    public MigrationsDescriptor migrations() {
        Map<String, DataSourceMigrations> dataSources = new LinkedHashMap<>();
        activities.forEach((name, activity) -> dataSources.put(Names.dataSource(name), describe(activity)));
        return new MigrationsDescriptor(dataSources, fleet == null ? null : FleetDescriptor.of(fleet));
    }

    private static DataSourceMigrations describe(MigrationActivity activity) {
        Status status = activity.status();
        LastRun lastRun = activity.lastRun().orElse(null);
        List<MigrationDescriptor> migrations = status.migrations().stream()
                .map(m -> MigrationDescriptor.of(m, lastRun))
                .toList();
        return new DataSourceMigrations(number(status.version().orElse(null)), number(status.latest().orElse(null)),
                status.dirty(), status.pending().size(), activity.lockHolder().map(LockHolderDescriptor::of).orElse(null),
                lastRun == null ? null : LastRunDescriptor.of(lastRun), migrations,
                status.repeatables().stream().map(RepeatableDescriptor::of).toList());
    }

    /** A whole-number version as a JSON number; a dotted one (Flyway's 1.1) as a string. */
    private static Object number(Version version) {
        return version == null ? null : version.jsonValue();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The whole response, keyed by DataSource; {@code fleet} when the application has one. */
    public record MigrationsDescriptor(Map<String, DataSourceMigrations> dataSources, FleetDescriptor fleet) {
    }

    /**
     * The fleet, from its status snapshot: how many targets and migrations, the counts by state, and each failing
     * or dirty target with its error; {@code status} is {@code not read yet} before the first snapshot.
     */
    public record FleetDescriptor(String status, int targets, int migrations, Map<String, Integer> counts,
            List<FleetTargetDescriptor> failing) {
        static FleetDescriptor of(FleetActivity activity) {
            FleetStatus status = activity.status().orElse(null);
            if (status == null) {
                return new FleetDescriptor("not read yet", 0, 0, Map.of(), List.of());
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            status.counts().forEach((state, count) -> counts.put(state.name().toLowerCase(Locale.ROOT), count));
            return new FleetDescriptor(status.current() ? "current" : "not current", status.targets().size(),
                    status.migrations(), counts, status.targets().stream()
                    .filter(t -> t.state() == TargetStatus.State.DIRTY || t.state() == TargetStatus.State.FAILED)
                    .map(FleetTargetDescriptor::of).toList());
        }
    }

    /** One target of the fleet that failed or is dirty. */
    public record FleetTargetDescriptor(String target, String kind, String state, String version, int pending,
            String error) {
        static FleetTargetDescriptor of(TargetStatus t) {
            return new FleetTargetDescriptor(t.target().name(), t.target().kind().name().toLowerCase(Locale.ROOT),
                    t.state().name().toLowerCase(Locale.ROOT), t.version().orElse(null), t.pending(),
                    t.error().orElse(null));
        }
    }

    /** One DataSource: {@code version} is the newest applied, {@code latestVersion} the newest file. */
    public record DataSourceMigrations(Object version, Object latestVersion, boolean dirty, int pending,
            LockHolderDescriptor lockHolder, LastRunDescriptor lastRun, List<MigrationDescriptor> migrations,
            List<RepeatableDescriptor> repeatables) {
    }

    /** One repeatable migration: {@code state} is applied, pending, or outdated (changed: the next run applies it). */
    public record RepeatableDescriptor(String description, String state, String script, String checksum,
            String appliedAt, Long executionMs) {
        static RepeatableDescriptor of(dev.migrate.RepeatableInfo r) {
            return new RepeatableDescriptor(r.description(), r.state().id(), r.script(), r.checksum(),
                    text(r.appliedAt()), r.executionMs());
        }
    }

    /** The session holding the migration lock. */
    public record LockHolderDescriptor(int pid, String applicationName, String clientAddress, String since) {
        static LockHolderDescriptor of(LockHolder holder) {
            return new LockHolderDescriptor(holder.pid(), holder.applicationName(), holder.clientAddress(),
                    text(holder.since()));
        }
    }

    /** The last run in this process; {@code result} is {@code success} or {@code failed}. */
    public record LastRunDescriptor(String started, String finished, int applied, long durationMs, String result,
            String error) {
        static LastRunDescriptor of(LastRun run) {
            return new LastRunDescriptor(text(run.started()), text(run.finished()), run.applied(),
                    run.duration().toMillis(), run.result().id(), run.error());
        }
    }

    /**
     * One migration. {@code state} is applied, pending, missing, modified or dirty, or {@code failed} for the
     * pending migration on which this process's last run failed; {@code adoptedFrom} names the tool that applied it
     * when migrate took over that tool's history. {@code installedBy}, {@code installedOn} and {@code executionTime}
     * repeat {@code appliedBy}, {@code appliedAt} and {@code executionMs} under the names of Flyway's endpoint, for
     * the dashboards and scripts of teams that come from it.
     */
    public record MigrationDescriptor(Object version, String description, String state, String script,
            String checksum, String appliedAt, Long executionMs, String appliedBy, String adoptedFrom,
            String installedBy, String installedOn, Long executionTime) {
        static MigrationDescriptor of(MigrationInfo m, LastRun lastRun) {
            boolean failed = m.state() == MigrationState.PENDING && lastRun != null
                    && lastRun.result() == LastRun.Result.FAILED && lastRun.failedVersion() != null
                    && lastRun.failedVersion().equals(m.version());
            return new MigrationDescriptor(number(m.version()), m.description(), failed ? "failed" : m.state().id(),
                    m.script(), m.checksum(), text(m.appliedAt()), m.executionMs(), m.appliedBy(), m.adoptedFrom(),
                    m.appliedBy(), text(m.appliedAt()), m.executionMs());
        }
    }
}
