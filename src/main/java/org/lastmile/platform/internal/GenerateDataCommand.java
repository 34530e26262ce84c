package org.lastmile.platform.internal;

import org.lastmile.platform.CommandLineCommand;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code generate-data county|province|nation [PLACE] [PERSONS]}: a synthetic dataset for benchmarks over the
 * real division tree. It applies the demo steps that make volume data ({@link DemoStep#dataset()}: persons with
 * valid IDs and certificates, households and tags, status-and-needs answers, the 2020 campaign with targets and
 * visits, cases in every state) to every county of the place, each county its persons' share by its number of
 * villages, each county in its own transaction (deterministic from the seed for an uninterrupted run: a county rolled back
 * and made again draws other sequence values, on which some hash-based choices depend; an interrupted run resumes, and
 * refuses a county made before with another seed or share).
 * It checks free disk first and refuses when the estimate does not fit. A big load goes without the steps' search
 * indexes and builds them at its end ({@link DatasetIndexes}).
 */
@Component
class GenerateDataCommand implements CommandLineCommand {

    /**
     * What one person costs on disk with everything the steps add and their indexes: the province dataset (浙江省, 3.99
     * million persons) took 10,844 MB since the status-and-needs answers are a row per save (V30), about 2.85 KB a person
     * (it was 5.4 KB); with a margin.
     */
    static final long BYTES_PER_PERSON = 3_400;

    private final ObjectProvider<DemoStep> steps;
    private final DatasetIndexes indexes;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DatabaseProperties database;
    private final long seed;

    GenerateDataCommand(ObjectProvider<DemoStep> steps, DatasetIndexes indexes, JdbcClient jdbc, TransactionTemplate tx, DatabaseProperties database,
                        @Value("${lastmile.demo-seed:2020}") long seed) {
        this.steps = steps;
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.database = database;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "generate-data";
    }

    @Override
    public String usage() {
        return "generate-data county|province|nation [PLACE] [PERSONS]   a synthetic benchmark dataset (20 thousand, 4 million, 40 million persons)";
    }

    record Plan(String scale, long first, long last, long persons) {
    }

    static Plan plan(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("scale: county, province or nation");
        }
        String scale = args.get(0).toLowerCase(Locale.ROOT);
        String place = args.size() > 1 ? args.get(1) : null;
        Long persons = args.size() > 2 ? Long.parseLong(args.get(2)) : null;
        return switch (scale) {
            case "county" -> {
                long code = Long.parseLong(place == null ? "330122" : place);
                if (code < 100_000 || code > 999_999) {
                    throw new IllegalArgumentException("a county is six digits, e.g. 330122");
                }
                yield new Plan(scale, code * 1_000_000, code * 1_000_000 + 999_999, persons == null ? 20_000 : persons);
            }
            case "province" -> {
                long code = Long.parseLong(place == null ? "33" : place);
                if (code < 11 || code > 99) {
                    throw new IllegalArgumentException("a province is two digits, e.g. 33");
                }
                yield new Plan(scale, code * 10_000_000_000L, code * 10_000_000_000L + 9_999_999_999L, persons == null ? 4_000_000 : persons);
            }
            case "nation" -> new Plan(scale, 110_000_000_000L, 999_999_999_999L, persons == null ? 40_000_000 : persons);
            default -> throw new IllegalArgumentException("scale: county, province or nation, not " + scale);
        };
    }

    record County(long code, long villages) {
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        Plan plan;
        try {
            plan = plan(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: " + usage());
            return 2;
        }
        List<County> counties = jdbc.sql("""
                        select c.code, count(v.code) from region_division c
                          join region_division v on v.level = 5 and v.abolished_edition is null and v.code between c.code and c.code + 999999
                         where c.level = 3 and c.abolished_edition is null and c.code between ? and ?
                         group by c.code order by c.code""")
                .params(plan.first(), plan.last()).query((rs, n) -> new County(rs.getLong(1), rs.getLong(2))).list();
        long villages = counties.stream().mapToLong(County::villages).sum();
        if (villages == 0) {
            out.println("No villages in that place: is the division table loaded?");
            return 1;
        }
        // A county made before is kept: refused when it was made with another seed, reported when with another share.
        Map<Long, long[]> before = new java.util.HashMap<>();
        jdbc.sql("select county_code, seed, persons from platform_dataset_county")
                .query(rs -> {
                    before.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)});
                });
        for (County county : counties) {
            long[] earlier = before.get(county.code());
            if (earlier != null && earlier[0] != seed) {
                out.printf("Refused: county %d was made with seed %d, this run's seed is %d. Use a fresh database.%n", county.code(), earlier[0], seed);
                return 4;
            }
            if (earlier != null && earlier[1] != share(plan, county, villages)) {
                out.printf("Note: county %d is kept as made before, with %,d persons (this plan's share: %,d).%n", county.code(), earlier[1],
                        share(plan, county, villages));
            }
        }
        List<Long> done = List.copyOf(before.keySet());
        List<Long> demo = jdbc.sql("select distinct county_code from platform_demo_step").query(Long.class).list();
        long remaining = counties.stream().filter(c -> !done.contains(c.code()) && !demo.contains(c.code()))
                .mapToLong(c -> share(plan, c, villages)).sum();
        long needed = remaining * BYTES_PER_PERSON;
        Long free = freeDisk();
        out.printf("generate-data %s: %,d counties, %,d villages, %,d persons (%,d still to make); estimated %,d MB on disk%s%n",
                plan.scale(), counties.size(), villages, plan.persons(), remaining, needed >> 20,
                free == null ? " (free disk unknown: the server is not on this machine)" : String.format(", %,d MB free", free >> 20));
        if (free != null && needed > free * 9 / 10) {
            out.printf("Refused: the dataset needs about %,d MB and only %,d MB are free where the database keeps its files.%n", needed >> 20, free >> 20);
            return 3;
        }
        List<DemoStep> dataSteps = steps.stream().filter(DemoStep::dataset).sorted(Comparator.comparing(DemoStep::id)).toList();
        long madeBefore = jdbc.sql("select coalesce(sum(persons), 0) from platform_dataset_county").query(Long.class).single();
        long started = System.nanoTime();
        long rowsBefore = insertedRows();
        java.util.Map<String, Long> stepMillis = new java.util.LinkedHashMap<>();
        // A big load goes without the search indexes and builds them at its end; a small one (or one that makes nothing)
        // keeps them, first building any that an interrupted load left dropped.
        boolean bulk = DatasetIndexes.worthDropping(remaining, madeBefore);
        if (!bulk) {
            rebuilt(indexes.restore(), started, out);
        }
        Throwable failure = null;
        try {
            if (bulk) {
                int dropped = indexes.drop(dataSteps.stream().flatMap(step -> step.searchIndexes().stream()).toList());
                out.printf("Dropped %d search indexes for the load; they are built again at its end (or, if it is interrupted, at the next"
                        + " start).%n", dropped);
            }
            java.util.Set<Long> skipped = new java.util.HashSet<>(done);
            skipped.addAll(demo);
            generate(new Load(plan, counties, villages, skipped, remaining, dataSteps, rowsBefore), stepMillis, out);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (bulk) {
                long rebuilding = System.nanoTime();
                try {
                    rebuilt(indexes.restore(), rebuilding, out);
                } catch (RuntimeException e) {
                    // The load's own failure is the one to report; the indexes are built again at the next start.
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
        // Statistics for the planner, and the visibility map that index-only scans need (the searches read their pages index-only;
        // on new rows not yet vacuumed each entry costs a heap fetch, which made a county's name search 40 ms instead of 3).
        jdbc.sql("vacuum analyze").update();
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = insertedRows() - rowsBefore;
        long size = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
        out.printf("Done: %,d persons, %,d rows in %.0f s (%,.0f rows/s); database size %,d MB%n", remaining, rows, seconds,
                rows / Math.max(seconds, 1e-3), size >> 20);
        stepMillis.forEach((step, millis) -> out.printf("  %-28s %,10.0f s%n", step, millis / 1000.0));
        return 0;
    }

    /** What a run makes: the counties of the plan but the skipped ones (made before), with the steps that make a county. */
    private record Load(Plan plan, List<County> counties, long villages, java.util.Set<Long> skipped, long remaining, List<DemoStep> steps,
                        long rowsBefore) {
    }

    /** Each county not made yet in its own transaction, reporting as it goes and adding up each step's time. */
    private void generate(Load load, java.util.Map<String, Long> stepMillis, PrintStream out) {
        long started = System.nanoTime();
        long made = 0;
        int n = 0;
        for (County county : load.counties()) {
            n++;
            if (load.skipped().contains(county.code())) {
                continue;
            }
            int persons = (int) share(load.plan(), county, load.villages());
            long countyStarted = System.nanoTime();
            tx.executeWithoutResult(status -> {
                for (DemoStep step : load.steps()) {
                    long stepStarted = System.nanoTime();
                    step.apply(new DemoSettings(county.code(), seed, persons));
                    stepMillis.merge(step.id(), (System.nanoTime() - stepStarted) / 1_000_000, Long::sum);
                }
                jdbc.sql("insert into platform_dataset_county (county_code, seed, persons, milliseconds) values (?, ?, ?, ?)")
                        .params(county.code(), seed, persons, (System.nanoTime() - countyStarted) / 1_000_000).update();
            });
            made += persons;
            double seconds = (System.nanoTime() - started) / 1e9;
            long rows = insertedRows() - load.rowsBefore();
            out.printf("%d/%d county %d: %,d persons in %.1f s; so far %,d persons, %,d rows, %,.0f rows/s, %,.0f persons/s, about %.0f min to go%n",
                    n, load.counties().size(), county.code(), persons, (System.nanoTime() - countyStarted) / 1e9, made, rows, rows / seconds,
                    made / seconds, (load.remaining() - made) / Math.max(1, made / seconds) / 60);
        }
    }

    private static void rebuilt(int indexes, long since, PrintStream out) {
        if (indexes > 0) {
            out.printf("Built %d search indexes again in %.0f s%n", indexes, (System.nanoTime() - since) / 1e9);
        }
    }

    private static long share(Plan plan, County county, long villages) {
        return Math.max(1, Math.round((double) plan.persons() * county.villages() / villages));
    }

    /** Rows inserted into every table since the server's statistics were reset (the steps' own tables and their history). */
    private long insertedRows() {
        jdbc.sql("select pg_stat_clear_snapshot()").query(Object.class).optional();
        return jdbc.sql("select coalesce(sum(n_tup_ins), 0)::bigint from pg_stat_user_tables").query(Long.class).single();
    }

    /**
     * Usable bytes where the database keeps its files: the embedded data directory, or the server's when it is on
     * this machine (its data directory when the account may read the setting, else Debian's /var/lib/postgresql).
     */
    private Long freeDisk() {
        try {
            String url = String.valueOf(database.db() == null ? "" : database.db().url());
            boolean local = url.contains("//localhost") || url.contains("//127.0.0.1");
            if (!database.embedded() && !local) {
                return null;
            }
            Path directory = database.embedded() ? database.dataDir().toAbsolutePath()
                    : jdbc.sql("select setting from pg_settings where name = 'data_directory'").query(String.class).optional().map(Path::of)
                    .orElse(Path.of("/var/lib/postgresql"));
            while (directory != null && !Files.exists(directory)) {
                directory = directory.getParent();
            }
            return directory == null ? null : Files.getFileStore(directory).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
