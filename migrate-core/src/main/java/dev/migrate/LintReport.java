package dev.migrate;

import java.util.List;

/** What {@link Migrator#lint} found, script by script in the order they run; {@code serverVersion} is 170002. */
public record LintReport(int serverVersion, List<LintFinding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    /** Whether an error-level finding remains (not suppressed). */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == LintFinding.Severity.ERROR);
    }
}
