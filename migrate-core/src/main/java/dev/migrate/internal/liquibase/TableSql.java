package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code createTable} and {@code addColumn} as Liquibase 4.33.0 writes them for PostgreSQL: each column with its type,
 * default, identity and {@code NOT NULL}; then the table's primary key ({@code <table>_pkey} unless named), foreign
 * key and unique constraints from the columns' constraints; then a {@code COMMENT ON} for each remark.
 */
final class TableSql {

    private TableSql() {
    }

    static List<String> createTable(ChangelogNode change, String table) {
        List<ChangelogNode> columns = change.children("column");
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (");
        List<String> definitions = new ArrayList<>();
        for (ChangelogNode column : columns) {
            definitions.add(ColumnSql.definition(column));
        }
        sql.append(String.join(", ", definitions)).append(',');
        List<String> primaryKey = new ArrayList<>();
        String primaryKeyName = null;
        for (ChangelogNode column : columns) {
            ChangelogNode constraints = column.child("constraints").orElse(null);
            if (constraints != null && constraints.flag("primaryKey", false)) {
                primaryKey.add(SqlNames.name(column.attribute("name").orElse("")));
                primaryKeyName = constraints.attribute("primaryKeyName").orElse(primaryKeyName);
            }
        }
        if (!primaryKey.isEmpty()) {
            sql.append(" CONSTRAINT ").append(SqlNames.name(primaryKeyName != null ? primaryKeyName
                    : change.attribute("tableName").orElse("") + "_pkey")).append(" PRIMARY KEY (")
                    .append(String.join(", ", primaryKey)).append("),");
        }
        for (ChangelogNode column : columns) {
            column.child("constraints").ifPresent(constraints -> foreignKey(column, constraints, sql));
        }
        for (ChangelogNode column : columns) {
            ChangelogNode constraints = column.child("constraints").orElse(null);
            if (constraints != null && constraints.flag("unique", false)) {
                constraints.attribute("uniqueConstraintName").ifPresent(name -> sql.append(" CONSTRAINT ")
                        .append(SqlNames.name(name)));
                sql.append(" UNIQUE (").append(SqlNames.name(column.attribute("name").orElse(""))).append("),");
            }
        }
        sql.setLength(sql.length() - 1);
        sql.append(')');
        List<String> statements = new ArrayList<>(List.of(sql.toString()));
        change.attribute("remarks").ifPresent(remarks -> statements.add("COMMENT ON TABLE " + table + " IS "
                + SqlNames.literal(remarks)));
        statements.addAll(columnRemarks(columns, table));
        return statements;
    }

    private static void foreignKey(ChangelogNode column, ChangelogNode constraints, StringBuilder sql) {
        String references = constraints.attribute("references").orElse(null);
        String referenced = constraints.attribute("referencedTableName").map(t -> SqlNames.qualified(constraints,
                "referencedTableSchemaName", "referencedTableName") + "(" + SqlNames.list(constraints
                        .attribute("referencedColumnNames").orElse("")) + ")").orElse(null);
        if (references == null && referenced == null) {
            return;
        }
        constraints.attribute("foreignKeyName").ifPresent(name -> sql.append(" CONSTRAINT ")
                .append(SqlNames.name(name)));
        sql.append(" FOREIGN KEY (").append(SqlNames.name(column.attribute("name").orElse(""))).append(") REFERENCES ")
                .append(references != null ? references : referenced);
        if (constraints.flag("deleteCascade", false)) {
            sql.append(" ON DELETE CASCADE");
        }
        if (constraints.flag("initiallyDeferred", false)) {
            sql.append(" INITIALLY DEFERRED");
        }
        if (constraints.flag("deferrable", false)) {
            sql.append(" DEFERRABLE");
        }
        sql.append(',');
    }

    static List<String> addColumn(ChangelogNode change, String table) {
        List<String> statements = new ArrayList<>();
        for (ChangelogNode column : change.children("column")) {
            StringBuilder sql = new StringBuilder("ALTER TABLE ").append(table).append(" ADD ")
                    .append(ColumnSql.definition(column));
            column.child("constraints").ifPresent(constraints -> {
                if (constraints.flag("primaryKey", false)) {
                    sql.append(" PRIMARY KEY");
                }
                if (constraints.flag("unique", false)) {
                    sql.append(" UNIQUE");
                }
            });
            statements.add(sql.toString());
        }
        statements.addAll(columnRemarks(change.children("column"), table));
        return statements;
    }

    private static List<String> columnRemarks(List<ChangelogNode> columns, String table) {
        List<String> statements = new ArrayList<>();
        for (ChangelogNode column : columns) {
            column.attribute("remarks").ifPresent(remarks -> statements.add("COMMENT ON COLUMN " + table + "."
                    + SqlNames.name(column.attribute("name").orElse("")) + " IS " + SqlNames.literal(remarks)));
        }
        return statements;
    }
}
