package dev.migrate.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.HistoryTableException;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class HistoryTableReadTest {

    private final HistoryTable history = new HistoryTable(null, "schema_migrations");

    @Test
    void readsNoRowsWhereThereIsNoTable(TestDatabase db) throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(history.applied(connection)).isEmpty();
        }
    }

    @Test
    void neverReadsAnotherToolsTableAsItsOwnHistory(TestDatabase db) throws Exception {
        // golang-migrate's shape: adopted by the run, but not migrate's history as it stands.
        db.execute("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);"
                + "INSERT INTO schema_migrations VALUES (3, false)");
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(history.inspect(connection)).isEqualTo(HistoryShape.GOLANG_MIGRATE);
            assertThatThrownBy(() -> history.applied(connection))
                    .isInstanceOf(HistoryTableException.class)
                    .hasMessageContaining("it has the columns version bigint NOT NULL, dirty boolean NOT NULL and "
                            + "primary key (version); migrate needs version, dirty, description, checksum, applied_at, "
                            + "execution_ms, applied_by, adopted_from, claimed_by");
        }
    }
}
