package dev.migrate.internal.liquibase;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which changesets a run takes, as Liquibase 4.33.0's filters decide: not {@code ignore}d, for PostgreSQL (or any
 * database), and matching the run's contexts and labels. Contexts match either way round, as in Liquibase: the
 * run's contexts as expressions over the changeset's, or the changeset's expression over the run's; with no
 * contexts given, every changeset matches but one requiring a context ({@code @name}). Labels: the run's label
 * expression over the changeset's labels. A changeset left out is neither run nor checked.
 *
 * @param contexts the run's contexts, comma-separated, each possibly an expression; empty for none
 * @param labels the run's label expression; empty for none
 */
public record ChangelogFilter(String contexts, String labels) {

    public static final ChangelogFilter NONE = new ChangelogFilter("", "");

    public ChangelogFilter {
        contexts = contexts == null ? "" : contexts.replace("\\", "");
        labels = labels == null ? "" : labels.replace("\\", "");
    }

    public boolean accepts(LiquibaseChangeSet changeSet) {
        return !changeSet.ignore() && changeSet.dbms().map(ChangeSetLine::forPostgres).orElse(true)
                && contextsMatch(changeSet) && labelsMatch(changeSet);
    }

    private boolean contextsMatch(LiquibaseChangeSet changeSet) {
        Set<String> given = names(contexts);
        Set<String> its = names(LiquibaseRows.contexts(changeSet));
        boolean givenMatchIts = given.isEmpty() && its.stream().noneMatch(c -> c.startsWith("@"))
                || given.stream().anyMatch(expression -> LiquibaseExpression.holds(expression, its));
        Set<String> expressions = names(changeSet.context().orElse(null));
        boolean itsMatchGiven = expressions.isEmpty() && given.stream().noneMatch(c -> c.startsWith("@"))
                || expressions.stream().anyMatch(expression -> LiquibaseExpression.holds(expression, given));
        return givenMatchIts || itsMatchGiven;
    }

    private boolean labelsMatch(LiquibaseChangeSet changeSet) {
        Set<String> expressions = names(labels);
        Set<String> its = names(LiquibaseRows.labels(changeSet));
        return expressions.isEmpty() || expressions.stream().anyMatch(e -> LiquibaseExpression.holds(e, its));
    }

    /** A comma-separated list as Liquibase splits one: each part trimmed and in lower case. */
    private static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.trim().split(",")).map(String::trim).filter(part -> !part.isEmpty())
                .map(part -> part.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
