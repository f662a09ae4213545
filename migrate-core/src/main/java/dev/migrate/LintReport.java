package dev.migrate;

import java.util.List;

/**
 * What {@link Migrator#lint} found, script by script in the order they run. Versions read as 170002: {@code
 * serverVersion} is the target database's (0 when lint did not connect), {@code scratchVersion} the scratch server's
 * the migrations were tried on (0 when they were not), whose locks and rewrites the server findings report.
 */
public record LintReport(int serverVersion, int scratchVersion, List<LintFinding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    /** Whether an error-level finding remains (not suppressed). */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == LintFinding.Severity.ERROR);
    }

    /**
     * Whether the migrations were tried on a server of another major version than the target's: what it locked and
     * rewrote may differ from what the target will do.
     */
    public boolean scratchVersionDiffers() {
        return scratchVersion != 0 && serverVersion != 0 && scratchVersion / 10_000 != serverVersion / 10_000;
    }
}
