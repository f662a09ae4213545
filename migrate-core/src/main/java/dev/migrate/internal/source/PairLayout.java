package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * golang-migrate's {@code {version}_{name}.up.sql} / {@code .down.sql} pairs and SQLx's up-only
 * {@code {version}_{name}.sql}: one file per script, {@code -- migrate:no-transaction} or SQLx's
 * {@code -- no-transaction} in the leading comments.
 */
final class PairLayout {

    private PairLayout() {
    }

    /**
     * golang-migrate skips every name it cannot parse (a schema.sql kept beside the migrations); SQLx skips names
     * without '_' but fails on one whose part before it is not a number, and so does migrate.
     */
    private static boolean isIgnoredByTheTool(Layout layout, String fileName) {
        if (FileName.isNumbered(fileName)) {
            return false;
        }
        return layout == Layout.GOLANG_MIGRATE || fileName.indexOf('_') < 0;
    }

    static List<Migration> parse(Layout layout, List<SourceFile> files) {
        List<Named> named = new ArrayList<>(files.size());
        FileProblems problems = new FileProblems();
        List<String> ignored = new ArrayList<>();
        for (SourceFile file : files) {
            if (file.folder() == null && FileName.isCandidate(file.fileName())) {
                if (isIgnoredByTheTool(layout, file.fileName())) {
                    ignored.add(file.displayName());
                    continue;
                }
                problems.each(() -> FileName.parse(file.fileName(), file.displayName()))
                        .ifPresent(name -> named.add(new Named(name, file)));
            }
        }
        problems.throwIfAny();
        if (!ignored.isEmpty()) {
            ProgressLog.LOG.warn("ignored {} file(s) whose names are not migrations ({version}_{description}.sql), as "
                    + "{} ignores them: {}", ignored.size(), layout.id(), String.join(", ", ignored));
        }
        // Sorted, a version's files sit side by side: no map, and migrations come out in order.
        named.sort(PairLayout::byVersionThenName);
        List<Migration> migrations = new ArrayList<>(named.size());
        int from = 0;
        while (from < named.size()) {
            Version version = named.get(from).name().version();
            int to = from + 1;
            while (to < named.size() && named.get(to).name().version().equals(version)) {
                to++;
            }
            migrations.add(migration(layout, version, named.subList(from, to)));
            from = to;
        }
        return migrations;
    }

    private record Named(FileName name, SourceFile file) {
    }

    /** Written out rather than composed from key extractors: it runs thousands of times on every start. */
    private static int byVersionThenName(Named a, Named b) {
        int order = a.name().version().compareTo(b.name().version());
        return order != 0 ? order : a.file().displayName().compareTo(b.file().displayName());
    }

    /** One version's files: one up, at most one down. */
    private static Migration migration(Layout layout, Version version, List<Named> files) {
        Named up = null;
        Named down = null;
        boolean duplicate = false;
        for (Named file : files) {
            if (file.name().kind() == FileName.Kind.UP) {
                duplicate |= up != null;
                up = file;
            } else {
                duplicate |= down != null;
                down = file;
            }
        }
        if (duplicate) {
            throw InvalidMigrationException.duplicateVersion(version,
                    files.stream().map(n -> n.file().displayName()).sorted().toList());
        }
        if (up == null) {
            throw InvalidMigrationException.downWithoutUp(down.file().displayName());
        }
        Optional<Script> downScript = down == null ? Optional.empty() : Optional.of(script(layout, down.file()));
        return new Migration(version, up.name().description(), script(layout, up.file()), downScript, layout.id());
    }

    /** golang-migrate sends a file as it is, wrapping nothing; SQLx runs it in a transaction of its own. */
    private static Script script(Layout layout, SourceFile file) {
        return layout == Layout.GOLANG_MIGRATE ? file.scriptSentAsWritten() : file.script();
    }
}
