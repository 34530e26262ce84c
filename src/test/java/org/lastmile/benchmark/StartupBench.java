package org.lastmile.benchmark;

import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * P6: the executable jar on its embedded database. The first start initialises a fresh data directory (PostgreSQL's
 * files, the national division table, the demo county) and is reported apart; then three cold starts are timed from
 * process start to {@code /actuator/health} answering UP, and the resident memory of the JVM and of the embedded
 * PostgreSQL processes is read from {@code /proc} after 20 s idle.
 */
final class StartupBench {

    private static final int PORT = 18_088;

    private final List<String> report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    StartupBench(List<String> report) {
        this.report = report;
    }

    void run() throws Exception {
        Path jar = Path.of("target/lastmile.jar");
        if (!Files.exists(jar)) {
            report.add("P6: build the jar first (./mvnw -q package -DskipTests).");
            return;
        }
        Path data = Files.createTempDirectory("lastmile-p6-");
        report.add("");
        report.add("#### P6 start-up and memory (java -jar target/lastmile.jar, embedded PostgreSQL in a fresh temporary directory)");
        report.add("");
        double first = start(jar, data, false, false)[0];
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(start(jar, data, i == 2, false));
        }
        starts.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] last = starts.stream().filter(s -> s[1] > 0).findFirst().orElse(starts.get(0));
        report.add("| measure | value | target |");
        report.add("|---|---|---|");
        report.add(String.format(Locale.ROOT, "| first start on a fresh data directory, to UP (initialises PostgreSQL; the division table and the demo county are loaded by startup tasks that may still be running at UP) | %.1f s | - |", first));
        report.add(String.format(Locale.ROOT, "| cold start after that, best / median / worst of 3 | %.1f / %.1f / %.1f s | <= 8 s |", starts.get(0)[0],
                starts.get(1)[0], starts.get(2)[0]));
        report.add(String.format(Locale.ROOT, "| idle JVM resident memory (VmRSS, 20 s after UP) | %.0f MB | <= 400 MB |", last[1]));
        report.add(String.format(Locale.ROOT, "| embedded PostgreSQL memory (PSS summed over its processes) | %.0f MB | reported |", last[2]));
        if (System.getenv("LASTMILE_DB_URL") != null) {
            // As production starts: the same jar on the dataset's server (its start-up tasks then see the whole dataset).
            List<double[]> external = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                external.add(start(jar, data, i == 2, true));
            }
            double rss = external.get(2)[1];
            external.sort((a, b) -> Double.compare(a[0], b[0]));
            report.add(String.format(Locale.ROOT, "| start on the dataset's server (LASTMILE_DB_URL), best / median / worst of 3 | %.1f / %.1f / %.1f s | <= 8 s |",
                    external.get(0)[0], external.get(1)[0], external.get(2)[0]));
            report.add(String.format(Locale.ROOT, "| idle JVM resident memory on the dataset's server (VmRSS, 20 s after UP) | %.0f MB | <= 400 MB |", rss));
        }
        // 1.4 GB of PostgreSQL files a run; kept only when a start failed (the exception above skips this), for its console.log.
        FileSystemUtils.deleteRecursively(data);
    }

    /** Starts the jar, waits for UP; returns seconds to UP and, when asked, the JVM's and PostgreSQL's RSS in MB after idling. */
    private double[] start(Path jar, Path data, boolean measureMemory, boolean onDatasetServer) throws Exception {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString(), "--server.port=" + PORT, "--lastmile.data-dir=" + data)
                .redirectErrorStream(true).redirectOutput(data.resolve("console.log").toFile());
        // P6 is the embedded default: a LASTMILE_DB_URL exported for the other workloads must not reach the jar.
        if (onDatasetServer) {
            builder.command().add("--lastmile.demo=false");
        } else {
            builder.environment().keySet().removeIf(name -> name.startsWith("LASTMILE_DB_") || name.equals("LASTMILE_DEMO"));
        }
        Process process = builder.start();
        try {
            while (!up()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Lastmile stopped; see " + data.resolve("console.log"));
                }
                if (System.nanoTime() - started > 600_000_000_000L) {
                    throw new IllegalStateException("No UP within 10 minutes");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double jvm = 0;
            double postgres = 0;
            if (measureMemory) {
                Thread.sleep(20_000);
                jvm = rssMegabytes(process.pid());
                postgres = onDatasetServer ? 0 : postgresMegabytes(data);
            }
            return new double[]{seconds, jvm, postgres};
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private boolean up() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/health"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    /** Proportional set size: shared buffers counted once across the processes that share them, not once per process. */
    private static double pssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    /** The processes whose command line names this data directory: the embedded postmaster and its children (their PSS summed). */
    private static double postgresMegabytes(Path data) throws IOException {
        double total = 0;
        List<Long> postmasters = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains("postgres") && cmdline.contains(data.toString())) {
                        postmasters.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String stat = Files.readString(p.resolve("stat"));
                    long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    if (postmasters.contains(pid) || postmasters.contains(parent)) {
                        total += pssMegabytes(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        }
        if (postmasters.isEmpty()) {
            System.err.println("P6: no PostgreSQL process names " + data);
        }
        return total;
    }
}
