package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Works out a location's layout from its file names and, for single-file layouts, from the section markers
 * inside. golang-migrate pairs and SQLx's up-only files are one family (both read the same way); any other mix
 * is an error naming a file of each.
 */
final class LayoutDetector {

    /** diesel's folders: its version is what comes before the first '_', dashes dropped (2025-06-03-120000-0000). */
    static final Pattern DIESEL_FOLDER = Pattern.compile("(\\d[\\d-]*)_.+");
    static final Pattern FLYWAY = Pattern.compile("[VUR](\\d[\\d._]*)?__.*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOOSE = Pattern.compile("(?im)^\\s*--\\s*\\+goose\\s+up\\b");
    private static final Pattern SQL_MIGRATE = Pattern.compile("(?im)^\\s*--\\s*\\+migrate\\s+up\\b");
    private static final Pattern DBMATE = Pattern.compile("(?im)^\\s*--\\s*migrate:up\\b");

    private LayoutDetector() {
    }

    static Layout detect(Location location, List<SourceFile> files) {
        boolean atlasSum = files.stream().anyMatch(f -> f.folder() == null && f.fileName().equals(AtlasLayout.SUM_FILE));
        Map<Layout, String> found = new LinkedHashMap<>();
        FileProblems problems = new FileProblems();
        for (SourceFile file : files) {
            problems.each(() -> classify(file, atlasSum)).ifPresent(layout ->
                    found.putIfAbsent(layout == Layout.SQLX && found.containsKey(Layout.GOLANG_MIGRATE)
                            ? Layout.GOLANG_MIGRATE : layout, file.displayName()));
        }
        problems.throwIfAny();
        if (found.containsKey(Layout.GOLANG_MIGRATE)) {
            found.remove(Layout.SQLX);
        }
        if (found.containsKey(Layout.GOOSE) || found.containsKey(Layout.SQL_MIGRATE) || found.containsKey(Layout.DBMATE)) {
            // A numbered file without markers in a section tool's folder is that tool's file missing its marker:
            // its parser says so in the tool's words, rather than calling the folder mixed.
            found.remove(Layout.SQLX);
        }
        if (found.containsKey(Layout.DIESEL)) {
            // diesel reads only the folders; files beside them (a README.sql, a schema dump) are not migrations.
            found.keySet().retainAll(java.util.Set.of(Layout.DIESEL));
        }
        if (found.size() > 1) {
            var entries = List.copyOf(found.entrySet());
            throw InvalidMigrationException.mixedLayouts(location.toString(), entries.get(0).getKey().id(),
                    entries.get(0).getValue(), entries.get(1).getKey().id(), entries.get(1).getValue());
        }
        return found.keySet().stream().findFirst().orElse(atlasSum ? Layout.ATLAS : Layout.GOLANG_MIGRATE);
    }

    /** The layout a file belongs to, or {@code null} for files that belong to none (README.md, metadata.toml). */
    private static Layout classify(SourceFile file, boolean atlasSum) {
        String name = file.fileName();
        if (file.folder() != null) {
            if (file.depth() == 1 && name.equals("up.sql") && DIESEL_FOLDER.matcher(file.folder()).matches()) {
                return Layout.DIESEL;
            }
            // Flyway finds migrations in subfolders too (db/migration/2024/V12__x.sql).
            return FLYWAY.matcher(name).matches() ? Layout.FLYWAY : null;
        }
        if (!FileName.isCandidate(name)) {
            return null;
        }
        if (!FileName.isNumbered(name)) {
            if (FileName.startsWithDigit(name)) {
                // sql-migrate and dbmate need no '_' after the version (1684929840.sql, 00000000000000-init.sql);
                // their markers say whose the file is.
                String text = file.text();
                return SQL_MIGRATE.matcher(text).find() ? Layout.SQL_MIGRATE
                        : DBMATE.matcher(text).find() ? Layout.DBMATE : null;
            }
            // Flyway's names start with a letter, never a digit: numbered names skip the expression.
            return FLYWAY.matcher(name).matches() ? Layout.FLYWAY : null; // otherwise, reported by the parser
        }
        if (FileName.hasDirection(name)) {
            return Layout.GOLANG_MIGRATE;
        }
        String text = file.text();
        if (GOOSE.matcher(text).find()) {
            return Layout.GOOSE;
        }
        if (SQL_MIGRATE.matcher(text).find()) {
            return Layout.SQL_MIGRATE;
        }
        if (DBMATE.matcher(text).find()) {
            return Layout.DBMATE;
        }
        return atlasSum ? Layout.ATLAS : Layout.SQLX;
    }
}
