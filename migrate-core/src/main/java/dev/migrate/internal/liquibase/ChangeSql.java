package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL Liquibase 4.33.0 generates for PostgreSQL from a change of an XML, YAML or JSON changelog, statement by
 * statement, for the change types read here (their rules taken from Liquibase's generators, and tested against
 * them); {@code null} for a type that is not, which the changelog reader refuses before anything runs.
 */
final class ChangeSql {

    private ChangeSql() {
    }

    static List<String> of(ChangelogNode change) {
        String table = SqlNames.qualified(change, "schemaName", "tableName");
        return switch (change.name()) {
            case "createTable" -> TableSql.createTable(change, table);
            case "addColumn" -> TableSql.addColumn(change, table);
            case "dropTable" -> List.of("DROP TABLE " + table + (change.flag("cascadeConstraints", false) ? " CASCADE"
                    : ""));
            case "renameTable" -> List.of("ALTER TABLE " + SqlNames.qualified(change, "schemaName", "oldTableName")
                    + " RENAME TO " + SqlNames.name(change.attribute("newTableName").orElse("")));
            case "dropColumn" -> change.children("column").isEmpty()
                    ? List.of("ALTER TABLE " + table + " DROP COLUMN " + name(change, "columnName"))
                    : change.children("column").stream().map(c -> "ALTER TABLE " + table + " DROP COLUMN "
                            + name(c, "name")).toList();
            case "renameColumn" -> List.of("ALTER TABLE " + table + " RENAME COLUMN " + name(change, "oldColumnName")
                    + " TO " + name(change, "newColumnName"));
            case "modifyDataType" -> {
                String type = PostgresTypes.of(change.attribute("newDataType").orElse(""));
                String column = name(change, "columnName");
                yield List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + type + " USING ("
                        + column + "::" + type + ")");
            }
            case "addNotNullConstraint" -> {
                List<String> sql = new ArrayList<>();
                change.attribute("defaultNullValue").ifPresent(value -> sql.add("UPDATE " + table + " SET "
                        + name(change, "columnName") + " = " + SqlNames.literal(value) + " WHERE "
                        + name(change, "columnName") + " IS NULL"));
                sql.add("ALTER TABLE " + table + " ALTER COLUMN  " + name(change, "columnName") + " SET NOT NULL");
                yield sql;
            }
            case "dropNotNullConstraint" -> List.of("ALTER TABLE " + table + " ALTER COLUMN  "
                    + name(change, "columnName") + " DROP NOT NULL");
            case "addDefaultValue" -> List.of("ALTER TABLE " + table + " ALTER COLUMN  " + name(change, "columnName")
                    + " SET DEFAULT " + ColumnSql.defaultValue(change, PostgresTypes.of(change.attribute(
                            "columnDataType").orElse("varchar"))).orElse("NULL"));
            case "dropDefaultValue" -> List.of("ALTER TABLE " + table + " ALTER COLUMN " + name(change, "columnName")
                    + " DROP DEFAULT");
            case "addPrimaryKey" -> List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + constraintName(change,
                    table) + " PRIMARY KEY (" + SqlNames.list(change.attribute("columnNames").orElse("")) + ")");
            case "dropPrimaryKey", "dropUniqueConstraint" -> List.of("ALTER TABLE " + table + " DROP CONSTRAINT "
                    + name(change, "constraintName"));
            case "addUniqueConstraint" -> List.of("ALTER TABLE " + table + " ADD CONSTRAINT "
                    + name(change, "constraintName") + " UNIQUE (" + SqlNames.list(change.attribute("columnNames")
                            .orElse("")) + ")");
            case "addForeignKeyConstraint" -> List.of(ConstraintSql.foreignKey(change));
            case "dropForeignKeyConstraint" -> List.of("ALTER TABLE " + SqlNames.qualified(change,
                    "baseTableSchemaName", "baseTableName") + " DROP CONSTRAINT " + name(change, "constraintName"));
            case "createIndex" -> List.of(ConstraintSql.createIndex(change, table));
            case "dropIndex" -> List.of("DROP INDEX " + SqlNames.qualified(change, "schemaName", "indexName"));
            case "createSequence" -> List.of(ConstraintSql.createSequence(change));
            case "alterSequence" -> List.of(ConstraintSql.alterSequence(change));
            case "dropSequence" -> List.of("DROP SEQUENCE " + SqlNames.qualified(change, "schemaName",
                    "sequenceName") + " CASCADE");
            case "createView" -> List.of("CREATE " + (change.flag("replaceIfExists", false) ? "OR REPLACE " : "")
                    + "VIEW " + SqlNames.qualified(change, "schemaName", "viewName") + " AS " + change.text());
            case "renameView" -> List.of("ALTER TABLE " + SqlNames.qualified(change, "schemaName", "oldViewName")
                    + " RENAME TO " + SqlNames.name(change.attribute("newViewName").orElse("")));
            case "dropView" -> List.of("DROP VIEW " + SqlNames.qualified(change, "schemaName", "viewName"));
            case "insert" -> List.of(DataSql.insert(change, table));
            case "update" -> List.of(DataSql.update(change, table));
            case "delete" -> List.of("DELETE FROM " + table + DataSql.where(change));
            case "setTableRemarks" -> List.of("COMMENT ON TABLE " + table + " IS " + SqlNames.literal(change
                    .attribute("remarks").orElse("")));
            case "setColumnRemarks" -> List.of("COMMENT ON COLUMN " + table + "." + name(change, "columnName")
                    + " IS " + SqlNames.literal(change.attribute("remarks").orElse("")));
            case "createProcedure" -> List.of(change.text());
            case "addAutoIncrement" -> ConstraintSql.addAutoIncrement(change, table);
            case "dropAllForeignKeyConstraints" -> List.of(ConstraintSql.dropAllForeignKeys(change));
            case "sql" -> sql(change.text(), change.attribute("endDelimiter"), change.flag("splitStatements", true));
            case "tagDatabase", "output", "empty" -> List.of();
            default -> null;
        };
    }

    /** The SQL that undoes {@code change}, as Liquibase's automatic rollback makes it; empty when it has none. */
    static Optional<List<String>> inverse(ChangelogNode change) {
        String table = SqlNames.qualified(change, "schemaName", "tableName");
        return Optional.ofNullable(switch (change.name()) {
            case "createTable" -> List.of("DROP TABLE " + table);
            case "addColumn" -> change.children("column").stream().map(c -> "ALTER TABLE " + table + " DROP COLUMN "
                    + name(c, "name")).toList();
            case "renameTable" -> List.of("ALTER TABLE " + SqlNames.qualified(change, "schemaName", "newTableName")
                    + " RENAME TO " + SqlNames.name(change.attribute("oldTableName").orElse("")));
            case "renameColumn" -> List.of("ALTER TABLE " + table + " RENAME COLUMN " + name(change, "newColumnName")
                    + " TO " + name(change, "oldColumnName"));
            case "addNotNullConstraint" -> List.of("ALTER TABLE " + table + " ALTER COLUMN  "
                    + name(change, "columnName") + " DROP NOT NULL");
            case "addDefaultValue" -> List.of("ALTER TABLE " + table + " ALTER COLUMN " + name(change, "columnName")
                    + " DROP DEFAULT");
            case "addPrimaryKey" -> List.of("ALTER TABLE " + table + " DROP CONSTRAINT " + constraintName(change,
                    table));
            case "addUniqueConstraint" -> List.of("ALTER TABLE " + table + " DROP CONSTRAINT "
                    + name(change, "constraintName"));
            case "addForeignKeyConstraint" -> List.of("ALTER TABLE " + SqlNames.qualified(change,
                    "baseTableSchemaName", "baseTableName") + " DROP CONSTRAINT " + name(change, "constraintName"));
            case "createIndex" -> List.of("DROP INDEX " + SqlNames.qualified(change, "schemaName", "indexName"));
            case "createSequence" -> List.of("DROP SEQUENCE " + SqlNames.qualified(change, "schemaName",
                    "sequenceName") + " CASCADE");
            case "createView" -> List.of("DROP VIEW " + SqlNames.qualified(change, "schemaName", "viewName"));
            case "renameView" -> List.of("ALTER TABLE " + SqlNames.qualified(change, "schemaName", "newViewName")
                    + " RENAME TO " + SqlNames.name(change.attribute("oldViewName").orElse("")));
            case "tagDatabase", "output", "empty" -> List.of();
            default -> null;
        });
    }

    /**
     * An SQL change's statements: split as the server would split them (Liquibase's own splitter agrees on every
     * script it can run), or at each line ending with its {@code endDelimiter}, or whole when it is not split.
     */
    static List<String> sql(String text, Optional<String> endDelimiter, boolean split) {
        String delimiter = endDelimiter.map(String::strip).filter(d -> !d.isEmpty() && !d.equals(";")).orElse(null);
        if (!split) {
            return text.isBlank() ? List.of() : List.of(text.strip());
        }
        if (delimiter != null) {
            return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(delimiter) + "[ \\t]*(\\r?\\n|$)",
                    java.util.regex.Pattern.CASE_INSENSITIVE).splitAsStream(text).map(String::strip)
                    .filter(sql -> !sql.isEmpty()).toList();
        }
        return dev.migrate.internal.sql.SqlSplitter.split(text).stream().map(s -> s.sql().strip())
                .filter(sql -> !sql.isEmpty()).toList();
    }

    static String name(ChangelogNode change, String attribute) {
        return SqlNames.name(change.attribute(attribute).orElse(""));
    }

    /** The primary key's name: as given, else PostgreSQL's {@code <table>_pkey}. */
    private static String constraintName(ChangelogNode change, String table) {
        return change.attribute("constraintName").map(SqlNames::name)
                .orElse(SqlNames.name(change.attribute("tableName").orElse("") + "_pkey"));
    }
}
