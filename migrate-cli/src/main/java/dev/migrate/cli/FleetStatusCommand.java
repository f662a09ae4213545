package dev.migrate.cli;

import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.FleetStatus;
import dev.migrate.fleet.TargetStatus;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fleet status}: each target's version, pending count and state, counts first; changes nothing. */
@picocli.CommandLine.Command(name = "status",
        description = "List each target's version, pending migrations and state: current, behind, failed, dirty, "
                + "in progress.")
final class FleetStatusCommand implements Callable<Integer> {

    @ParentCommand
    FleetCommand fleet;

    @Spec
    CommandSpec spec;

    @Option(names = {"-json", "--json"}, description = "Print the status as JSON (see docs/fleet.md).")
    boolean json;

    @Override
    public Integer call() {
        FleetStatus status;
        try {
            status = fleet.withFleet(Fleet::status);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FleetOutput.status(spec.commandLine().getOut(), status, json);
        Map<TargetStatus.State, Integer> counts = status.counts();
        return counts.get(TargetStatus.State.DIRTY) > 0 ? ExitCodes.DIRTY
                : counts.get(TargetStatus.State.FAILED) > 0 ? ExitCodes.MIGRATION_FAILED
                : status.current() ? ExitCodes.SUCCESS : ExitCodes.FLEET_NOT_CURRENT;
    }
}
