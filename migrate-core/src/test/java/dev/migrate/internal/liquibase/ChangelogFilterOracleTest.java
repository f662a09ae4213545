package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.parser.core.formattedsql.FormattedSqlChangeLogParser;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which changesets a run's contexts and labels take, decided by {@link ChangelogFilter} and by Liquibase 4.33.0's
 * own filters, for every pair of a changeset's context or labels and a run's, written here: the same answers.
 */
class ChangelogFilterOracleTest {

    static final String PATH = "changelog.sql";

    /** Changeset attributes, as a formatted SQL changeset line carries them. */
    static final List<String> CHANGESETS = List.of("", "context:dev", "context:Prod", "context:\"dev, test\"",
            "context:!prod", "context:\"dev and !eu\"", "context:\"(dev or test) and !eu\"", "context:@prod",
            "context:\"not test\"", "labels:core", "labels:Core,api", "labels:\"eu, us\"", "labels:@x",
            "context:dev labels:api");
    /** Runs' contexts. */
    static final List<String> CONTEXTS = List.of("", "dev", "PROD", "dev,eu", "test, eu", "prod and !eu", "@prod",
            "dev or prod", "other");
    /** Runs' label expressions. */
    static final List<String> LABELS = List.of("", "core", "!core", "api and core", "eu or x", "@api", "not eu, us");

    @TempDir
    Path dir;

    @Test
    void contextsAndLabelsTakeWhatLiquibaseTakes() throws Exception {
        StringBuilder text = new StringBuilder("--liquibase formatted sql\n");
        for (int i = 0; i < CHANGESETS.size(); i++) {
            text.append("--changeset a:").append(i).append(' ').append(CHANGESETS.get(i)).append("\nSELECT 1;\n");
        }
        Files.writeString(dir.resolve(PATH), text);
        DatabaseChangeLog theirs = new FormattedSqlChangeLogParser().parse(PATH, new ChangeLogParameters(),
                new DirectoryResourceAccessor(dir));
        List<LiquibaseChangeSet> ours = FormattedSqlChangelog.read(PATH, PATH, text.toString(), Map.of());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String contexts : CONTEXTS) {
            for (String labels : LABELS) {
                ContextChangeSetFilter byContext = new ContextChangeSetFilter(new Contexts(contexts));
                LabelChangeSetFilter byLabel = new LabelChangeSetFilter(new LabelExpression(labels));
                ChangelogFilter filter = new ChangelogFilter(contexts, labels);
                for (int i = 0; i < CHANGESETS.size(); i++) {
                    ChangeSet changeSet = theirs.getChangeSets().get(i);
                    String pair = "[" + CHANGESETS.get(i) + "] with contexts [" + contexts + "] labels [" + labels
                            + "]: ";
                    expected.add(pair + (byContext.accepts(changeSet).isAccepted()
                            && byLabel.accepts(changeSet).isAccepted()));
                    actual.add(pair + filter.accepts(ours.get(i)));
                }
            }
        }
        assertThat(expected).anyMatch(answer -> answer.endsWith("false")).anyMatch(answer -> answer.endsWith("true"));
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
