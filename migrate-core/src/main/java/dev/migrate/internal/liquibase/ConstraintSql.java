package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.List;

/** Foreign keys, indexes, sequences and auto-increments as Liquibase 4.33.0 writes them for PostgreSQL. */
final class ConstraintSql {

    private ConstraintSql() {
    }

    static String foreignKey(ChangelogNode change) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(SqlNames.qualified(change, "baseTableSchemaName",
                "baseTableName")).append(" ADD CONSTRAINT ").append(ChangeSql.name(change, "constraintName"))
                .append(" FOREIGN KEY (").append(SqlNames.list(change.attribute("baseColumnNames").orElse("")))
                .append(") REFERENCES ").append(SqlNames.qualified(change, "referencedTableSchemaName",
                        "referencedTableName")).append(" (").append(SqlNames.list(change.attribute(
                                "referencedColumnNames").orElse(""))).append(')');
        change.attribute("onUpdate").ifPresent(rule -> sql.append(" ON UPDATE ").append(rule.trim()));
        change.attribute("onDelete").ifPresent(rule -> sql.append(" ON DELETE ").append(rule.trim()));
        if (change.flag("deferrable", false)) {
            sql.append(" DEFERRABLE");
        }
        if (change.flag("initiallyDeferred", false)) {
            sql.append(" INITIALLY DEFERRED");
        }
        return sql.toString();
    }

    static String createIndex(ChangelogNode change, String table) {
        List<String> columns = new ArrayList<>();
        for (ChangelogNode column : change.children("column")) {
            String name = column.flag("computed", false) ? column.attribute("name").orElse("")
                    : SqlNames.name(column.attribute("name").orElse(""));
            columns.add(name + (column.flag("descending", false) ? " DESC" : ""));
        }
        return "CREATE " + (change.flag("unique", false) ? "UNIQUE " : "") + "INDEX "
                + ChangeSql.name(change, "indexName") + " ON " + table + "(" + String.join(", ", columns) + ")";
    }

    /**
     * A sequence named {@code <table>_<column>_seq} (in the table's schema), the column made {@code NOT NULL} with
     * the sequence's next value as its default, and the sequence owned by the column: Liquibase's way on PostgreSQL.
     */
    static List<String> addAutoIncrement(ChangelogNode change, String table) {
        String column = ChangeSql.name(change, "columnName");
        String sequence = SqlNames.name(change.attribute("tableName").orElse("") + "_"
                + change.attribute("columnName").orElse("") + "_seq");
        String qualified = change.attribute("schemaName").filter(s -> !s.isBlank()).map(s -> SqlNames.name(s) + "."
                + sequence).orElse(sequence);
        StringBuilder create = new StringBuilder("CREATE SEQUENCE  IF NOT EXISTS ").append(qualified);
        change.attribute("startWith").ifPresent(value -> create.append(" START WITH ").append(value.trim()));
        change.attribute("incrementBy").ifPresent(value -> create.append(" INCREMENT BY ").append(value.trim()));
        return List.of(create.toString(), "ALTER TABLE " + table + " ALTER COLUMN  " + column + " SET NOT NULL",
                "ALTER TABLE " + table + " ALTER COLUMN  " + column + " SET DEFAULT nextval('" + qualified + "')",
                "ALTER SEQUENCE " + qualified + " OWNED BY " + table + "." + column);
    }

    /**
     * Every foreign key of the base table dropped. Liquibase finds them in a snapshot of the database when it
     * generates its SQL; here the one statement finds them on the server when it runs, so that what is dropped is
     * what is there at that moment, in the changeset's transaction.
     */
    static String dropAllForeignKeys(ChangelogNode change) {
        String table = SqlNames.qualified(change, "baseTableSchemaName", "baseTableName");
        return "DO $migrate$ DECLARE fk record; BEGIN FOR fk IN SELECT conname FROM pg_catalog.pg_constraint WHERE "
                + "contype = 'f' AND conrelid = " + SqlNames.literal(table) + "::regclass LOOP EXECUTE "
                + "format('ALTER TABLE %s DROP CONSTRAINT %I', " + SqlNames.literal(table) + ", fk.conname); END LOOP; "
                + "END $migrate$";
    }

    static String createSequence(ChangelogNode change) {
        StringBuilder sql = new StringBuilder("CREATE SEQUENCE  IF NOT EXISTS ").append(SqlNames.qualified(change,
                "schemaName", "sequenceName"));
        change.attribute("dataType").ifPresent(type -> sql.append(" AS ").append(type.trim()));
        options(change, sql, "START WITH ");
        return sql.toString();
    }

    static String alterSequence(ChangelogNode change) {
        StringBuilder sql = new StringBuilder("ALTER SEQUENCE ").append(SqlNames.qualified(change, "schemaName",
                "sequenceName"));
        options(change, sql, "RESTART WITH ");
        return sql.toString();
    }

    private static void options(ChangelogNode change, StringBuilder sql, String start) {
        change.attribute("startValue").ifPresent(value -> sql.append(' ').append(start).append(value.trim()));
        change.attribute("incrementBy").ifPresent(value -> sql.append(" INCREMENT BY ").append(value.trim()));
        change.attribute("minValue").ifPresent(value -> sql.append(" MINVALUE ").append(value.trim()));
        change.attribute("maxValue").ifPresent(value -> sql.append(" MAXVALUE ").append(value.trim()));
        change.attribute("cacheSize").ifPresent(value -> sql.append(" CACHE ").append(value.trim()));
        if (change.flag("cycle", false)) {
            sql.append(" CYCLE");
        }
    }
}
