package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A location from which nothing was read although it holds SQL files: refused, saying what the files look like,
 * since a run that reported "up to date" would hide that none of them runs (a Prisma Migrate folder of
 * {@code 20240101000000_init/migration.sql}, a folder of schema dumps, a path one level too high).
 */
final class UnreadFolder {

    /** Prisma Migrate's layout: a folder per migration, named from a timestamp, holding {@code migration.sql}. */
    private static final Pattern PRISMA = Pattern.compile("\\d+_.+/migration\\.sql");

    private UnreadFolder() {
    }

    static void refuseIfItHoldsSql(Location location, List<SourceFile> files, Layout layout) {
        List<SourceFile> sql = files.stream()
                .filter(file -> file.fileName().toLowerCase(Locale.ROOT).endsWith(".sql")).toList();
        if (sql.isEmpty()) {
            return;
        }
        List<String> sample = sql.stream().map(SourceFile::path).sorted().limit(3).toList();
        throw InvalidMigrationException.noMigrationsRead(location.toString(), sql.size(), sample, looksLike(sql,
                layout));
    }

    private static String looksLike(List<SourceFile> sql, Layout layout) {
        if (sql.stream().allMatch(file -> PRISMA.matcher(file.path()).matches())) {
            return "laid out as Prisma Migrate lays out its migrations (a folder per migration holding migration.sql), "
                    + "which is not a layout migrate reads";
        }
        if (sql.stream().allMatch(file -> file.depth() > 0)) {
            return "all in folders below it, where " + layout.id() + " does not look for migrations";
        }
        return "named as no migration of " + layout.id() + " is named ({version}_{description}.up.sql for "
                + "golang-migrate, V{version}__{description}.sql for Flyway, ...)";
    }
}
