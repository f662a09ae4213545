package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that comes up after the application, as compose and Kubernetes start them together: the database is
 * reached through a port that refuses connections until the test opens it.
 */
class DatabaseWaitTest extends FolderTest {

    @RegisterExtension
    final EngineLog log = new EngineLog();

    private List<String> waits() {
        return log.messages().stream().filter(m -> m.startsWith("the database is not reachable yet")).toList();
    }

    @Test
    void aRunWaitsForADatabaseThatComesUpAfterItAndLogsEachAttempt(TestDatabase db) throws Exception {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        try (TcpRelay relay = TcpRelay.to(db)) {
            CompletableFuture<Void> databaseUp = relay.openAfter(Duration.ofMillis(2_500));

            MigrateResult result = Migrator.builder(relay.dataSource(db)).locations(dir.toString())
                    .connectRetries(5).build().migrate();

            databaseUp.get(10, TimeUnit.SECONDS);
            assertThat(result.applied()).hasSize(1);
            // refused at once, after 1 s and after 2 s more: up at 2.5 s
            assertThat(waits()).hasSizeBetween(2, 3).allSatisfy(line -> assertThat(line)
                    .matches("the database is not reachable yet: .*Connection .*refused.* \\(SQLSTATE 08001\\); "
                            + "trying again in \\d+\\.\\d s \\(attempt \\d of 6\\)"));
            assertThat(waits().get(0)).endsWith("trying again in 1.0 s (attempt 2 of 6)");
        }
        assertThat(db.tableExists("accounts")).isTrue();
    }

    @Test
    void withoutRetriesAnUnreachableDatabaseFailsAtOnceAsAConnectionFailure(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            DatabaseAccessException failure = catchThrowableOfType(DatabaseAccessException.class,
                    () -> Migrator.builder(relay.dataSource(db)).locations(dir.toString()).build().migrate());

            assertThat(failure.connectionFailure()).isTrue();
            assertThat(failure).hasMessageStartingWith("Could not connect to the database: ");
            assertThat(waits()).isEmpty();
        }
    }

    @Test
    void theWaitEndsAtItsTimeoutWhateverRetriesAreLeft(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            Migrator migrator = Migrator.builder(relay.dataSource(db)).locations(dir.toString())
                    .connectRetries(Integer.MAX_VALUE).connectRetriesTimeout(Duration.ofMillis(2_500)).build();

            DatabaseAccessException failure = catchThrowableOfType(DatabaseAccessException.class, migrator::awaitDatabase);

            assertThat(failure.connectionFailure()).isTrue();
            // 1 s, 1.5 s (what is left of the 2.5 s), then no time left
            assertThat(waits()).hasSize(2);
            assertThat(waits().get(0)).endsWith("(attempt 2, for at most 2.5 s)");
        }
    }

    @Test
    void badCredentialsAreNotWaitedFor(TestDatabase db) throws Exception {
        String role = "waiter_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'right'");
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();
            PGSimpleDataSource wrong = (PGSimpleDataSource) relay.dataSource(db);
            wrong.setUser(role);
            wrong.setPassword("wrong");

            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Migrator.builder(wrong)
                    .locations(dir.toString()).connectRetries(5).build().awaitDatabase());

            assertThat(waits()).isEmpty();
            // a server whose pg_hba.conf trusts local connections lets it in: then there is nothing to refuse
            if (failure != null) {
                assertThat(((DatabaseAccessException) failure).sqlState()).isEqualTo("28P01");
            }
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void awaitingTheDatabaseSaysHowLongItTook(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();

            Duration took = Migrator.builder(relay.dataSource(db)).build().awaitDatabase();

            assertThat(took).isLessThan(Duration.ofSeconds(30));
            assertThat(waits()).isEmpty();
        }
    }

    @Test
    void aFileErrorIsReportedAtOnceWithoutWaitingForTheDatabase(TestDatabase db) throws Exception {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id bigint);")
                .file("1_orders.up.sql", "CREATE TABLE orders (id bigint);");
        try (TcpRelay closed = TcpRelay.to(db)) {
            InvalidMigrationException failure = catchThrowableOfType(InvalidMigrationException.class,
                    () -> Migrator.builder(closed.dataSource(db)).locations(dir.toString()).connectRetries(5)
                            .build().migrate());

            assertThat(failure).hasMessageContaining("1_orders.up.sql");
            // not one attempt to reach the database was made, so none was waited for
            assertThat(waits()).isEmpty();
        }
    }
}
