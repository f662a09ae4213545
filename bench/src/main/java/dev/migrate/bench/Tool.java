package dev.migrate.bench;

import javax.sql.DataSource;

/** One way of applying the workload: migrate, a peer, or the raw-JDBC floor. */
interface Tool {

    String name();

    /** Applies every pending migration; run twice, the second call is the no-op a restart pays. */
    void migrate(DataSource dataSource) throws Exception;
}
