package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Repeatable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Repeatable migrations, named as Flyway names them in every layout: {@code R__{description}.sql}, with
 * underscores in the description read as spaces and an optional {@code .sql.conf} beside it (as for Flyway's
 * scripts). They are plain SQL whatever the folder's layout, and never part of the layout's own files.
 */
final class RepeatableFiles {

    private static final String PREFIX = "R" + FlywayName.SEPARATOR;

    private RepeatableFiles() {
    }

    /** Whether the file is a repeatable migration or its settings file. */
    static boolean owns(SourceFile file) {
        String name = file.fileName();
        return name.startsWith(PREFIX) && (FlywayName.isCandidate(name)
                || name.toLowerCase(Locale.ROOT).endsWith(FlywayScriptConfig.SUFFIX));
    }

    /** The repeatable migrations among {@code files}, as the layout named {@code layout} reports them. */
    static List<Repeatable> of(List<SourceFile> files, String layout, Placeholders placeholders) {
        Map<String, SourceFile> configs = FlywayScriptConfig.byScript(files);
        return files.stream().filter(RepeatableFiles::owns).filter(f -> FlywayName.isCandidate(f.fileName()))
                .map(f -> new Repeatable(description(f.fileName()),
                        FlywayScriptConfig.of(configs.get(f.path())).script(f, placeholders, true), layout))
                .toList();
    }

    private static String description(String fileName) {
        return fileName.substring(PREFIX.length(), fileName.length() - FlywayName.SUFFIX.length()).replace('_', ' ');
    }

    /** Two repeatable migrations of one description, from two locations or two folders, are refused. */
    static void requireUnique(List<Repeatable> repeatables) {
        Map<String, Repeatable> seen = new HashMap<>();
        for (Repeatable repeatable : repeatables) {
            Repeatable before = seen.putIfAbsent(repeatable.description(), repeatable);
            if (before != null) {
                throw InvalidMigrationException.badFile(repeatable.script().name(), "is a repeatable migration with "
                        + "the description '" + repeatable.description() + "', as is " + before.script().name()
                        + ". Give each repeatable migration its own description (rename one of them).");
            }
        }
    }
}
