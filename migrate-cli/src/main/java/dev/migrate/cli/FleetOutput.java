package dev.migrate.cli;

import dev.migrate.Version;
import dev.migrate.fleet.FleetResult;
import dev.migrate.fleet.FleetStatus;
import dev.migrate.fleet.TargetOutcome;
import dev.migrate.fleet.TargetPlan;
import dev.migrate.fleet.TargetStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code fleet up} and {@code fleet status} print: the counts first, then one line per target. */
final class FleetOutput {

    private FleetOutput() {
    }

    record OutcomeJson(String target, String kind, String state, int applied, String version, String error,
            long tookMs, int attempts) {
    }

    record UpJson(String release, Map<String, Integer> counts, int applied, boolean canaryFailed,
            List<String> failed, long tookMs, List<OutcomeJson> targets) {
    }

    record TargetJson(String target, String kind, String state, String version, int pending, String error) {
    }

    record StatusJson(int migrations, Map<String, Integer> counts, List<TargetJson> targets) {
    }

    static void up(PrintWriter out, FleetResult result, boolean json) {
        Map<String, Integer> counts = names(result.counts());
        if (json) {
            Output.print(out, new UpJson(result.release(), counts, result.applied(), result.canaryFailed(),
                    result.failedElsewhere(), result.took().toMillis(), result.targets().stream()
                    .map(t -> new OutcomeJson(t.target().name(), name(t.target().kind()), name(t.state()),
                            t.applied(), t.version().orElse(null), t.error().orElse(null), t.took().toMillis(),
                            t.attempts())).toList()));
            return;
        }
        out.println(summary(counts) + "; " + result.applied() + " migrations applied by this process in "
                + result.took().toMillis() + " ms" + (result.canaryFailed() ? "; a canary failed, nothing after "
                + "the canary wave started" : ""));
        for (TargetOutcome t : result.targets()) {
            out.println(t.target().name() + "  " + name(t.state()) + (t.state() == TargetOutcome.State.DONE
                    ? "  applied " + t.applied() + t.version().map(v -> ", at version " + v).orElse("") : "")
                    + t.error().map(e -> "  " + e).orElse(""));
        }
        if (!result.failedElsewhere().isEmpty()) {
            out.println("failed in this release: " + String.join(", ", result.failedElsewhere())
                    + ". Fix the cause, then run fleet up -retry-failed");
        }
        out.flush();
    }

    static void status(PrintWriter out, FleetStatus status, boolean json) {
        Map<String, Integer> counts = names(status.counts());
        if (json) {
            Output.print(out, new StatusJson(status.migrations(), counts, status.targets().stream()
                    .map(t -> new TargetJson(t.target().name(), name(t.target().kind()), name(t.state()),
                            t.version().orElse(null), t.pending(), t.error().orElse(null))).toList()));
            return;
        }
        out.println(summary(counts) + " (" + status.targets().size() + " targets, " + status.migrations()
                + " migrations)");
        for (TargetStatus t : status.targets()) {
            out.println(t.target().name() + "  " + name(t.state()) + "  version " + t.version().orElse("none")
                    + (t.pending() > 0 ? ", " + t.pending() + " pending" : "") + t.error().map(e -> "  " + e)
                    .orElse(""));
        }
        out.flush();
    }

    record PlannedJson(Object version, String description, String script) {
    }

    record TargetPlanJson(String target, String kind, Object version, Object targetVersion,
            List<PlannedJson> migrations, String refusal) {
    }

    record PlanJson(int targets, int toApply, int migrations, List<TargetPlanJson> plans) {
    }

    static void plan(PrintWriter out, List<TargetPlan> plans, boolean json) {
        int toApply = (int) plans.stream().filter(p -> p.plan().map(plan -> !plan.empty()).orElse(false)).count();
        int migrations = plans.stream().mapToInt(p -> p.plan().map(plan -> plan.migrations().size()).orElse(0)).sum();
        int refused = (int) plans.stream().filter(p -> p.refusal().isPresent()).count();
        if (json) {
            Output.print(out, new PlanJson(plans.size(), toApply, migrations, plans.stream().map(FleetOutput::json)
                    .toList()));
            return;
        }
        out.println(toApply + " of " + plans.size() + " targets have migrations to apply, " + migrations
                + " in all" + (refused == 0 ? "" : "; " + refused + " would be refused"));
        for (TargetPlan p : plans) {
            List<String> versions = p.plan().map(plan -> plan.migrations().stream().map(m -> m.version().toString())
                    .toList()).orElse(List.of());
            out.println(p.target().name() + "  " + p.refusal().map(e -> "refused: " + e).orElse(versions.isEmpty()
                    ? "nothing to apply" : versions.size() + " to apply: " + String.join(", ", versions)));
        }
        out.flush();
    }

    private static TargetPlanJson json(TargetPlan p) {
        return new TargetPlanJson(p.target().name(), name(p.target().kind()),
                p.plan().flatMap(plan -> plan.version()).map(Version::jsonValue).orElse(null),
                p.plan().flatMap(plan -> plan.target()).map(Version::jsonValue).orElse(null),
                p.plan().map(plan -> plan.migrations().stream().map(m -> new PlannedJson(m.version().jsonValue(),
                        m.description(), m.script())).toList()).orElse(List.of()), p.refusal().orElse(null));
    }

    private static String summary(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> named = new java.util.LinkedHashMap<>();
        counts.forEach((state, count) -> named.put(name(state), count));
        return named;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
