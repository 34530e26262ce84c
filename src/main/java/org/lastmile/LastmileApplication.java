package org.lastmile;

import org.lastmile.platform.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Lastmile: the information system of the grassroots disability-services network.
 * Without arguments it serves the application; with a command word (backup, restore,
 * import-divisions, apply-code-mapping) it runs that command and exits.
 */
@SpringBootApplication
public class LastmileApplication {

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            System.exit(Commands.run(LastmileApplication.class, args));
        }
        SpringApplication.run(LastmileApplication.class, args);
    }
}
