package dev.migrate.internal.lint;

import dev.migrate.LintFinding.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static rules: what each statement locks and rewrites on PostgreSQL 13-18 (the server's version is known, for
 * the rules that depend on it), after squawk's and strong_migrations' catalogues and the PostgreSQL documentation
 * of ALTER TABLE and CREATE INDEX. Each rule's fix passes the rule itself.
 */
final class Rules {

    private static final String TABLE = "(?:only )?([\\w.\"]+)";
    /** An ALTER TABLE: the table as written, then the rest. */
    static final Pattern ALTER = Pattern.compile("^alter table (?:if exists )?" + TABLE + " (.*)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (?:unique )?index (?!concurrently)(?:if not exists )?(?:[\\w\"]+ )?on " + TABLE + ".*");
    private static final Pattern UPDATE = Pattern.compile("^update (?:only )?([\\w.\"]+) .*");
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "\\badd (?:column )?.*\\bdefault \\(?(?:random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|txid_current)\\s*\\(");

    private Rules() {
    }

    /** The table of an ALTER TABLE on a table the script did not create, or null. */
    private static String existingAltered(Checked s) {
        Matcher alter = ALTER.matcher(s.text());
        return alter.matches() && !s.isNew(alter.group(1)) ? alter.group(2) : null;
    }

    private static boolean altersExisting(Checked s, String pattern) {
        String action = existingAltered(s);
        return action != null && Pattern.compile(pattern).matcher(action).find();
    }

    static final List<Rule> ALL = List.of(
            new Rule("index-not-concurrent", Severity.ERROR,
                    s -> { Matcher m = CREATE_INDEX.matcher(s.text()); return m.matches() && !s.isNew(m.group(1)); },
                    "CREATE INDEX without CONCURRENTLY blocks every write to the table (SHARE lock) until the index "
                            + "is built.",
                    "CREATE INDEX CONCURRENTLY, in a migration of its own (it cannot run in a transaction)."),
            new Rule("drop-index-not-concurrent", Severity.WARNING,
                    s -> s.text().matches("^drop index (?!concurrently).*"),
                    "DROP INDEX takes ACCESS EXCLUSIVE on the table: reads and writes queue behind it.",
                    "DROP INDEX CONCURRENTLY, in a migration of its own."),
            new Rule("reindex-not-concurrent", Severity.ERROR,
                    s -> s.text().matches("^reindex (?!.*\\bconcurrently\\b).*"),
                    "REINDEX locks out writes to the table (and reads through the index) while it rebuilds.",
                    "REINDEX ... CONCURRENTLY, in a migration of its own."),
            new Rule("add-required-column", Severity.ERROR,
                    s -> altersExisting(s, "\\badd (?:column )?(?:if not exists )?[\\w\"]+ [^,]*\\bnot null\\b")
                            && !altersExisting(s, "\\bdefault\\b"),
                    "Adding a NOT NULL column without a default fails on a table that has rows.",
                    "Add it with a constant DEFAULT (no rewrite since PostgreSQL 11), or nullable, backfill, then "
                            + "SET NOT NULL as the set-not-null rule describes."),
            new Rule("volatile-default", Severity.ERROR,
                    s -> existingAltered(s) != null && VOLATILE_DEFAULT.matcher(s.text()).find(),
                    "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp()) "
                            + "rewrites the whole table under ACCESS EXCLUSIVE.",
                    "Add the column without a default (or with a constant one), then backfill it in batches."),
            new Rule("default-rewrites-before-11", Severity.ERROR,
                    s -> s.serverVersion() < 110000 && altersExisting(s, "\\badd (?:column )?.*\\bdefault\\b"),
                    "Before PostgreSQL 11, adding a column with any default rewrites the table under ACCESS EXCLUSIVE.",
                    "Add the column without a default, set the default in a second statement, then backfill."),
            new Rule("column-type-change", Severity.ERROR,
                    s -> altersExisting(s, "\\balter (?:column )?[\\w\"]+ (?:set data )?type\\b"),
                    "Changing a column's type rewrites the table (and its indexes) under ACCESS EXCLUSIVE, except "
                            + "for a few binary-compatible changes such as varchar(n) to text.",
                    "Add a new column, backfill it in batches, switch the application, then drop the old one."),
            new Rule("set-not-null", Severity.WARNING,
                    s -> altersExisting(s, "\\balter (?:column )?[\\w\"]+ set not null\\b"),
                    "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE.",
                    "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c (in another "
                            + "migration); then SET NOT NULL uses it without a scan (PostgreSQL 12+), and DROP CONSTRAINT c."),
            new Rule("foreign-key-not-valid", Severity.ERROR,
                    s -> (altersExisting(s, "\\bforeign key\\b") || altersExisting(s, "\\badd (?:column )?.*\\breferences\\b"))
                            && !s.text().contains(" not valid"),
                    "Adding a foreign key checks every row while it blocks writes to both tables (SHARE ROW EXCLUSIVE).",
                    "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then VALIDATE CONSTRAINT in another migration "
                            + "(it takes a lock that lets writes go on)."),
            new Rule("check-not-valid", Severity.ERROR,
                    s -> altersExisting(s, "\\badd (?:constraint [\\w\"]+ )?check\\b") && !s.text().contains(" not valid"),
                    "Adding a CHECK constraint scans the table under ACCESS EXCLUSIVE.",
                    "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in another migration."),
            new Rule("unique-without-index", Severity.ERROR,
                    s -> (altersExisting(s, "\\badd (?:constraint [\\w\"]+ )?(?:unique|primary key)\\b")
                            || altersExisting(s, "\\badd (?:column )?(?:if not exists )?[\\w\"]+ [^,]*\\b(?:unique|primary key)\\b"))
                            && !s.text().contains(" using index "),
                    "Adding a UNIQUE or PRIMARY KEY constraint (or a column declared with one) builds its index under "
                            + "ACCESS EXCLUSIVE.",
                    "CREATE UNIQUE INDEX CONCURRENTLY first (its own migration), then ADD CONSTRAINT ... UNIQUE USING "
                            + "INDEX (or PRIMARY KEY USING INDEX)."),
            new Rule("add-serial-column", Severity.ERROR,
                    s -> altersExisting(s, "\\badd (?:column )?(?:if not exists )?[\\w\"]+ (?:small|big)?serial\\b"),
                    "Adding a serial column fills every row from a sequence: a rewrite under ACCESS EXCLUSIVE.",
                    "Add a nullable bigint column with an identity or sequence default set afterwards, and backfill."),
            new Rule("rename", Severity.WARNING,
                    s -> altersExisting(s, "\\brename (?:column |constraint )?(?:[\\w\"]+ )?to\\b"),
                    "Renaming breaks the application instances still running with the old name during a deploy.",
                    "Add the new name, move the application, then remove the old one (expand, migrate, contract)."),
            new Rule("drop-column", Severity.WARNING,
                    s -> altersExisting(s, "\\bdrop (?:column )?(?!constraint|default|not null|identity|expression)"
                            + "(?:if exists )?[\\w\"]+"),
                    "Dropping a column breaks the application instances that still read or write it.",
                    "Stop using the column in a release first, then drop it in a later one."),
            new Rule("drop-table", Severity.WARNING,
                    s -> s.text().matches("^drop table .*"),
                    "Dropping a table breaks the application instances that still use it, and cannot be undone.",
                    "Stop using the table in a release first, then drop it in a later one."),
            new Rule("prefer-text-over-char", Severity.WARNING,
                    s -> s.text().matches(".*\\bchar(?:acter)?\\s*\\(\\d+\\).*"),
                    "char(n) pads with spaces and is no faster than text.",
                    "text (with a CHECK on length() if a limit matters)."),
            new Rule("prefer-timestamptz", Severity.WARNING,
                    s -> s.text().matches(".*\\btimestamp\\b(?! with time zone)(?!tz).*")
                            && s.text().matches("^(create table|alter table) .*"),
                    "timestamp without time zone stores local times that mean different instants across zones.",
                    "timestamptz."),
            new Rule("prefer-bigint-keys", Severity.WARNING,
                    s -> s.text().matches(".*\\b(?:smallint|int2|smallserial|int|integer|int4|serial|serial4)\\b"
                            + "(?: generated \\w+ as identity)?(?: not null)? primary key.*"),
                    "A 16- or 32-bit key runs out (at 32,767 or 2,147,483,647 rows), and widening it later rewrites "
                            + "the table.",
                    "bigint (bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)."),
            new Rule("vacuum-full", Severity.ERROR,
                    s -> s.text().matches("^vacuum (?:\\(.*\\bfull\\b.*\\)|.*\\bfull\\b).*"),
                    "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.",
                    "Plain VACUUM (or pg_repack) outside migrations."),
            new Rule("cluster", Severity.ERROR,
                    s -> s.text().matches("^cluster\\b.*"),
                    "CLUSTER rewrites the table under ACCESS EXCLUSIVE.",
                    "Leave physical ordering to pg_repack outside migrations."),
            new Rule("lock-table", Severity.WARNING,
                    s -> s.text().matches("^lock (?:table )?.*"),
                    "An explicit LOCK holds the table for the rest of the migration's transaction.",
                    "Keep the migration small and rely on the locks its statements take."),
            new Rule("drop-database", Severity.ERROR,
                    s -> s.text().matches("^drop database\\b.*"),
                    "Dropping a database from a migration destroys everything in it and cannot be undone.",
                    "Do it by hand, deliberately, outside migrations."),
            new Rule("drop-not-null", Severity.WARNING,
                    s -> altersExisting(s, "\\balter (?:column )?[\\w\"]+ drop not null\\b"),
                    "Dropping NOT NULL lets new code write nulls that the instances still running do not expect.",
                    "Move every reader to cope with nulls in a release first, then drop the constraint."),
            new Rule("prefer-text-over-varchar", Severity.WARNING,
                    s -> s.text().matches("^(create table|alter table) .*\\b(?:varchar|character varying)\\s*\\(\\d+\\).*"),
                    "varchar(n) limits are changed later with a type change, which locks the table.",
                    "text, with a CHECK (length(col) <= n) NOT VALID constraint when a limit matters."),
            new Rule("prefer-identity", Severity.WARNING,
                    s -> s.text().matches("^create table .*\\b(?:small|big)?serial\\b.*"),
                    "serial columns own a sequence with loose permissions and ownership, which identity columns fix.",
                    "bigint GENERATED ALWAYS AS IDENTITY."),
            new Rule("truncate-cascade", Severity.ERROR,
                    s -> s.text().matches("^truncate .*\\bcascade\\b.*"),
                    "TRUNCATE ... CASCADE empties every table that references this one, whatever it holds.",
                    "TRUNCATE the tables you mean, by name."),
            new Rule("domain-with-constraint", Severity.WARNING,
                    s -> s.text().matches("^(create domain .*\\b(?:check|not null)\\b.*|alter domain .* add constraint\\b.*)"),
                    "A domain's constraint is checked against every column of the domain under heavy locks when it "
                            + "is added, and cannot be made NOT VALID per table.",
                    "Put CHECK constraints on the tables (NOT VALID, then VALIDATE)."),
            new Rule("enum-value-in-transaction", Severity.ERROR,
                    s -> s.serverVersion() < 120000 && s.transactional()
                            && s.text().matches("^alter type .* add value\\b.*"),
                    "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block.",
                    "Run it in a no-transaction migration of its own."),
            new Rule("stored-generated-column", Severity.ERROR,
                    s -> altersExisting(s, "\\badd (?:column )?.*\\bgenerated always as\\b.*\\bstored\\b"),
                    "Adding a stored generated column computes it for every row: a rewrite under ACCESS EXCLUSIVE.",
                    "Add a plain nullable column, backfill it in batches, and keep it current with a trigger (or "
                            + "compute the value in a view or the query)."),
            new Rule("exclusion-constraint", Severity.ERROR,
                    s -> altersExisting(s, "\\badd (?:constraint [\\w\"]+ )?exclude\\b"),
                    "Adding an EXCLUDE constraint builds its index and checks every row under ACCESS EXCLUSIVE, and "
                            + "it cannot be added NOT VALID.",
                    "Declare it when the table is created; on a table in use, build a new table with it and move "
                            + "the rows over."),
            new Rule("table-rewrite-setting", Severity.ERROR,
                    s -> altersExisting(s, "\\bset (?:logged|unlogged|tablespace|access method)\\b"),
                    "SET LOGGED, SET UNLOGGED, SET TABLESPACE and SET ACCESS METHOD rewrite the table under ACCESS "
                            + "EXCLUSIVE.",
                    "Do it in a maintenance window outside migrations, or with pg_repack."),
            new Rule("refresh-not-concurrent", Severity.WARNING,
                    s -> s.text().matches("^refresh materialized view (?!concurrently).*"),
                    "REFRESH MATERIALIZED VIEW takes ACCESS EXCLUSIVE on the view: its readers wait until it is "
                            + "rebuilt.",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view)."),
            new Rule("prefer-jsonb", Severity.WARNING,
                    s -> s.text().matches("^(create table|alter table) .*\\bjson\\b.*"),
                    "json stores the text as written: no equality operator (DISTINCT, UNION and GROUP BY fail on "
                            + "it), no GIN index, and every read parses it again.",
                    "jsonb."),
            new Rule("backfill-with-ddl", Severity.WARNING,
                    s -> {
                        Matcher update = UPDATE.matcher(s.text());
                        return s.transactional() && update.matches() && s.wasAltered(update.group(1));
                    },
                    "Updating rows in the transaction that altered the table keeps the ALTER's ACCESS EXCLUSIVE lock "
                            + "until every row is written: the application's reads and writes wait all that time.",
                    "Backfill in a migration of its own, after the one that alters the table (without a "
                            + "transaction, in batches on a large table)."));
}
