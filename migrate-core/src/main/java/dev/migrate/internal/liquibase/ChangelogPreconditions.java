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

    public static Verdict check(Connection connection, String defaultSchema, LiquibasePreconditions preconditions)
            throws SQLException {
        for (LiquibasePreconditions.Check check : preconditions.checks()) {
            Optional<String> failed;
            try {
                failed = failure(connection, defaultSchema, check);
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

    /** Why {@code check} fails, or empty when it holds. */
    private static Optional<String> failure(Connection connection, String defaultSchema,
            LiquibasePreconditions.Check check) throws SQLException {
        return switch (check.type()) {
            case "sqlCheck" -> sqlCheck(connection, check);
            case "tableExists" -> exists(connection, check.attributes().getOrDefault("schemaName", defaultSchema),
                    check.attributes().get("tableName"), "'r', 'p'", "table");
            case "viewExists" -> exists(connection, check.attributes().getOrDefault("schemaName", defaultSchema),
                    check.attributes().get("viewName"), "'v'", "view");
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
