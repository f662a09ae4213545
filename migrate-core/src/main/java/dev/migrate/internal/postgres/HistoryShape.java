package dev.migrate.internal.postgres;

import java.util.List;

/**
 * What a table of the history table's name is: nothing, migrate's table, golang-migrate's, dbmate's (or a table of
 * its shape), Flyway's, or another.
 */
public enum HistoryShape {
    ABSENT, MIGRATE, GOLANG_MIGRATE, DBMATE, FLYWAY, FOREIGN;

    /** The columns of Flyway's history table, in every Flyway since 4 (Flyway 3's also had {@code version_rank}). */
    public static final List<String> FLYWAY_COLUMNS = List.of("installed_rank", "version", "description", "type",
            "script", "checksum", "installed_by", "installed_on", "execution_time", "success");
}
