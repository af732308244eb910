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
 * whole application starts), and {@code nodes}.
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
            run(jar, List.of("user", "list", "--data-dir", withCatalog.toString())); // creates the catalog
            out.printf("Command wall times, each a new JVM (%d rounds after a warm-up, medians, %d cores)%n", rounds,
                    Runtime.getRuntime().availableProcessors());
            out.printf("  %-44s %12s %12s %8s%n", "command", "no catalog", "catalog", "ratio");
            for (List<String> command : List.of(List.of("validate", flow.toString()), List.of("run", flow.toString()), List.of("nodes"))) {
                double quick = median(jar, command, fresh);
                double full = median(jar, command, withCatalog);
                out.printf("  %-44s %9.0f ms %9.0f ms %7.2fx%n", "flowfile " + String.join(" ", command).replace(flow.toString(), "sales-report.yaml"),
                        quick, full, full / quick);
                out.flush();
            }
        } finally {
            FileTrees.delete(work);
        }
        return 0;
    }

    private double median(Path jar, List<String> command, Path dataDirectory) throws Exception {
        List<String> arguments = new ArrayList<>(command);
        arguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        run(jar, arguments);
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            run(jar, arguments);
            times.add(Stats.millis(start));
        }
        return Stats.median(times);
    }

    private static void run(Path jar, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(flag -> !flag.startsWith("-Dflowfile.")).toList());
        // as ./flowfile starts a command that runs once
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
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
