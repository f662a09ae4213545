package dev.migrate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The subcommands, in the order help lists them. picocli reads each command's annotations when it is added, which
 * for all of them is most of a cold start's parsing time; a command line that names its command gets that one only
 * (help, and anything picocli must explain, gets them all).
 */
final class Commands {

    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("up", UpCommand::new);
        ALL.put("down", DownCommand::new);
        ALL.put("goto", GotoCommand::new);
        ALL.put("force", ForceCommand::new);
        ALL.put("version", VersionCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("validate", ValidateCommand::new);
        ALL.put("lint", LintCommand::new);
        ALL.put("plan", PlanCommand::new);
        ALL.put("baseline", BaselineCommand::new);
        ALL.put("adopt", AdoptCommand::new);
        ALL.put("create", CreateCommand::new);
        ALL.put("wait", WaitCommand::new);
        ALL.put("drop", DropCommand::new);
    }

    /** Another name of a command, as its annotation gives it. */
    private static final Map<String, String> ALIASES = Map.of("clean", "drop");

    private Commands() {
    }

    /** Adds to {@code root} the command {@code args} name, or every command when they name none. */
    static void register(CommandLine root, String... args) {
        String named = named(root, args);
        if (named != null) {
            root.addSubcommand(ALL.get(named).get());
            return;
        }
        ALL.values().forEach(command -> root.addSubcommand(command.get()));
    }

    /** The first argument that is not an option or an option's value, when it is a command's name. */
    private static String named(CommandLine root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                OptionSpec option = arg.contains("=") ? null : root.getCommandSpec().findOption(arg);
                if (option == null && !arg.contains("=")) {
                    return null; // unknown to the root: let picocli explain, with every command known
                }
                if (option != null && option.arity().max() > 0) {
                    i++;
                }
                continue;
            }
            String name = ALIASES.getOrDefault(arg, arg);
            return ALL.containsKey(name) ? name : null;
        }
        return null;
    }
}
