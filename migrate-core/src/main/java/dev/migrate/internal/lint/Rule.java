package dev.migrate.internal.lint;

import dev.migrate.LintFinding.Severity;
import java.util.function.Predicate;

/**
 * One lint rule: its id, severity, the statements it flags (given as {@link Checked}), why they hurt and the safe
 * rewrite.
 */
record Rule(String id, Severity severity, Predicate<Checked> flags, String problem, String fix) {
}
