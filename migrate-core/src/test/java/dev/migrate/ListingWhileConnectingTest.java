package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.spi.MigrationSource;
import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A folder is listed, and its scripts hashed, on a second thread while the run connects. What a user sees must not
 * change: a file's error is still the one reported when the database cannot be reached either (and is not held
 * back behind a wait for it: {@link DatabaseWaitTest}), and a source of the user's own, or a Java migration's code,
 * is still called on the caller's thread.
 */
class ListingWhileConnectingTest extends FolderTest {

    @Test
    void aFileErrorIsReportedRatherThanAnUnreachableDatabase(TestDatabase db) throws Exception {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id bigint);")
                .file("1_orders.up.sql", "CREATE TABLE orders (id bigint);");
        try (TcpRelay closed = TcpRelay.to(db)) {
            Migrator migrator = Migrator.builder(closed.dataSource(db)).locations(dir.toString()).build();

            for (Runnable operation : List.<Runnable>of(migrator::migrate, migrator::status,
                    () -> migrator.plan(Change.up()))) {
                InvalidMigrationException failure = catchThrowableOfType(InvalidMigrationException.class,
                        operation::run);
                assertThat(failure).hasMessageContaining("1_accounts.up.sql").hasMessageContaining("1_orders.up.sql");
            }
        }
    }

    @Test
    void aSourceOfTheUsersOwnIsListedOnTheCallersThread(TestDatabase db) {
        AtomicReference<Thread> listedOn = new AtomicReference<>();
        MigrationSource source = new MigrationSource() {
            @Override
            public List<Migration> load() {
                listedOn.set(Thread.currentThread());
                return List.of(new Migration(new Version(1), "accounts",
                        Script.of("1/up", "CREATE TABLE accounts (id bigint);"), Optional.empty()));
            }

            @Override
            public String description() {
                return "the test's own migrations";
            }
        };

        Migrator.builder(db.dataSource()).source(source).build().migrate();

        assertThat(listedOn.get()).isSameAs(Thread.currentThread());
        assertThat(db.tableExists("accounts")).isTrue();
    }

    @Test
    void aJavaMigrationsOwnCodeRunsOnTheCallersThreadOnly(TestDatabase db) {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id bigint);");
        Set<Thread> askedOn = ConcurrentHashMap.newKeySet();
        JavaMigration backfill = new JavaMigration() {
            @Override
            public void migrate(Connection connection) {
                askedOn.add(Thread.currentThread());
            }

            @Override
            public Version version() {
                return new Version(2);
            }

            @Override
            public String description() {
                return "backfill";
            }

            @Override
            public String checksum() {
                askedOn.add(Thread.currentThread());
                return "backfill-1";
            }
        };
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).javaMigration(backfill).build();

        migrator.migrate();
        migrator.migrate(); // with rows to compare: every checksum is asked for

        assertThat(askedOn).containsExactly(Thread.currentThread());
    }

    @Test
    void aFolderListedWhileConnectingRunsAsBefore(TestDatabase db) {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id bigint);")
                .file("2_orders.up.sql", "CREATE TABLE orders (id bigint);");

        assertThat(migrator(db).migrate().applied()).extracting(AppliedMigration::version)
                .containsExactly(new Version(1), new Version(2));
        assertThat(migrator(db).status().version()).contains(new Version(2));
    }
}
