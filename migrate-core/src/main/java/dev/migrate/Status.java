package dev.migrate;

import java.util.List;
import java.util.Optional;

/**
 * The state of the database against the migration files, read without taking the lock. {@code willAdoptFrom}
 * names the tool whose history the next run will record as migrate's (its rows are shown already), when migrate's
 * own history table does not hold them yet.
 */
public record Status(Optional<Version> version, boolean dirty, List<MigrationInfo> migrations,
        Optional<String> willAdoptFrom, List<RepeatableInfo> repeatables) {

    public Status {
        migrations = List.copyOf(migrations);
        repeatables = List.copyOf(repeatables);
    }

    public Status(Optional<Version> version, boolean dirty, List<MigrationInfo> migrations,
            Optional<String> willAdoptFrom) {
        this(version, dirty, migrations, willAdoptFrom, List.of());
    }

    public Status(Optional<Version> version, boolean dirty, List<MigrationInfo> migrations) {
        this(version, dirty, migrations, Optional.empty());
    }

    /** The migrations that have a file but are not applied, in version order. */
    public List<MigrationInfo> pending() {
        return migrations.stream().filter(m -> m.state() == MigrationState.PENDING).toList();
    }

    /** The layouts the migration files were found in ({@code golang-migrate}, {@code goose}, ...). */
    public List<String> layouts() {
        return migrations.stream().map(MigrationInfo::layout).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The applied versions above every file here, which a newer release applied (a rolling deploy). */
    public List<Version> ahead() {
        return migrations.stream().filter(m -> m.state() == MigrationState.AHEAD).map(MigrationInfo::version).toList();
    }

    /** The tools whose history migrate took over and recorded, if any; none while an adoption is still to come. */
    public List<String> adoptedFrom() {
        if (willAdoptFrom.isPresent()) {
            return List.of();
        }
        return migrations.stream().map(MigrationInfo::adoptedFrom).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The newest version among the files, if there are any. */
    public Optional<Version> latest() {
        return migrations.stream().filter(m -> m.script() != null).map(MigrationInfo::version)
                .reduce((a, b) -> b);
    }
}
