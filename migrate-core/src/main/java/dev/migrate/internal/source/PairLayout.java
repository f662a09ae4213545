package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * golang-migrate's {@code {version}_{name}.up.sql} / {@code .down.sql} pairs and SQLx's up-only
 * {@code {version}_{name}.sql}: one file per script, {@code -- migrate:no-transaction} or SQLx's
 * {@code -- no-transaction} in the leading comments.
 */
final class PairLayout {

    private PairLayout() {
    }

    static List<Migration> parse(Layout layout, List<SourceFile> files) {
        Map<Version, Pair> byVersion = new HashMap<>();
        for (SourceFile file : files) {
            if (file.folder() == null && FileName.isCandidate(file.fileName())) {
                FileName name = FileName.parse(file.fileName(), file.displayName());
                byVersion.computeIfAbsent(name.version(), v -> new Pair()).add(name, file);
            }
        }
        List<Migration> migrations = new ArrayList<>(byVersion.size());
        byVersion.forEach((version, pair) -> migrations.add(pair.toMigration(version, layout)));
        return migrations;
    }

    /** The files found for one version; more than one up or down is an error. */
    private static final class Pair {
        private final List<SourceFile> ups = new ArrayList<>(1);
        private final List<SourceFile> downs = new ArrayList<>(1);
        private String description;

        void add(FileName name, SourceFile file) {
            if (name.kind() == FileName.Kind.UP) {
                ups.add(file);
                description = name.description();
            } else {
                downs.add(file);
            }
        }

        Migration toMigration(Version version, Layout layout) {
            if (ups.size() > 1 || downs.size() > 1) {
                List<String> all = new ArrayList<>();
                ups.forEach(f -> all.add(f.displayName()));
                downs.forEach(f -> all.add(f.displayName()));
                all.sort(null);
                throw InvalidMigrationException.duplicateVersion(version, all);
            }
            if (ups.isEmpty()) {
                throw InvalidMigrationException.downWithoutUp(downs.get(0).displayName());
            }
            Optional<Script> down = downs.stream().findFirst().map(SourceFile::script);
            return new Migration(version, description, ups.get(0).script(), down, layout.id());
        }
    }
}
