package dev.migrate.cli;

import dev.migrate.Change;
import dev.migrate.Migrator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What up, down and goto share: running a command, or with {@code --dry-run} printing its plan instead. */
final class Changes {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-dry-run", "--dry-run"}, description = "Print what would run, with its SQL, and change nothing.")
    boolean dryRun;

    @Option(names = {"-json", "--json"}, description = "With --dry-run: print the plan as JSON.")
    boolean json;

    MigrateCommand root() {
        return (MigrateCommand) spec.root().userObject();
    }

    int run(Change change) {
        Migrator migrator = root().migrator();
        if (dryRun) {
            Output.plan(spec.commandLine().getOut(), change, migrator.plan(change), json);
        } else {
            migrator.run(change);
        }
        return ExitCodes.SUCCESS;
    }
}
