package dev.migrate.fleet;

import dev.migrate.Plan;
import java.util.Optional;

/**
 * What {@code fleet up} would do to one target: its own plan, each script with its SQL; or why a run would refuse
 * it (a dirty version, a changed file), as that run would say it.
 */
public record TargetPlan(Target target, Optional<Plan> plan, Optional<String> refusal) {
}
