package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Checks a changeset's preconditions as Liquibase 4.33.0 checks them, all of which must hold: an {@code sqlCheck}
 * query's single value, as text, must equal the expected result (no row fails it); {@code tableExists} and
 * {@code viewExists} look in the schema named, else in Liquibase's. What follows a failure is {@code onFail}'s
 * answer, and a check that could not run (its query failed) {@code onError}'s.
 */
public final class ChangelogPreconditions {

    /** What the run does with the changeset: run it, skip it for now, record it as ran without running it, or stop. */
    public enum Outcome { RUN, SKIP, MARK_RAN, HALT }

    /**
     * The outcome, and why when it is not a plain run: the failed check, in words, and whether it was an error.
     */
    public record Verdict(Outcome outcome, Optional<String> reason, boolean error) {
    }

    private ChangelogPreconditions() {
    }

    public static Verdict check(Connection connection, String defaultSchema, LiquibasePreconditions preconditions,
            java.util.Set<String> ran) throws SQLException {
        for (LiquibasePreconditions.Check check : preconditions.checks()) {
            Optional<String> failed;
            try {
                failed = failure(connection, defaultSchema, check, ran);
            } catch (SQLException e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                return verdict(preconditions.onError(), check.type() + " could not be checked: " + e.getMessage()
                        + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), true);
            }
            if (failed.isPresent()) {
                return verdict(preconditions.onFail(), failed.get(), false);
            }
        }
        return new Verdict(Outcome.RUN, Optional.empty(), false);
    }

    private static Verdict verdict(String option, String reason, boolean error) {
        Outcome outcome = switch (option) {
            case "CONTINUE" -> Outcome.SKIP;
            case "MARK_RAN" -> Outcome.MARK_RAN;
            case "WARN" -> Outcome.RUN;
            default -> Outcome.HALT;
        };
        return new Verdict(outcome, Optional.of(reason), error);
    }

    /**
     * Why {@code check} fails, or empty when it holds; {@code ran} are the keys of the changesets that ran, for
     * {@code changeSetExecuted}.
     */
    private static Optional<String> failure(Connection connection, String defaultSchema,
            LiquibasePreconditions.Check check, java.util.Set<String> ran) throws SQLException {
        java.util.Map<String, String> a = check.attributes();
        String schema = a.getOrDefault("schemaName", defaultSchema);
        return switch (check.type()) {
            case "sqlCheck" -> sqlCheck(connection, check);
            case "tableExists" -> exists(connection, schema, a.get("tableName"), "'r', 'p'", "table");
            case "viewExists" -> exists(connection, schema, a.get("viewName"), "'v'", "view");
            case "sequenceExists" -> exists(connection, schema, a.get("sequenceName"), "'S'", "sequence");
            case "indexExists" -> exists(connection, schema, a.get("indexName"), "'i', 'I'", "index");
            case "columnExists" -> CatalogChecks.column(connection, schema, a.get("tableName"), a.get("columnName"));
            case "primaryKeyExists" -> CatalogChecks.constraint(connection, schema, a.get("tableName"),
                    a.get("primaryKeyName"), "p", "primary key");
            case "foreignKeyConstraintExists" -> CatalogChecks.constraint(connection, schema,
                    a.get("foreignKeyTableName"), a.get("foreignKeyName"), "f", "foreign key");
            case "changeSetExecuted" -> ran.contains(LiquibasePaths.normalize(a.getOrDefault("changeLogFile", ""))
                    + "::" + a.get("id") + "::" + a.get("author")) ? Optional.empty()
                    : Optional.of("changeset " + a.get("changeLogFile") + "::" + a.get("id") + "::" + a.get("author")
                            + " has not run");
            case "dbms" -> ChangeSetLine.forPostgres(a.getOrDefault("type", "")) ? Optional.empty()
                    : Optional.of("the database is not " + a.get("type"));
            case "and" -> {
                for (LiquibasePreconditions.Check nested : check.nested()) {
                    Optional<String> failed = failure(connection, defaultSchema, nested, ran);
                    if (failed.isPresent()) {
                        yield failed;
                    }
                }
                yield Optional.empty();
            }
            case "or" -> {
                java.util.List<String> failures = new java.util.ArrayList<>();
                for (LiquibasePreconditions.Check nested : check.nested()) {
                    Optional<String> failed = failure(connection, defaultSchema, nested, ran);
                    if (failed.isEmpty()) {
                        yield Optional.empty();
                    }
                    failures.add(failed.get());
                }
                yield Optional.of(String.join(", and ", failures));
            }
            case "not" -> {
                for (LiquibasePreconditions.Check nested : check.nested()) {
                    if (failure(connection, defaultSchema, nested, ran).isEmpty()) {
                        yield Optional.of("not " + nested.type() + " failed: it holds");
                    }
                }
                yield Optional.empty();
            }
            default -> throw new IllegalStateException("precondition type " + check.type() + " is not read yet");
        };
    }

    private static Optional<String> sqlCheck(Connection connection, LiquibasePreconditions.Check check)
            throws SQLException {
        String expected = check.attributes().get("expectedResult");
        String query = check.text().strip().replaceFirst(";$", "");
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            Object value = row.next() ? row.getObject(1) : null;
            if (value == null) {
                return Optional.of("its sqlCheck returned no value (" + query + ")");
            }
            String result = value.toString();
            return result.equals(expected) ? Optional.empty()
                    : Optional.of("its sqlCheck expected '" + expected + "' and got '" + result + "' (" + query + ")");
        }
    }

    private static Optional<String> exists(Connection connection, String schema, String name, String kinds,
            String what) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c JOIN "
                + "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN (" + kinds + ") AND "
                + "(n.nspname = ? OR n.nspname = lower(?)) AND (c.relname = ? OR c.relname = lower(?))")) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            statement.setString(3, name);
            statement.setString(4, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.empty()
                        : Optional.of("the " + what + " " + schema + "." + name + " does not exist");
            }
        }
    }
}
