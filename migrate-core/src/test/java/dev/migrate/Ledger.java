package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TestDatabase;

/**
 * The table that fault-injection tests' migrations write their own versions into, one row each: a migration
 * applied twice leaves its version there twice, which no other check would see.
 */
final class Ledger {

    private Ledger() {
    }

    /** Each of {@code count} migrations applied exactly once, and recorded clean. */
    static void assertEachAppliedOnce(TestDatabase db, int count) {
        assertThat(db.column("SELECT version || 'x' || count(*) FROM ledger GROUP BY version HAVING count(*) > 1"))
                .as("versions applied more than once").isEmpty();
        assertThat(db.value("SELECT count(*) FROM ledger")).isEqualTo(String.valueOf(count));
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty")).isEqualTo(String.valueOf(count));
    }
}
