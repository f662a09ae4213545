package dev.migrate.internal.source;

import dev.migrate.Version;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A file name read as Flyway reads it (its {@code ResourceNameParser}): the {@code .sql} suffix in any case, then
 * the longest prefix that matches, case-sensitively: a callback event ({@code afterMigrate}), {@code V}
 * (versioned), {@code U} (undo) or {@code R} (repeatable). What comes before the first {@code __} is the version,
 * underscores read as dots; what comes after is the description, underscores read as spaces. A name that fits
 * none of these is not a migration: Flyway skips it, and so does migrate (with a warning).
 *
 * @param problem why the name is not a migration's, or {@code null}
 */
public record FlywayName(Kind kind, String prefix, Version version, String description, String problem) {

    public enum Kind { VERSIONED, UNDO, BASELINE, REPEATABLE, CALLBACK, NONE }

    static final String SEPARATOR = "__";
    static final String SUFFIX = ".sql";

    /** Flyway's callback events, as file names start with them. */
    static final List<String> EVENTS = List.of("beforeClean", "afterClean", "afterCleanError", "beforeMigrate",
            "beforeEachMigrate", "beforeEachMigrateStatement", "afterEachMigrateStatement",
            "afterEachMigrateStatementError", "afterEachMigrate", "afterEachMigrateError", "beforeRepeatables",
            "afterVersioned", "afterMigrateApplied", "afterMigrate", "afterMigrateError", "beforeUndo",
            "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement", "afterEachUndoStatementError",
            "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError", "beforeValidate", "afterValidate",
            "afterValidateError", "beforeBaseline", "afterBaseline", "afterBaselineError", "beforeRepair",
            "afterRepair", "afterRepairError", "beforeInfo", "afterInfo", "afterInfoError",
            "afterMigrateOperationFinish", "afterInfoOperationFinish", "afterCleanOperationFinish",
            "afterValidateOperationFinish", "afterUndoOperationFinish", "afterRepairOperationFinish",
            "afterBaselineOperationFinish", "afterReportGenerated", "createSchema", "beforeCreateSchema",
            "beforeConnect", "afterConnect");

    /** Every prefix, longest first, so that beforeEachMigrate is not read as beforeEach... of something shorter. */
    private static final List<String> PREFIXES = Stream.concat(EVENTS.stream(), Stream.of("V", "U", "B", "R"))
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    /** Whether Flyway would look at this file at all: its name ends in {@code .sql}, in any case. */
    static boolean isCandidate(String fileName) {
        return fileName.toUpperCase(Locale.ROOT).endsWith(SUFFIX.toUpperCase(Locale.ROOT));
    }

    static FlywayName parse(String fileName) {
        return ofName(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }

    /** A name without its suffix, such as a Java migration's class name, read by the same rule. */
    public static FlywayName ofName(String name) {
        String prefix = PREFIXES.stream().filter(name::startsWith).findFirst().orElse(null);
        if (prefix == null) {
            return none("it starts with none of Flyway's prefixes (V, U, B, R, or a callback event such as afterMigrate)");
        }
        String rest = name.substring(prefix.length());
        int separator = rest.indexOf(SEPARATOR);
        String before = separator < 0 ? rest : rest.substring(0, separator);
        String description = (separator < 0 ? "" : rest.substring(separator + SEPARATOR.length())).replace('_', ' ');
        Kind kind = switch (prefix) {
            case "V" -> Kind.VERSIONED;
            case "U" -> Kind.UNDO;
            case "B" -> Kind.BASELINE;
            case "R" -> Kind.REPEATABLE;
            default -> Kind.CALLBACK;
        };
        if (kind == Kind.REPEATABLE || kind == Kind.CALLBACK) {
            return before.isEmpty() ? new FlywayName(kind, prefix, null, description, null)
                    : none("a repeatable migration or callback has no version (" + prefix + SEPARATOR + "description"
                            + SUFFIX + ")");
        }
        if (before.isEmpty()) {
            return none("it has no version (" + prefix + "1.2" + SEPARATOR + "description" + SUFFIX + ")");
        }
        try {
            return new FlywayName(kind, prefix, Version.parse(before.replace('_', '.')), description, null);
        } catch (IllegalArgumentException e) {
            return none("Flyway cannot read its version '" + before + "' (digits, separated by dots or underscores)");
        }
    }

    private static FlywayName none(String problem) {
        return new FlywayName(Kind.NONE, null, null, null, problem);
    }
}
