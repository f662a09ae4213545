package dev.migrate.cli;

import dev.migrate.Change;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plan [up [N] | down N | down -all | goto V]}: what that command would run, changing nothing. */
@picocli.CommandLine.Command(name = "plan",
        description = "Print what a command would run, in order, with each script's SQL; nothing is changed.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations plan", "  migrate -path db/migrations plan down 2",
                "  migrate -path db/migrations plan goto 3 --json"})
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "COMMAND", description = "up [N] (default), down N, or goto V.")
    List<String> words = List.of();

    @Option(names = {"-all", "--all"}, description = "With down: every applied migration.")
    boolean all;

    @Option(names = {"-json", "--json"}, description = "Print the plan as JSON (see docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Change change = change();
        Output.plan(spec.commandLine().getOut(), change, root.migrator().plan(change), json);
        return ExitCodes.SUCCESS;
    }

    private Change change() {
        String verb = words.isEmpty() ? "up" : words.get(0);
        String argument = words.size() > 1 ? words.get(1) : null;
        return switch (verb) {
            case "up" -> argument == null ? Change.up() : Change.upNext(count(argument));
            case "down" -> {
                if (all == (argument != null)) {
                    throw new UsageException("plan down needs N or -all");
                }
                yield all ? Change.downAll() : Change.down(count(argument));
            }
            case "goto" -> {
                if (argument == null) {
                    throw new UsageException("plan goto needs a version V");
                }
                yield Change.goTo(Versions.parse(argument));
            }
            default -> throw new UsageException("plan takes up [N], down N, down -all or goto V, not '" + verb + "'");
        };
    }

    private static int count(String text) {
        try {
            int count = Integer.parseInt(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("N must be a number, 1 or more, was '" + text + "'");
    }
}
