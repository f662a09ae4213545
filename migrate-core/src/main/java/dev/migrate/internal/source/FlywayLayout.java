package dev.migrate.internal.source;

import dev.migrate.Callback;
import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyway's folder: {@code V{version}__{description}.sql} migrations with dotted versions ({@code V2.0.1__},
 * {@code V1_1__}), {@code U{version}__{description}.sql} undo files as their down scripts,
 * {@code B{version}__{description}.sql} baseline migrations (Flyway 9+: what an empty database runs instead of the
 * versions up to theirs, see {@code BaselineMigrations}), and per-script
 * settings in a {@code .sql.conf} file beside a script ({@link FlywayScriptConfig}). Names are read as Flyway
 * reads them ({@link FlywayName}); a {@code .sql} file Flyway would skip is skipped, with a warning naming it.
 */
final class FlywayLayout {

    private FlywayLayout() {
    }

    /**
     * A Flyway folder read in one pass: its migrations, its baseline migrations, and its SQL callbacks in file name
     * order.
     */
    record Folder(List<Migration> migrations, List<Migration> baselines, List<CallbackScript> callbacks) {
    }

    /**
     * Reads the folder. A callback of an event migrate has no point for (afterClean, beforeValidate, ...) is
     * refused, naming the files, since it would never run.
     */
    static Folder read(List<SourceFile> files, Placeholders placeholders) {
        Map<String, SourceFile> configs = FlywayScriptConfig.byScript(files);
        List<CallbackScript> callbacks = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Map<Version, SourceFile> ups = new TreeMap<>();
        Map<Version, SourceFile> downs = new TreeMap<>();
        Map<Version, SourceFile> baselines = new TreeMap<>();
        Map<String, String> descriptions = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        FileProblems problems = new FileProblems();
        for (SourceFile file : files) {
            if (!FlywayName.isCandidate(file.fileName())) {
                continue;
            }
            FlywayName name = FlywayName.parse(file.fileName());
            switch (name.kind()) {
                case NONE -> skipped.add(file.displayName() + " (" + name.problem() + ")");
                case REPEATABLE -> { } // FolderSource reads them, in every layout
                case CALLBACK -> Callback.Event.of(name.prefix()).ifPresentOrElse(event -> callbacks.add(
                        new CallbackScript(event, file.fileName(), script(file, configs, placeholders))),
                        () -> unsupported.add(file.displayName() + " (" + name.prefix() + ")"));
                default -> {
                    Map<Version, SourceFile> side = switch (name.kind()) {
                        case VERSIONED -> ups;
                        case BASELINE -> baselines;
                        default -> downs;
                    };
                    SourceFile before = side.putIfAbsent(name.version(), file);
                    if (before != null) {
                        problems.each(() -> {
                            throw InvalidMigrationException.duplicateVersion(name.version(),
                                    List.of(before.displayName(), file.displayName()));
                        });
                    } else if (side != downs) {
                        descriptions.put((side == baselines ? "B" : "V") + name.version(), name.description());
                    }
                }
            }
        }
        downs.forEach((version, file) -> {
            if (!ups.containsKey(version)) {
                problems.each(() -> {
                    throw InvalidMigrationException.downWithoutUp(file.displayName());
                });
            }
        });
        problems.throwIfAny();
        if (!unsupported.isEmpty()) {
            throw InvalidMigrationException.badFile(String.join(", ", unsupported), "are Flyway callbacks of events "
                    + "migrate has no point for (it runs the migrate and undo events: beforeMigrate, beforeEachMigrate, "
                    + "afterEachMigrate, afterEachMigrateError, afterVersioned, beforeRepeatables, afterMigrateApplied, "
                    + "afterMigrate, afterMigrateError, afterMigrateOperationFinish and their undo counterparts). Nothing "
                    + "was run. Move them out of the migration folder, or run that work another way.");
        }
        if (!skipped.isEmpty()) {
            ProgressLog.LOG.warn("skipped {} .sql files that are not Flyway migrations, as Flyway skips them: {}",
                    skipped.size(), String.join(", ", skipped));
        }
        List<Migration> migrations = new ArrayList<>(ups.size());
        ups.forEach((version, file) -> migrations.add(new Migration(version, descriptions.get("V" + version),
                script(file, configs, placeholders),
                Optional.ofNullable(downs.get(version)).map(f -> script(f, configs, placeholders)),
                Layout.FLYWAY.id())));
        List<Migration> baselineMigrations = new ArrayList<>(baselines.size());
        baselines.forEach((version, file) -> baselineMigrations.add(new Migration(version,
                descriptions.get("B" + version), script(file, configs, placeholders), Optional.empty(),
                Layout.FLYWAY.id())));
        callbacks.sort(java.util.Comparator.comparing(CallbackScript::fileName));
        return new Folder(migrations, baselineMigrations, callbacks);
    }

    private static Script script(SourceFile file, Map<String, SourceFile> configs, Placeholders placeholders) {
        return FlywayScriptConfig.of(configs.get(file.path())).script(file, placeholders, false);
    }
}
