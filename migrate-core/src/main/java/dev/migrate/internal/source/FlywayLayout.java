package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's {@code V{version}__{description}.sql}, with {@code U{version}__{description}.sql} as the down script
 * and {@code executeInTransaction=false} in a {@code .sql.conf} file beside it. Versions must be integers;
 * descriptions read as Flyway shows them (underscores as spaces).
 */
final class FlywayLayout {

    private static final Pattern NAME = Pattern.compile("([VUR])([^_]*(?:_(?!_)[^_]*)*)__(.*)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*executeInTransaction\\s*=\\s*false\\s*$");

    private FlywayLayout() {
    }

    static List<Migration> parse(List<SourceFile> files) {
        Map<String, SourceFile> conf = new HashMap<>();
        files.stream().filter(f -> f.folder() == null && f.fileName().endsWith(".sql.conf"))
                .forEach(f -> conf.put(f.fileName().substring(0, f.fileName().length() - ".conf".length()), f));
        Map<Version, SourceFile> ups = new HashMap<>();
        Map<Version, SourceFile> downs = new HashMap<>();
        Map<Version, String> descriptions = new HashMap<>();
        for (SourceFile file : files) {
            if (file.folder() != null || !FileName.isCandidate(file.fileName())) {
                continue;
            }
            Matcher name = NAME.matcher(file.fileName());
            if (!name.matches()) {
                throw InvalidMigrationException.badName(file.displayName(), "a Flyway folder's files are named "
                        + "V{version}__{description}.sql or U{version}__{description}.sql");
            }
            if (name.group(1).equalsIgnoreCase("R")) {
                throw InvalidMigrationException.badFile(file.displayName(), "is a Flyway repeatable migration, which "
                        + "migrate does not run. Turn it into a versioned migration (V{n}__...) or run it outside migrate.");
            }
            Version version = version(file, name.group(2));
            Map<Version, SourceFile> side = name.group(1).equalsIgnoreCase("V") ? ups : downs;
            if (side.put(version, file) != null) {
                throw InvalidMigrationException.duplicateVersion(version, List.of(side.get(version).displayName(),
                        file.displayName()));
            }
            if (side == ups) {
                descriptions.put(version, name.group(3).replace('_', ' '));
            }
        }
        downs.keySet().stream().filter(v -> !ups.containsKey(v)).findFirst().ifPresent(v -> {
            throw InvalidMigrationException.downWithoutUp(downs.get(v).displayName());
        });
        return ups.entrySet().stream().map(e -> new Migration(e.getKey(), descriptions.get(e.getKey()),
                script(e.getValue(), conf), Optional.ofNullable(downs.get(e.getKey())).map(f -> script(f, conf)),
                Layout.FLYWAY.id())).toList();
    }

    private static Version version(SourceFile file, String text) {
        if (!text.matches("\\d+")) {
            throw InvalidMigrationException.badName(file.displayName(), "its Flyway version '"
                    + text.replace('_', '.') + "' is not a whole number; migrate's versions are integers, so rename "
                    + "dotted versions (V1.2 -> V12, keeping their order)");
        }
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badName(file.displayName(), e.getMessage());
        }
    }

    private static Script script(SourceFile file, Map<String, SourceFile> conf) {
        SourceFile settings = conf.get(file.fileName());
        boolean transactional = settings == null || !NO_TRANSACTION.matcher(settings.text()).find();
        return file.script(text -> transactional);
    }
}
