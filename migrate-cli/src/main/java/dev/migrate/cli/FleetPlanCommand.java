package dev.migrate.cli;

import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.TargetPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fleet plan}: what {@code fleet up} would apply to each target; changes nothing, takes no lock. */
@picocli.CommandLine.Command(name = "plan", description = "List what fleet up would apply to each target, "
        + "changing nothing.")
final class FleetPlanCommand implements Callable<Integer> {

    @ParentCommand
    FleetCommand fleet;

    @Spec
    CommandSpec spec;

    @Option(names = {"-json", "--json"}, description = "Print the plans as JSON (see docs/fleet.md).")
    boolean json;

    @Override
    public Integer call() {
        List<TargetPlan> plans;
        try {
            plans = fleet.withFleet(Fleet::plan);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FleetOutput.plan(spec.commandLine().getOut(), plans, json);
        return ExitCodes.SUCCESS;
    }
}
