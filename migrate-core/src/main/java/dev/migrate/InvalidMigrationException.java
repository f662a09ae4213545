package dev.migrate;

import java.util.List;

/** A migration location or file is unusable: missing folder, duplicate version, bad name, unreadable text. */
public final class InvalidMigrationException extends MigrateException {

    private final List<String> files;

    private InvalidMigrationException(String message, List<String> files, Throwable cause) {
        super(message, cause);
        this.files = List.copyOf(files);
    }

    /** The files or locations at fault, as users name them. */
    public List<String> files() {
        return files;
    }

    public static InvalidMigrationException locationNotFound(String location) {
        return new InvalidMigrationException("Migration location " + location + " does not exist. Create it, or "
                + "point the locations at the folder that holds the migrations.", List.of(location), null);
    }

    public static InvalidMigrationException locationNotAFolder(String location) {
        return new InvalidMigrationException("Migration location " + location + " is a file, not a folder. Point the "
                + "locations at the folder that holds the migrations.", List.of(location), null);
    }

    public static InvalidMigrationException duplicateVersion(Version version, List<String> files) {
        return new InvalidMigrationException("Version " + version + " is used by more than one migration: "
                + String.join(", ", files) + ". Give each migration its own version (rename one of them).",
                files, null);
    }

    /**
     * Several problems told at once: a folder that cannot run as it is, every offending file named with what to do.
     * One problem is returned as it is.
     */
    public static InvalidMigrationException all(List<? extends MigrateException> problems) {
        if (problems.size() == 1 && problems.get(0) instanceof InvalidMigrationException only) {
            return only;
        }
        List<String> files = new java.util.ArrayList<>();
        StringBuilder message = new StringBuilder(problems.size() + " problems stop these migrations; nothing was run. "
                + "Fix each as it says, then run again:");
        for (MigrateException problem : problems) {
            message.append("\n  - ").append(problem.getMessage());
            if (problem instanceof InvalidMigrationException invalid) {
                files.addAll(invalid.files());
            }
        }
        return new InvalidMigrationException(message.toString(), files, null);
    }

    /** A plugged-in source listed {@code after} after {@code before} although its version is not higher. */
    public static InvalidMigrationException sourceOutOfOrder(String source, String before, String after,
            List<String> files) {
        return new InvalidMigrationException("Migration source " + source + " listed migration " + after
                + " after " + before + ". A MigrationSource must list migrations in ascending version "
                + "order; sort them in its load() method. Nothing was run.", files, null);
    }

    public static InvalidMigrationException downWithoutUp(String file) {
        return new InvalidMigrationException("Down migration " + file + " has no matching up migration. Add the "
                + ".up.sql file with the same version, or remove the down file.", List.of(file), null);
    }

    public static InvalidMigrationException badName(String file, String reason) {
        return badName(file, reason, "golang-migrate");
    }

    /** A file name that does not follow {@code layout}'s naming rule, told in that tool's words. */
    public static InvalidMigrationException badName(String file, String reason, String layout) {
        String rule = switch (layout) {
            case "sql-migrate" -> "Name sql-migrate migrations {version}_{description}.sql or {version}.sql, e.g. "
                    + "1_create_users.sql";
            case "goose" -> "Name goose migrations {version}_{description}.sql, e.g. 00001_create_users.sql";
            case "dbmate" -> "Name dbmate migrations {version}_{description}.sql, e.g. 20151129054053_create_users.sql";
            case "diesel" -> "Name diesel migration folders {version}_{name} holding up.sql and down.sql, e.g. "
                    + "2017-09-23-182408_create_users or 2025-06-03-120000-0000_create_users";
            default -> "Name migrations {version}_{description}.up.sql and .down.sql (golang-migrate) or "
                    + "{version}_{description}.sql (up only), e.g. 000001_create_users.up.sql";
        };
        return new InvalidMigrationException("Cannot read a version from " + file + ": " + reason + ". " + rule
                + "; move other .sql files out of the migration folder.", List.of(file), null);
    }

    /** Scripts that use the history table's name for a table of their own, where the history cannot move aside. */
    public static InvalidMigrationException touchesHistoryTable(List<String> files, String table,
            java.util.Optional<String> alternate) {
        String fix = alternate.map(other -> "Move migrate's history out of the way, once: ALTER TABLE " + table
                + " RENAME TO " + other.substring(other.lastIndexOf('.') + 1) + "; migrate finds it there from then on.")
                .orElse("Give migrate's history table another name (-table, database.migrations.table), moving the "
                        + "table to it first: ALTER TABLE " + table + " RENAME TO <new name>.");
        return new InvalidMigrationException("Migration " + String.join(", ", files) + " uses a table named " + table
                + ", which is where migrate keeps its history here. Nothing was run. " + fix, files, null);
    }

    /** goose's Go migrations, which migrate cannot run. */
    public static InvalidMigrationException goMigrations(List<String> files) {
        return new InvalidMigrationException("This goose folder has Go migrations, which only goose itself can run: "
                + String.join(", ", files) + ". Nothing was run. Rewrite each as an SQL migration of the same version "
                + "({version}_{name}.sql with '-- +goose Up' and '-- +goose Down' sections), or keep running this "
                + "folder with goose.", files, null);
    }

    public static InvalidMigrationException mixedLayouts(String location, String layout, String file,
            String otherLayout, String otherFile) {
        return new InvalidMigrationException("Migration location " + location + " mixes two layouts: " + file + " is "
                + layout + ", but " + otherFile + " is " + otherLayout + ". Keep one tool's files per folder, or name the "
                + "layout to use.", List.of(file, otherFile), null);
    }

    /**
     * A location holds SQL files, but no migration, repeatable migration or callback was read from any of them: a
     * run that said "up to date" would hide that nothing of the folder is run.
     *
     * @param looksLike what the files look like, as a clause: "laid out as Prisma Migrate lays out its migrations"
     */
    public static InvalidMigrationException noMigrationsRead(String location, int sqlFiles, List<String> sample,
            String looksLike) {
        return new InvalidMigrationException("No migration was read from " + location + ", although it holds "
                + sqlFiles + " .sql file" + (sqlFiles == 1 ? "" : "s") + " (" + String.join(", ", sample)
                + (sqlFiles > sample.size() ? ", ..." : "") + "): they are " + looksLike + ". migrate reads the "
                + "layouts of golang-migrate, SQLx, Atlas, diesel, goose, sql-migrate, dbmate and Flyway (see "
                + "docs/moving-from.md). Nothing was run. Point -path at the folder of the migrations themselves, or "
                + "name their layout (-layout).", sample, null);
    }

    /** A script is empty, and the folder's tool refuses to run an empty one; so does migrate, before anything runs. */
    public static InvalidMigrationException emptyScript(String migration, String file, String toolsRule) {
        return new InvalidMigrationException("Migration " + migration + " cannot run: " + file + " is empty, and "
                + toolsRule + ". migrate refuses it too, rather than report it done with nothing run. Nothing was run. "
                + "Write its SQL, or a comment such as '-- nothing to undo' to make it a deliberate no-op.",
                List.of(file), null);
    }

    public static InvalidMigrationException badFile(String file, String problem) {
        return new InvalidMigrationException("Migration " + file + " " + problem, List.of(file), null);
    }

    /** A Liquibase changelog that cannot be used as it is: {@code problem} says why and what to do. */
    public static InvalidMigrationException changelog(String file, String problem) {
        return new InvalidMigrationException("Liquibase changelog " + file + " " + problem, List.of(file), null);
    }

    /**
     * A line of a Liquibase changelog that Liquibase would refuse too.
     *
     * @param problem what is wrong, in Liquibase's terms: "is not a changeset line Liquibase reads; write it as
     *     '--changeset <author>:<id>'"
     */
    public static InvalidMigrationException changelogLine(String file, int line, String problem) {
        return new InvalidMigrationException("Liquibase changelog " + file + (line > 0 ? ", line " + line : "") + ": "
                + problem + ". Nothing was run.", List.of(file), null);
    }

    public static InvalidMigrationException atlasSum(String sumFile, String file, String problem) {
        return new InvalidMigrationException(sumFile + " does not match the migration files: " + file + " " + problem
                + ". Restore the file as Atlas hashed it, or, if the change is intended, run 'atlas migrate hash' to "
                + "record it. Nothing was run.", List.of(sumFile, file), null);
    }

    /** @param problem where and what: "line 3 has the byte 0xE9, which UTF-8 does not allow there" */
    public static InvalidMigrationException notUtf8(String file, String problem) {
        return new InvalidMigrationException("Migration " + file + " is not valid UTF-8: " + problem
                + ". Save it as UTF-8.", List.of(file), null);
    }

    public static InvalidMigrationException nulByte(String file, int line) {
        return new InvalidMigrationException("Migration " + file + " has a NUL byte on line " + line + ", which "
                + "PostgreSQL does not accept in SQL text. Remove it (a file saved as UTF-16 has one in every "
                + "character: save it as UTF-8).", List.of(file), null);
    }

    /** A file that must run statement by statement cannot be split: {@code what} is never closed. */
    public static InvalidMigrationException unterminated(String file, String what) {
        return new InvalidMigrationException("Migration " + file + " cannot be split into statements: " + what
                + " is never closed, so the server would read the rest of the file as part of it. Close it (a "
                + "missing quote, or a $$ that has no partner?). Nothing was run.", List.of(file), null);
    }

    /**
     * A script meant to run in the migration's transaction ends that transaction itself.
     *
     * @param marker how the file's layout marks a file to run without a transaction, as an instruction
     */
    public static InvalidMigrationException endsOwnTransaction(String migration, String file, int line,
            String statement, String marker) {
        return new InvalidMigrationException("Migration " + migration + " ends its transaction itself, at line "
                + line + " of " + file + " ('" + statement + "'): a migration that runs in a transaction is recorded "
                + "in that same transaction, and a script that commits or rolls back part-way cannot be. Nothing was "
                + "run. Remove the statement (a whole file wrapped in one BEGIN; ... COMMIT; is fine), or, to run "
                + "the file as written, " + marker + ".", List.of(file), null);
    }

    /** A placeholder a script to run uses, with no value given. */
    public static InvalidMigrationException undefinedPlaceholder(String file, int line, String placeholder,
            String name) {
        return new InvalidMigrationException(file + " uses the placeholder " + placeholder + " at line " + line
                + ", which has no value (Flyway: 'No value provided for placeholder'). Nothing was run. Give it one: "
                + "database.migrations.placeholders." + name + " (Spring), -placeholder " + name + "=... (CLI) or "
                + "MigratorBuilder.placeholders(...); or, if the text is not meant as a placeholder, put "
                + "placeholderReplacement=false in " + file + ".conf.", List.of(file), null);
    }

    /** A Flyway script mixing statements PostgreSQL refuses in a transaction block with others, as Flyway refuses it. */
    public static InvalidMigrationException mixedStatements(String file, int outsideLine, String outside,
            int insideLine) {
        return new InvalidMigrationException(file + " mixes a statement that cannot run in a transaction (line "
                + outsideLine + ": '" + firstLine(outside) + "') with statements that can (line " + insideLine
                + "), which Flyway refuses: 'Detected both transactional and non-transactional statements within the "
                + "same migration'. Nothing was run. Move the statement into a migration of its own, or put "
                + "executeInTransaction=false in " + file + ".conf to run the whole file without a transaction.",
                List.of(file), null);
    }

    private static String firstLine(String statement) {
        String stripped = statement.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
    }

    /** A script read again during a run no longer has the checksum it had when the run first read it. */
    public static InvalidMigrationException changedWhileRunning(String file, String first, String now) {
        return new InvalidMigrationException("Migration " + file + " changed while migrate was running: its checksum "
                + "was " + first + " when the run first read it and is " + now + " now. Nothing of it was run, so "
                + "that the history never records one text while another ran. Leave the migration files alone while "
                + "a run is under way (a checkout, a build or an editor saving into the folder?), check the change, "
                + "and run the migrations again.", List.of(file), null);
    }

    /** A migration's name on something that is not a regular file: a named pipe would block its reader forever. */
    public static InvalidMigrationException notAFile(String file) {
        return new InvalidMigrationException("Migration " + file + " is not a regular file (a named pipe, a socket or "
                + "a device), so migrate does not read it: reading a pipe waits for a writer that may never come. "
                + "Nothing was run. Move it out of the migration folder, or replace it with the file itself.",
                List.of(file), null);
    }

    public static InvalidMigrationException unreadable(String file, Exception cause) {
        return new InvalidMigrationException("Cannot read migration " + file + ": " + cause.getMessage()
                + ". Check that the file exists and is readable.", List.of(file), cause);
    }
}
