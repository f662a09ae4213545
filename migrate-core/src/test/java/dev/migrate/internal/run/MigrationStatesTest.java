package dev.migrate.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.AppliedMigration;
import dev.migrate.Change;
import dev.migrate.ChecksumMismatchException;
import dev.migrate.Direction;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.MigrateException;
import dev.migrate.Migration;
import dev.migrate.MigrationInfo;
import dev.migrate.MigrationState;
import dev.migrate.MissingMigrationException;
import dev.migrate.OutOfOrderMigrationException;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.postgres.HistoryRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The engine's pure core, with no database: files and history rows in, states, steps and problems out. */
class MigrationStatesTest {

    private static final String LOCATIONS = "filesystem:db/migrations";

    private static Migration file(long version) {
        return file(version, "CREATE TABLE t" + version + " (id int);", true);
    }

    private static Migration file(long version, String sql, boolean withDown) {
        String name = String.format("%06d_m%d", version, version);
        return new Migration(new Version(version), "m" + version, Script.of(name + ".up.sql", sql),
                withDown ? Optional.of(Script.of(name + ".down.sql", "DROP TABLE t" + version + ";")) : Optional.empty(),
                "golang-migrate");
    }

    private static HistoryRow applied(Migration file) {
        return row(file.version().asLong().orElseThrow(), file.up().checksum(), false);
    }

    private static HistoryRow row(long version, String checksum, boolean dirty) {
        return HistoryRow.of(new AppliedMigration(new Version(version), "m" + version, checksum, dirty,
                Instant.parse("2026-11-21T10:00:00Z"), 5, "app"));
    }

    private static MigrationStates states(List<Migration> files, List<HistoryRow> rows) {
        return MigrationStates.of(files, rows, LOCATIONS);
    }

    private static List<MigrationState> stateList(MigrationStates states) {
        return states.status().migrations().stream().map(MigrationInfo::state).toList();
    }

    private static List<String> steps(MigrationStates states, Change change) {
        return states.steps(change).stream()
                .map(s -> s.direction().id() + " " + s.migration().version()).toList();
    }

    @Test
    void filesWithoutRowsArePendingAndThereIsNoVersion() {
        MigrationStates states = states(List.of(file(1), file(2)), List.of());

        assertThat(stateList(states)).containsExactly(MigrationState.PENDING, MigrationState.PENDING);
        assertThat(states.current()).isEmpty();
        assertThat(states.problems(false, true)).isEmpty();
        assertThat(steps(states, Change.up())).containsExactly("up 1", "up 2");
    }

    @Test
    void aFileWhoseRowHasItsChecksumIsApplied() {
        Migration one = file(1);
        MigrationStates states = states(List.of(one, file(2)), List.of(applied(one)));

        assertThat(stateList(states)).containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        assertThat(states.current()).contains(new Version(1));
        assertThat(steps(states, Change.up())).containsExactly("up 2");
    }

    @Test
    void aRowAdoptedWithoutChecksumMatchesAnyFile() {
        MigrationStates states = states(List.of(file(1)), List.of(row(1, null, false)));

        assertThat(stateList(states)).containsExactly(MigrationState.APPLIED);
        assertThat(states.problems(false, true)).isEmpty();
    }

    @Test
    void aChangedFileIsModifiedAndAProblemOnlyWhenFilesAreChecked() {
        MigrationStates states = states(List.of(file(1)), List.of(row(1, "0123abcd", false)));

        assertThat(stateList(states)).containsExactly(MigrationState.MODIFIED);
        assertThat(states.problems(false, true)).singleElement().isInstanceOf(ChecksumMismatchException.class);
        assertThat(states.problems(false, false)).isEmpty();
    }

    @Test
    void aRowWithoutFileIsMissingAndAProblemOnlyWhenFilesAreChecked() {
        Migration two = file(2);
        MigrationStates states = states(List.of(two), List.of(row(1, "0123abcd", false), applied(two)));

        assertThat(stateList(states)).containsExactly(MigrationState.MISSING, MigrationState.APPLIED);
        assertThat(states.problems(false, true)).singleElement()
                .isInstanceOfSatisfying(MissingMigrationException.class, e -> assertThat(e).hasMessageContaining(LOCATIONS));
        assertThat(states.problems(false, false)).isEmpty();
    }

    @Test
    void aPendingFileBelowTheNewestAppliedIsOutOfOrderUnlessAllowed() {
        Migration three = file(3);
        MigrationStates states = states(List.of(file(2), three), List.of(applied(three)));

        assertThat(states.problems(false, true)).singleElement().isInstanceOf(OutOfOrderMigrationException.class)
                .extracting(e -> ((OutOfOrderMigrationException) e).version()).isEqualTo(new Version(2));
        assertThat(states.problems(true, true)).isEmpty();
        assertThat(steps(states, Change.up())).containsExactly("up 2");
        assertThat(states.versionAfter(states.steps(Change.up()))).contains(new Version(3));
    }

    @Test
    void aDirtyRowComesFirstAmongTheProblemsWhateverItsVersion() {
        Migration one = file(1);
        Migration three = file(3);
        MigrationStates states = states(List.of(one, file(2), three),
                List.of(row(1, "changed", false), applied(file(2)), row(3, three.up().checksum(), true)));

        List<MigrateException> problems = states.problems(false, true);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isInstanceOf(DirtyDatabaseException.class)
                .hasMessageContaining("run 'migrate force 2'");
        assertThat(problems.get(1)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(states.dirty()).isTrue();
        assertThat(states.appliedBelow(new Version(3))).contains(new Version(2));
    }

    @Test
    void upToAndUpNextStopWhereTheyAreTold() {
        List<Migration> files = IntStream.rangeClosed(1, 5).mapToObj(MigrationStatesTest::file).toList();
        MigrationStates states = states(files, List.of(applied(files.get(0))));

        assertThat(steps(states, Change.upTo(new Version(3)))).containsExactly("up 2", "up 3");
        assertThat(steps(states, Change.upNext(1))).containsExactly("up 2");
        assertThat(states.versionAfter(states.steps(Change.upTo(new Version(3))))).contains(new Version(3));
    }

    @Test
    void downGoesNewestFirstAndCarriesTheRowItRemoves() {
        List<Migration> files = IntStream.rangeClosed(1, 3).mapToObj(MigrationStatesTest::file).toList();
        MigrationStates states = states(files, files.stream().map(MigrationStatesTest::applied).toList());

        List<Step> down = states.steps(Change.down(2));

        assertThat(down).extracting(s -> s.migration().version().asLong().orElseThrow()).containsExactly(3L, 2L);
        assertThat(down).allMatch(s -> s.direction() == Direction.DOWN && s.row().version().equals(s.migration().version()));
        assertThat(states.versionAfter(down)).contains(new Version(1));
        assertThat(steps(states, Change.downAll())).containsExactly("down 3", "down 2", "down 1");
    }

    @Test
    void goToGoesDownOrUpFromTheNewestApplied() {
        List<Migration> files = IntStream.rangeClosed(1, 4).mapToObj(MigrationStatesTest::file).toList();
        List<HistoryRow> rows = new ArrayList<>();
        files.subList(0, 2).forEach(f -> rows.add(applied(f)));
        MigrationStates states = states(files, rows);

        assertThat(steps(states, Change.goTo(new Version(4)))).containsExactly("up 3", "up 4");
        assertThat(steps(states, Change.goTo(new Version(1)))).containsExactly("down 2");
        assertThat(steps(states, Change.goTo(new Version(2)))).isEmpty();
    }

    @Test
    void aRollbackCrossingAMigrationWithoutDownScriptIsRefusedWhole() {
        Migration one = file(1);
        Migration two = file(2, "CREATE TABLE t2 (id int);", false);
        Migration three = file(3);
        MigrationStates states = states(List.of(one, two, three), List.of(applied(one), applied(two), applied(three)));

        assertThatThrownBy(() -> states.steps(Change.downAll()))
                .isInstanceOfSatisfying(IrreversibleMigrationException.class,
                        e -> assertThat(e.versions()).containsExactly(new Version(2)))
                .hasMessageContaining("migration 2 (m2) has no down script");
        assertThat(steps(states, Change.down(1))).containsExactly("down 3");
    }

    @Test
    void aMissingFileCannotBeRolledBack() {
        Migration two = file(2);
        MigrationStates states = states(List.of(two), List.of(row(1, "0123abcd", false), applied(two)));

        assertThatThrownBy(() -> states.steps(Change.downAll())).isInstanceOf(IrreversibleMigrationException.class)
                .hasMessageContaining("1 (m1) (its files are missing)");
    }

    @Test
    void statusListsEveryVersionOnceInOrderWithFileAndRowDetails() {
        Migration one = file(1);
        Migration three = file(3);
        MigrationStates states = states(List.of(one, three), List.of(applied(one), row(2, "0123abcd", false)));

        List<MigrationInfo> infos = states.status().migrations();

        assertThat(infos).extracting(i -> i.version().asLong().orElseThrow()).containsExactly(1L, 2L, 3L);
        assertThat(infos.get(0).script()).isEqualTo("000001_m1.up.sql");
        assertThat(infos.get(0).appliedBy()).isEqualTo("app");
        assertThat(infos.get(1).script()).isNull();
        assertThat(infos.get(2).appliedAt()).isNull();
        assertThat(states.status().version()).contains(new Version(2));
    }

    @Test
    void unrecordedUpToListsFilesWithoutRowsForABaseline() {
        Migration two = file(2);
        MigrationStates states = states(List.of(file(1), two, file(3)), List.of(applied(two)));

        assertThat(states.unrecordedUpTo(new Version(3))).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(1L, 3L);
    }
}
