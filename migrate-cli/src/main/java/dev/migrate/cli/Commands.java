package dev.migrate.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The subcommands, in the order help lists them. picocli reads each command's annotations when it is added, which
 * for all of them is most of a cold start's parsing time; a command line that names its command gets that one only
 * (help, and anything picocli must explain, gets them all). Commands are made by name, so that the classes of the
 * others are not even loaded.
 */
final class Commands {

    private static final List<String> NAMES = List.of("up", "down", "goto", "force", "version", "status", "validate",
            "lint", "plan", "baseline", "adopt", "create", "wait", "drop", "fleet");

    /** Another name of a command, as its annotation gives it. */
    private static final Map<String, String> ALIASES = Map.of("clean", "drop");

    private Commands() {
    }

    /** Adds to {@code root} the command {@code args} name, or every command when they name none. */
    static void register(CommandLine root, String... args) {
        String named = named(root, args);
        if (named != null) {
            root.addSubcommand(create(named));
            return;
        }
        NAMES.forEach(name -> root.addSubcommand(create(name)));
    }

    private static Object create(String name) {
        return switch (name) {
            case "up" -> new UpCommand();
            case "down" -> new DownCommand();
            case "goto" -> new GotoCommand();
            case "force" -> new ForceCommand();
            case "version" -> new VersionCommand();
            case "status" -> new StatusCommand();
            case "validate" -> new ValidateCommand();
            case "lint" -> new LintCommand();
            case "plan" -> new PlanCommand();
            case "baseline" -> new BaselineCommand();
            case "adopt" -> new AdoptCommand();
            case "create" -> new CreateCommand();
            case "wait" -> new WaitCommand();
            case "drop" -> new DropCommand();
            case "fleet" -> new FleetCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
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
            return NAMES.contains(name) ? name : null;
        }
        return null;
    }
}
