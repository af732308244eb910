package io.flowfile.app.bench;

import io.flowfile.app.service.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowfile bench cli}: wall time of whole commands, as a user types them, each a new JVM:
 * {@code validate} and {@code run} of the sales example without a catalog (no application start:
 * no Hibernate, no Flyway, no HTTP) beside the same commands on a data directory that has one (the
 * whole application starts), and {@code nodes}. On JDK 25 and later each command is also timed
 * from an AOT cache trained as {@code ./flowfile} trains its own (a run of the sales example), which
 * is how the launcher starts one-shot commands.
 */
@Command(name = "cli", description = "Wall time of flowfile validate / run / nodes as new processes: without and with the application's start.")
public final class CliBenchmark implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "7", description = "Timed runs of each command (default: 7), after one warm-up.")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || rounds > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be 1-100, was " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        Path flow = salesFlow(jar);
        Path work = Files.createTempDirectory("flowfile-bench-cli-");
        try {
            Path fresh = work.resolve("no-catalog");
            Path withCatalog = work.resolve("with-catalog");
            run(jar, List.of("user", "list", "--data-dir", withCatalog.toString()), List.of()); // creates the catalog
            List<String> cache = trainCache(jar, flow, work);
            out.printf("Command wall times, each a new JVM (%d rounds after a warm-up, medians, %d cores; AOT cache: %s)%n", rounds,
                    Runtime.getRuntime().availableProcessors(), cache.isEmpty() ? "needs JDK 25, this is " + Runtime.version().feature()
                            : "trained by one run of the sales example, as ./flowfile does");
            out.printf("  %-36s %14s %14s %14s %14s%n", "command", "no catalog", "+ AOT cache", "catalog", "+ AOT cache");
            for (List<String> command : List.of(List.of("validate", flow.toString()), List.of("run", flow.toString()), List.of("nodes"))) {
                double quick = median(jar, command, fresh, List.of());
                double quickCached = cache.isEmpty() ? Double.NaN : median(jar, command, fresh, cache);
                double full = median(jar, command, withCatalog, List.of());
                double fullCached = cache.isEmpty() ? Double.NaN : median(jar, command, withCatalog, cache);
                out.printf("  %-36s %11.0f ms %11.0f ms %11.0f ms %11.0f ms%n",
                        "flowfile " + String.join(" ", command).replace(flow.toString(), "sales-report.yaml"), quick, quickCached, full, fullCached);
                out.flush();
            }
        } finally {
            FileTrees.delete(work);
        }
        return 0;
    }

    /** The flags that start a command from an AOT cache trained in {@code work}; none before JDK 25. */
    private static List<String> trainCache(Path jar, Path flow, Path work) throws Exception {
        if (Runtime.version().feature() < 25) {
            return List.of();
        }
        Path cache = work.resolve("quick.aot");
        run(jar, List.of("run", flow.toString(), "--data-dir", work.resolve("train").toString(), "-p", "output_dir=" + work.resolve("out")),
                List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
        return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
    }

    private double median(Path jar, List<String> command, Path dataDirectory, List<String> flags) throws Exception {
        List<String> arguments = new ArrayList<>(command);
        arguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        run(jar, arguments, flags);
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            run(jar, arguments, flags);
            times.add(Stats.millis(start));
        }
        return Stats.median(times);
    }

    private static void run(Path jar, List<String> arguments, List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-Dflowfile.") && !flag.startsWith("-XX:AOT") && !flag.startsWith("-Xlog:")).toList());
        // as ./flowfile starts a command that runs once
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(flags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("flowfile " + String.join(" ", arguments) + " did not end within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("flowfile " + String.join(" ", arguments) + " exited with " + process.exitValue());
        }
    }

    private static Path salesFlow(Path jar) {
        for (Path directory = jar.getParent(); directory != null; directory = directory.getParent()) {
            Path flow = directory.resolve("examples/sales/sales-report.yaml");
            if (Files.isRegularFile(flow)) {
                return flow;
            }
        }
        throw new IllegalStateException("examples/sales/sales-report.yaml not found above " + jar);
    }
}
