package org.lastmile.region.internal;

import org.lastmile.platform.CommandLineCommand;
import org.lastmile.region.CodeMappingReport;
import org.lastmile.region.EditionReport;
import org.lastmile.region.RegionEditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code import-divisions EDITION DIR} and {@code apply-code-mapping FILE} on the command line. */
@Configuration(proxyBeanMethods = false)
class RegionCommands {

    @Bean
    CommandLineCommand importDivisionsCommand(RegionEditions editions) {
        return new CommandLineCommand() {
            @Override
            public String name() {
                return "import-divisions";
            }

            @Override
            public String usage() {
                return "import-divisions EDITION DIR   import a newer division table (five CSV files in DIR)";
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                if (args.size() != 2) {
                    out.println("usage: " + usage());
                    return 2;
                }
                EditionReport r = editions.importEdition(args.get(0), Path.of(args.get(1)));
                out.printf("Edition %s: %d added, %d renamed, %d abolished, %d reinstated, %d unchanged (%d ms)%n",
                        r.edition(), r.added(), r.renamed(), r.abolished(), r.reinstated(), r.unchanged(), r.durationMillis());
                return 0;
            }
        };
    }

    @Bean
    CommandLineCommand applyCodeMappingCommand(RegionEditions editions) {
        return new CommandLineCommand() {
            @Override
            public String name() {
                return "apply-code-mapping";
            }

            @Override
            public String usage() {
                return "apply-code-mapping FILE        move records from old to new village codes (CSV: oldCode,newCode)";
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                if (args.size() != 1) {
                    out.println("usage: " + usage());
                    return 2;
                }
                CodeMappingReport r = editions.applyCodeMapping(Path.of(args.get(0)));
                out.printf("%d code moves applied; records moved: %s%n", r.applied(), r.movedByOwner());
                r.rejected().forEach(line -> out.printf("line %d (%s -> %s) rejected: %s%n",
                        line.line(), line.oldCode(), line.newCode(), line.reason()));
                return r.rejected().isEmpty() ? 0 : 1;
            }
        };
    }
}
