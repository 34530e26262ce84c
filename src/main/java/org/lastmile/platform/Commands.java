package org.lastmile.platform;

import org.lastmile.platform.internal.EmbeddedBackup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code java -jar lastmile.jar COMMAND ARGS...}. {@code backup} and
 * {@code restore} work on the embedded database directly; every other command is a
 * {@link CommandLineCommand} bean run in the application context without a web server.
 */
public final class Commands {

    private Commands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        String name = args[0];
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            (arg.startsWith("--") ? springArgs : words).add(arg);
        }
        try {
            switch (name) {
                case "backup", "restore" -> {
                    if (words.size() != 1) {
                        out.println("usage: java -jar lastmile.jar " + name + " FILE");
                        return 2;
                    }
                    Path file = Path.of(words.get(0));
                    EmbeddedBackup backup = EmbeddedBackup.forDataDirectory(dataDirectory(springArgs));
                    return name.equals("backup") ? backup.backup(file, out) : backup.restore(file, out);
                }
                default -> {
                    return runInContext(application, name, words, springArgs, out);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(name + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int runInContext(Class<?> application, String name, List<String> words, List<String> springArgs,
                                    PrintStream out) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("lastmile.command=" + name)
                .run(springArgs.toArray(String[]::new))) {
            Map<String, CommandLineCommand> commands = context.getBeansOfType(CommandLineCommand.class);
            return commands.values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .map(c -> c.run(words, out))
                    .orElseGet(() -> usage(name, commands.values(), out));
        }
    }

    private static int usage(String name, java.util.Collection<CommandLineCommand> commands, PrintStream out) {
        out.println("Unknown command: " + name);
        out.println("Commands:");
        out.println("  backup FILE     copy the embedded database into FILE");
        out.println("  restore FILE    replace the embedded database with FILE (Lastmile must be stopped)");
        commands.stream().sorted(Comparator.comparing(CommandLineCommand::name))
                .forEach(c -> out.println("  " + c.usage()));
        return 2;
    }

    /** {@code --lastmile.data-dir=}, else {@code LASTMILE_DATA_DIR}, else {@code ./data}. */
    private static Path dataDirectory(List<String> springArgs) {
        if (hasExternalDatabase(springArgs)) {
            throw new IllegalStateException("LASTMILE_DB_URL names an external server: back it up with pg_dump "
                    + "and restore it with pg_restore (see the README); these commands serve the embedded database");
        }
        for (String arg : springArgs) {
            if (arg.startsWith("--lastmile.data-dir=")) {
                return Path.of(arg.substring("--lastmile.data-dir=".length()));
            }
        }
        String fromProperty = System.getProperty("lastmile.data-dir");
        String fromEnv = System.getenv("LASTMILE_DATA_DIR");
        return Path.of(fromProperty != null ? fromProperty : fromEnv != null && !fromEnv.isBlank() ? fromEnv : "data");
    }

    private static boolean hasExternalDatabase(List<String> springArgs) {
        String env = System.getenv("LASTMILE_DB_URL");
        return (env != null && !env.isBlank()) || springArgs.stream().anyMatch(a -> a.startsWith("--lastmile.db.url=") && a.length() > 18);
    }
}
