package dev.migrate.maven;

import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import dev.migrate.Migrator;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code migrate:lint}: the pending migrations' statements that lock out or rewrite tables (docs/lint.md); fails the
 * build while an error-level finding remains.
 */
@Mojo(name = "lint", requiresProject = false, threadSafe = true)
public final class LintMojo extends AbstractMigrateMojo {

    /** Whether an error-level finding fails the build (warnings never do). */
    @Parameter(property = "migrate.lint.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    void run(Migrator migrator) throws MojoFailureException {
        LintReport report = migrator.lint();
        for (LintFinding finding : report.findings()) {
            if (finding.severity() == LintFinding.Severity.ERROR) {
                getLog().error(finding.toString());
            } else {
                getLog().warn(finding.toString());
            }
        }
        if (report.hasErrors() && failOnError) {
            throw new MojoFailureException("migrate lint: error-level findings remain; rewrite each as its fix says, "
                    + "or suppress a deliberate one with '-- migrate:lint-ignore <rule> <reason>'");
        }
        getLog().info("migrate: lint found " + report.findings().size() + " finding"
                + (report.findings().size() == 1 ? "" : "s"));
    }
}
