package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * One file per version, with up and down sections marked by comments, read as each tool reads them:
 * <ul>
 * <li>goose: {@code -- +goose Up}, then {@code -- +goose Down}; {@code -- +goose NO TRANSACTION} anywhere is for
 *     the whole file; no Down section means rolling back runs nothing;</li>
 * <li>sql-migrate: every {@code -- +migrate Up} / {@code -- +migrate Down} switches the section, so sections may
 *     alternate; any marker of a direction with {@code notransaction} takes that direction out of a transaction;
 *     no Down section means rolling back runs nothing;</li>
 * <li>dbmate: {@code -- migrate:up} up to {@code -- migrate:down}, options such as {@code transaction:false} on the
 *     marker's line; a file without a down marker cannot be rolled back (dbmate refuses it).</li>
 * </ul>
 * A down section with no statement (only comments, or nothing) runs nothing, as it does in every one of them.
 * Each section's script keeps the file's line numbers: lines of the other section become blank lines.
 */
final class SectionLayout {

    /** How one tool marks its sections and its no-transaction option. */
    private record Markers(Pattern marker, boolean sectionsAlternate, boolean downOptional,
            Pattern noTransactionForFile, Pattern noTransactionForSection) {
    }

    private static final Markers GOOSE = new Markers(Pattern.compile("^--\\s*\\+goose\\s+(.*)$", Pattern.CASE_INSENSITIVE),
            false, true, Pattern.compile("(?i)^no\\s+transaction$"), null);
    private static final Markers SQL_MIGRATE = new Markers(Pattern.compile("^--\\s*\\+migrate\\s+(.*)$", Pattern.CASE_INSENSITIVE),
            true, true, null, Pattern.compile("(?i)\\bnotransaction\\b"));
    private static final Markers DBMATE = new Markers(Pattern.compile("^--\\s*migrate:(.*)$", Pattern.CASE_INSENSITIVE),
            false, false, null, Pattern.compile("(?i)\\btransaction:false\\b"));

    /** goose's switch for substituting environment variables, {@code -- +goose ENVSUBST ON} / {@code OFF}. */
    private static final Pattern ENVSUBST = Pattern.compile("(?i)^envsubst?\\s+(on|off)$");

    /** goose's Go migrations: versioned .go files beside the SQL ones. */
    private static final Pattern GO_MIGRATION = Pattern.compile("(\\d+)_[^/]*(?<!_test)\\.go");

    private SectionLayout() {
    }

    static List<Migration> parse(Layout layout, List<SourceFile> files) {
        Markers markers = switch (layout) {
            case GOOSE -> GOOSE;
            case SQL_MIGRATE -> SQL_MIGRATE;
            case DBMATE -> DBMATE;
            default -> throw new IllegalArgumentException("not a section layout: " + layout);
        };
        if (layout == Layout.GOOSE) {
            refuseGoMigrations(files);
        }
        List<Migration> migrations = new ArrayList<>();
        FileProblems problems = new FileProblems();
        for (SourceFile file : files) {
            if (file.folder() != null || !FileName.isCandidate(file.fileName())) {
                continue;
            }
            problems.each(() -> migration(layout, markers, file)).ifPresent(migrations::add);
        }
        problems.throwIfAny();
        return migrations;
    }

    private static Migration migration(Layout layout, Markers markers, SourceFile file) {
        FileName name = switch (layout) {
            case SQL_MIGRATE -> FileName.parseLeadingDigits(file.fileName(), file.displayName());
            case DBMATE -> FileName.parseDbmate(file.fileName(), file.displayName());
            default -> FileName.parse(file.fileName(), file.displayName());
        };
        // Split now, so that a file without an up section (or a variable goose cannot substitute) is refused while
        // listing; the split is kept as the file's text is (RecentTexts), and made again when it is no longer kept.
        Object key = new Object();
        Supplier<Sections> split = () -> RecentTexts.getOrRead(key, Sections.class, () -> split(file, markers, layout),
                Sections::size);
        boolean hasDown = split.get().down != null;
        Script up = Script.substituted(file.displayName() + " (up)", () -> {
            Sections sections = split.get();
            return new Script.Written(sections.writtenUp, () -> sections.up);
        });
        Optional<Script> down = !hasDown ? Optional.empty()
                : Optional.of(Script.substituted(file.displayName() + " (down)", () -> {
                    Sections sections = split.get();
                    // A file changed to have no down section reads with another checksum, or else as an empty one.
                    return new Script.Written(sections.writtenDown,
                            () -> sections.down != null ? sections.down : new Script.Text("", true));
                }));
        return new Migration(name.version(), name.description(), up, down, layout.id());
    }

    /** goose runs these as compiled Go; migrate cannot. Said before anything runs, naming every one. */
    private static void refuseGoMigrations(List<SourceFile> files) {
        TreeMap<Long, String> found = new TreeMap<>();
        for (SourceFile file : files) {
            Matcher go = GO_MIGRATION.matcher(file.fileName());
            if (file.folder() == null && go.matches()) {
                long version = Long.parseLong(go.group(1));
                found.put(version, file.displayName() + " (version " + version + ")");
            }
        }
        if (!found.isEmpty()) {
            throw InvalidMigrationException.goMigrations(List.copyOf(found.values()));
        }
    }

    /**
     * The up script, and the down script ({@code null} when the file has none that can run), each also as written
     * before goose's substitution, which is what its checksum is taken of.
     */
    private record Sections(Script.Text up, Script.Text down, String writtenUp, String writtenDown) {

        /** The characters it holds, about: what is written, and what runs where it differs. */
        long size() {
            long size = writtenUp.length() + writtenDown.length();
            size += up.sql() == writtenUp ? 0 : up.sql().length();
            return size + (down == null || down.sql() == writtenDown ? 0 : down.sql().length());
        }
    }

    private static Sections split(SourceFile file, Markers markers, Layout layout) {
        String[] written = file.text().split("\n", -1);
        String[] lines = written; // copied when a line is substituted
        boolean[] inUp = new boolean[lines.length];
        boolean[] inDown = new boolean[lines.length];
        boolean seenUp = false;
        boolean seenDown = false;
        boolean upNoTransaction = false;
        boolean downNoTransaction = false;
        boolean fileNoTransaction = false;
        boolean substituting = false;
        int section = 0; // 0 none yet, 1 up, 2 down
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = markers.marker.matcher(lines[i].strip());
            if (matcher.matches()) {
                String directive = matcher.group(1).strip();
                if (layout == Layout.GOOSE && ENVSUBST.matcher(directive).matches()) {
                    substituting = directive.toUpperCase(Locale.ROOT).endsWith("ON");
                    continue;
                }
                String word = directive.split("\\s+")[0].toLowerCase(Locale.ROOT);
                boolean noTransaction = markers.noTransactionForSection != null
                        && markers.noTransactionForSection.matcher(directive).find();
                boolean first = word.equals("up") ? !seenUp : !seenDown;
                if (word.equals("up") && (markers.sectionsAlternate || section == 0)) {
                    section = 1;
                    upNoTransaction |= noTransaction && (markers.sectionsAlternate || first);
                    seenUp = true;
                    continue;
                }
                if (word.equals("down") && (markers.sectionsAlternate || section == 1)) {
                    section = 2;
                    downNoTransaction |= noTransaction && (markers.sectionsAlternate || first);
                    seenDown = true;
                    continue;
                }
                if (markers.noTransactionForFile != null && markers.noTransactionForFile.matcher(directive).matches()) {
                    fileNoTransaction = true;
                    continue;
                }
            }
            inUp[i] = section == 1;
            inDown[i] = section == 2;
            if (substituting && section != 0) {
                lines = lines == written ? written.clone() : lines;
                lines[i] = GooseEnvsubst.substitute(lines[i], System.getenv(), file.displayName(), i + 1);
            }
        }
        if (!seenUp) {
            throw InvalidMigrationException.badFile(file.displayName(), "has no up section, though its folder is "
                    + layout.id() + " (mark it as that tool does, e.g. '-- +goose Up', '-- +migrate Up' or "
                    + "'-- migrate:up')");
        }
        String writtenUp = keep(written, inUp);
        String writtenDown = keep(written, inDown);
        // Without substitution, what runs is what is written: one string serves both (a large file is cut once).
        Script.Text up = new Script.Text(lines == written ? writtenUp : keep(lines, inUp),
                !(fileNoTransaction || upNoTransaction));
        String downSql = lines == written ? writtenDown : keep(lines, inDown);
        boolean downRuns = seenDown || markers.downOptional;
        boolean downEmpty = SqlSplitter.split(downSql).isEmpty();
        Script.Text down = !downRuns ? null : new Script.Text(downEmpty ? "" : downSql,
                !(fileNoTransaction || downNoTransaction));
        return new Sections(up, down, writtenUp, downEmpty ? "" : writtenDown);
    }

    /** The lines of one section, every other line left blank so that line numbers stay the file's. */
    private static String keep(String[] lines, boolean[] in) {
        int length = lines.length - 1;
        for (int i = 0; i < lines.length; i++) {
            length += in[i] ? lines[i].length() : 0;
        }
        // Sized up front: a section of a large file is not copied again each time the builder would grow.
        StringBuilder sql = new StringBuilder(length);
        for (int i = 0; i < lines.length; i++) {
            if (in[i]) {
                sql.append(lines[i]);
            }
            if (i < lines.length - 1) {
                sql.append('\n');
            }
        }
        return sql.toString();
    }
}
