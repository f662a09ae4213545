package dev.migrate.internal.postgres;

/** What a table of the history table's name is: nothing, migrate's table, golang-migrate's, dbmate's, or another. */
public enum HistoryShape { ABSENT, MIGRATE, GOLANG_MIGRATE, DBMATE, FOREIGN }
