package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A network that drops packets without a word: the engine waits for the reply to a statement of its own no longer
 * than the reply timeout, while a migration's script, however long, is waited for as long as it runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang
class LostReplyTest extends FolderTest {

    private Migrator migrator(TcpRelay relay, TestDatabase db) {
        return Migrator.builder(relay.dataSource(db)).locations(dir.toString()).replyTimeout(Duration.ofSeconds(1))
                .build();
    }

    @Test
    void aReplyThatNeverComesEndsTheRunAsALostSessionInsteadOfHangingIt(TestDatabase db) throws Exception {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int);");
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();
            // The network goes silent once the lock is taken, before the run's next statement of its own.
            MigrationListener silence = new MigrationListener() {
                @Override
                public void lockAcquired(Duration waited) {
                    relay.hold();
                }
            };
            Migrator migrator = Migrator.builder(relay.dataSource(db)).locations(dir.toString())
                    .replyTimeout(Duration.ofSeconds(1)).listener(silence).build();

            Throwable lost = catchThrowable(migrator::migrate);

            assertThat(lost).isInstanceOf(DatabaseAccessException.class).hasMessageContaining("(SQLSTATE 08006)")
                    .hasMessageContaining("The session ended (the server ended it, or the network went)");
        }
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void aScriptLongerThanTheReplyTimeoutRunsToItsEnd(TestDatabase db) throws Exception {
        folder().file("1_slow.up.sql", "SELECT pg_sleep(2.5);\nCREATE TABLE slow (id int);");
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();

            assertThat(migrator(relay, db).migrate().applied()).hasSize(1);
        }
        assertThat(db.tableExists("slow")).isTrue();
    }
}
