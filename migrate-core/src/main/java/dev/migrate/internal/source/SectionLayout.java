package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file per version, with up and down sections marked by comments: goose ({@code -- +goose Up},
 * {@code -- +goose NO TRANSACTION}), sql-migrate ({@code -- +migrate Up notransaction}) and dbmate
 * ({@code -- migrate:up transaction:false}). Statement markers are comments to the server and need no handling.
 * A section's script keeps the file's line numbers: the lines above it become blank lines.
 */
final class SectionLayout {

    /** How one tool marks its sections and its no-transaction option. */
    private record Markers(Pattern marker, String up, String down, Pattern noTransactionForFile,
            Pattern noTransactionForSection) {
    }

    private static final Markers GOOSE = new Markers(Pattern.compile("^--\\s*\\+goose\\s+(.*)$", Pattern.CASE_INSENSITIVE),
            "up", "down", Pattern.compile("(?i)^no\\s+transaction$"), null);
    private static final Markers SQL_MIGRATE = new Markers(Pattern.compile("^--\\s*\\+migrate\\s+(.*)$", Pattern.CASE_INSENSITIVE),
            "up", "down", null, Pattern.compile("(?i)\\bnotransaction\\b"));
    private static final Markers DBMATE = new Markers(Pattern.compile("^--\\s*migrate:(.*)$", Pattern.CASE_INSENSITIVE),
            "up", "down", null, Pattern.compile("(?i)\\btransaction:false\\b"));

    private SectionLayout() {
    }

    static List<Migration> parse(Layout layout, List<SourceFile> files) {
        Markers markers = switch (layout) {
            case GOOSE -> GOOSE;
            case SQL_MIGRATE -> SQL_MIGRATE;
            case DBMATE -> DBMATE;
            default -> throw new IllegalArgumentException("not a section layout: " + layout);
        };
        List<Migration> migrations = new ArrayList<>();
        for (SourceFile file : files) {
            if (file.folder() != null || !FileName.isCandidate(file.fileName())) {
                continue;
            }
            FileName name = FileName.parse(file.fileName(), file.displayName());
            Sections sections = split(file, markers, layout);
            Script up = Script.derived(file.displayName() + " (up)", () -> sections.up);
            Optional<Script> down = sections.hasDown
                    ? Optional.of(Script.derived(file.displayName() + " (down)", () -> sections.down))
                    : Optional.empty();
            migrations.add(new Migration(name.version(), name.description(), up, down, layout.id()));
        }
        return migrations;
    }

    private record Sections(Script.Text up, Script.Text down, boolean hasDown) {
    }

    private static Sections split(SourceFile file, Markers markers, Layout layout) {
        String[] lines = file.text().split("\n", -1);
        int upAt = -1;
        int downAt = -1;
        boolean upNoTransaction = false;
        boolean downNoTransaction = false;
        boolean fileNoTransaction = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = markers.marker.matcher(lines[i].strip());
            if (!matcher.matches()) {
                continue;
            }
            String directive = matcher.group(1).strip();
            String word = directive.split("\\s+")[0].toLowerCase(Locale.ROOT);
            boolean sectionNoTransaction = markers.noTransactionForSection != null
                    && markers.noTransactionForSection.matcher(directive).find();
            if (word.equals(markers.up) && upAt < 0) {
                upAt = i;
                upNoTransaction = sectionNoTransaction;
            } else if (word.equals(markers.down) && downAt < 0) {
                downAt = i;
                downNoTransaction = sectionNoTransaction;
            } else if (markers.noTransactionForFile != null && markers.noTransactionForFile.matcher(directive).matches()) {
                fileNoTransaction = true;
            }
        }
        if (upAt < 0) {
            throw InvalidMigrationException.badFile(file.displayName(), "has no up section, though its folder is "
                    + layout.id() + " (mark it as that tool does, e.g. '-- +goose Up', '-- +migrate Up' or "
                    + "'-- migrate:up')");
        }
        int upEnd = downAt > upAt ? downAt : lines.length;
        String upSql = section(lines, upAt, upEnd);
        String downSql = downAt < 0 ? "" : section(lines, downAt, downAt > upAt ? lines.length : upAt);
        boolean hasDown = downAt >= 0 && !SqlSplitter.split(downSql).isEmpty();
        return new Sections(new Script.Text(upSql, !(fileNoTransaction || upNoTransaction)),
                new Script.Text(downSql, !(fileNoTransaction || downNoTransaction)), hasDown);
    }

    /** Lines after the marker up to {@code end}, with every line above left blank so line numbers stay the file's. */
    private static String section(String[] lines, int marker, int end) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < end; i++) {
            if (i > marker) {
                sql.append(lines[i]);
            }
            sql.append('\n');
        }
        return sql.toString();
    }
}
