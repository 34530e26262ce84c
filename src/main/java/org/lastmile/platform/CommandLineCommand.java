package org.lastmile.platform;

import java.io.PrintStream;
import java.util.List;

/**
 * A command that needs the application context (for example a data import). Modules contribute
 * them as beans; {@code java -jar lastmile.jar NAME ARGS...} runs one without starting the web server.
 */
public interface CommandLineCommand {

    String name();

    /** One line for the usage text. */
    String usage();

    /** Returns the process exit code. */
    int run(List<String> args, PrintStream out);
}
