package dev.migrate.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real tools that tests use as oracles, where this machine has them: dbmate (the binary of the npm package
 * {@code @dbmate/linux-x64}) and sql-migrate (the Debian package). CI installs both; elsewhere, tests that need
 * one are reported as skipped.
 */
public final class PeerTools {

    private PeerTools() {
    }

    /** dbmate: {@code $MIGRATE_DBMATE}, the npm install .ci/run makes, or one on the PATH. */
    public static Optional<Path> dbmate() {
        return first(System.getenv("MIGRATE_DBMATE"),
                "/opt/migrate-oracles/node_modules/@dbmate/linux-x64/bin/dbmate", "/usr/local/bin/dbmate",
                "/usr/bin/dbmate");
    }

    /** sql-migrate: {@code $MIGRATE_SQL_MIGRATE}, or the Debian package's binary. */
    public static Optional<Path> sqlMigrate() {
        return first(System.getenv("MIGRATE_SQL_MIGRATE"), "/usr/bin/sql-migrate", "/usr/local/bin/sql-migrate");
    }

    private static Optional<Path> first(String... candidates) {
        return java.util.Arrays.stream(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }
}
