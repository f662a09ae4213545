package dev.migrate;

import java.util.stream.Collectors;

/** Lint found error-level findings in the migrations about to run, and the run was refused: nothing was run. */
public final class LintFailedException extends MigrateException {

    private final transient LintReport report;

    public LintFailedException(LintReport report, String setting) {
        super("Lint found " + report.findings().stream().filter(f -> f.severity() == LintFinding.Severity.ERROR).count()
                + " error-level finding(s) in the pending migrations, so nothing was run (" + setting + "):\n"
                + report.findings().stream().map(LintFinding::toString).collect(Collectors.joining("\n"))
                + "\nRewrite each as its fix says (docs/lint.md), suppress a deliberate one with '-- migrate:lint-ignore "
                + "<rule> <reason>' above it, or report without refusing (" + setting.replace("fail", "warn") + ").");
        this.report = report;
    }

    public LintReport report() {
        return report;
    }
}
