package dev.migrate;

/**
 * One thing the linter found in a migration script: which rule, how bad, where (script and line, the statement's
 * first line), why it hurts in production, and the safe way to write it.
 */
public record LintFinding(String rule, Severity severity, String script, int line, String statement, String problem,
        String fix) {

    /** An error fails {@code migrate lint}; a warning is reported only. */
    public enum Severity {
        ERROR, WARNING;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return script + ":" + line + ": " + severity.id() + " [" + rule + "] " + problem + " Fix: " + fix;
    }
}
