package dev.migrate.cli;

import dev.migrate.Change;
import dev.migrate.MigrationInfo;
import dev.migrate.Plan;
import dev.migrate.PlannedMigration;
import dev.migrate.RepeatableInfo;
import dev.migrate.Status;
import dev.migrate.Version;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the CLI prints on stdout: short plain text for people, and with {@code --json} a stable JSON document
 * (field names and shapes are documented in docs/cli.md; fields are added, never renamed or removed).
 */
final class Output {

    /** Built on first use: text output, the common case, never loads Jackson (a cold start feels its classes). */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    private Output() {
    }

    record VersionJson(Object version, boolean dirty) {
    }

    record MigrationJson(Object version, String description, String state, String script, String checksum,
            String appliedAt, Long executionMs, String appliedBy, String adoptedFrom) {
    }

    record StatusJson(Object version, boolean dirty, List<String> layouts, List<String> adoptedFrom, String willAdoptFrom,
            List<MigrationJson> migrations, List<RepeatableJson> repeatables) {
    }

    record RepeatableJson(String description, String state, String script, String checksum, String appliedAt,
            Long executionMs, String adoptedFrom) {
    }

    record AdoptJson(String tool, String table, boolean dryRun, List<Object> versions) {
    }

    record StepJson(Object version, String description, String direction, String script, boolean transactional,
            String sql) {
    }

    record PlanJson(String command, Object version, Object target, List<StepJson> migrations,
            List<StepJson> repeatables) {
    }

    static void version(PrintWriter out, Status status, boolean json) {
        if (json) {
            print(out, new VersionJson(number(status.version().orElse(null)), status.dirty()));
        } else {
            out.println(status.version().map(v -> v + (status.dirty() ? " (dirty)" : "")).orElse("no version"));
        }
    }

    static void status(PrintWriter out, Status status, boolean json) {
        if (json) {
            print(out, new StatusJson(number(status.version().orElse(null)), status.dirty(), status.layouts(),
                    status.adoptedFrom(), status.willAdoptFrom().orElse(null),
                    status.migrations().stream().map(Output::migration).toList(),
                    status.repeatables().stream().map(Output::repeatable).toList()));
            return;
        }
        out.println("version: " + status.version().map(Version::toString).orElse("none")
                + (status.dirty() ? " (dirty)" : "") + ", " + status.pending().size() + " pending"
                + (status.layouts().isEmpty() ? "" : ", layout " + String.join(", ", status.layouts()))
                + (status.adoptedFrom().isEmpty() ? "" : ", adopted from " + String.join(", ", status.adoptedFrom()))
                + status.willAdoptFrom().map(tool -> ", will adopt from " + tool + " on the next up").orElse(""));
        if (status.migrations().isEmpty() && status.repeatables().isEmpty()) {
            return;
        }
        int width = Math.max(status.repeatables().isEmpty() ? 7 : 10, status.migrations().stream().mapToInt(m -> m.version().toString().length()).max()
                .orElse(0));
        // Padded by hand rather than with printf: a cold JVM's Formatter took about 30 ms for 200 rows.
        StringBuilder table = new StringBuilder();
        row(table, width, "VERSION", "STATE", "APPLIED AT", "MS", "DESCRIPTION");
        for (MigrationInfo m : status.migrations()) {
            row(table, width, m.version().toString(), m.state().id(), cell(m.appliedAt()), cell(m.executionMs()),
                    OneLine.of(m.description()));
        }
        for (RepeatableInfo r : status.repeatables()) {
            row(table, width, "repeatable", r.state().id(), cell(r.appliedAt()), cell(r.executionMs()),
                    OneLine.of(r.description()));
        }
        out.print(table);
    }

    /** One line of the status table: {@code %-Ns  %-8s  %-20s  %8s  %s} and a line separator, as printf pads. */
    private static void row(StringBuilder table, int width, String version, String state, String appliedAt, String ms,
            String description) {
        left(table, version, width).append("  ");
        left(table, state, 8).append("  ");
        left(table, appliedAt, 20).append("  ");
        table.append(" ".repeat(Math.max(0, 8 - ms.length()))).append(ms).append("  ");
        table.append(description).append(System.lineSeparator());
    }

    /** When a migration was applied, to the second; empty when it was not. */
    private static String cell(Instant appliedAt) {
        return appliedAt == null ? "" : appliedAt.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** How long it took; empty when it was not applied. */
    private static String cell(Long executionMs) {
        return executionMs == null ? "" : executionMs.toString();
    }

    private static StringBuilder left(StringBuilder table, String text, int width) {
        return table.append(text).append(" ".repeat(Math.max(0, width - text.length())));
    }

    static void plan(PrintWriter out, Change change, Plan plan, boolean json) {
        if (json) {
            print(out, new PlanJson(change.toString(), number(plan.version().orElse(null)),
                    number(plan.target().orElse(null)), plan.migrations().stream().map(Output::step).toList(),
                    plan.repeatables().stream().map(Output::step).toList()));
            return;
        }
        String from = plan.version().map(Version::toString).orElse("none");
        String to = plan.target().map(Version::toString).orElse("none");
        if (plan.empty()) {
            out.println("plan for '" + change + "': nothing to do, the database stays at version " + from);
            return;
        }
        out.println("plan for '" + change + "': version " + from + " -> " + to + ", " + plan.migrations().size()
                + " migration" + (plan.migrations().size() == 1 ? "" : "s") + (plan.repeatables().isEmpty() ? ""
                        : ", then " + plan.repeatables().size() + " repeatable"));
        for (PlannedMigration step : plan.migrations()) {
            out.println();
            out.println("-- " + step.direction().id() + " " + step.version() + " " + step.description() + " ("
                    + step.script() + (step.transactional() ? ", in a transaction)" : ", no transaction)"));
            out.println(step.sql().stripTrailing());
        }
        for (PlannedMigration step : plan.repeatables()) {
            out.println();
            out.println("-- repeatable " + step.description() + " (" + step.script()
                    + (step.transactional() ? ", in a transaction)" : ", no transaction)"));
            out.println(step.sql().stripTrailing());
        }
    }

    static void adopt(PrintWriter out, dev.migrate.AdoptResult result, boolean json) {
        List<Object> versions = result.recorded().stream().map(r -> number(r.version())).toList();
        if (json) {
            print(out, new AdoptJson(result.tool(), result.table(), result.dryRun(), versions));
        } else if (result.tool() == null) {
            out.println("no other tool's history found: nothing to adopt");
        } else {
            out.println((result.dryRun() ? "would adopt " : "adopted ") + versions.size() + " migrations from "
                    + result.tool() + " (" + result.table() + ")" + (versions.isEmpty() ? "" : ": "
                    + versions.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
        }
    }

    private static MigrationJson migration(MigrationInfo m) {
        return new MigrationJson(number(m.version()), m.description(), m.state().id(), m.script(), m.checksum(),
                m.appliedAt() == null ? null : m.appliedAt().toString(), m.executionMs(), m.appliedBy(), m.adoptedFrom());
    }

    private static RepeatableJson repeatable(RepeatableInfo r) {
        return new RepeatableJson(r.description(), r.state().id(), r.script(), r.checksum(),
                r.appliedAt() == null ? null : r.appliedAt().toString(), r.executionMs(), r.adoptedFrom());
    }

    private static StepJson step(PlannedMigration step) {
        return new StepJson(number(step.version()), step.description(), step.direction().id(), step.script(),
                step.transactional(), step.sql());
    }

    /** A whole-number version as a JSON number; a dotted one (Flyway's 1.1) as a string. */
    private static Object number(Version version) {
        return version == null ? null : version.jsonValue();
    }

    static void print(PrintWriter out, Object value) {
        out.println(Json.MAPPER.writeValueAsString(value));
        out.flush();
    }
}
