package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The differential suite: every built-in node type but python_script, over seeded tables full of
 * awkward values, run by the real engine in performance and development mode with one and with
 * four DuckDB threads, and compared value for value (types included) with an independent
 * implementation of what each node promises, written in Python with Polars and never calling DuckDB
 * ({@code src/test/differential}). The Python side generates the tables, the files and one flow per
 * case; this test runs every flow in every configuration; the Python side then checks each result.
 * python_script is left out: its result is the user's own Polars code (PythonScriptFlowIT checks it
 * value for value on a real kernel).
 *
 * <p>Needs the host Python environment that {@code scripts/setup} prepares (build/python-venv).
 * Results stay under {@code target/differential} for a look after a failure; {@code
 * -Ddifferential.seed=N} draws other tables.
 */
class DifferentialIT {

    private record Configuration(String name, ExecutionMode mode, int threads) {
    }

    private static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("performance-1", ExecutionMode.PERFORMANCE, 1),
            new Configuration("performance-4", ExecutionMode.PERFORMANCE, 4),
            new Configuration("development-1", ExecutionMode.DEVELOPMENT, 1),
            new Configuration("development-4", ExecutionMode.DEVELOPMENT, 4));

    private static final Path SUITE = Path.of("src/test/differential/differential.py");
    private static final Path PYTHON = Path.of("../../build/python-venv/bin/python");

    @Test
    void everyNodeTypeAgreesWithAnIndependentImplementation() throws Exception {
        assertThat(PYTHON).as("the host Python environment (run scripts/setup first)").isExecutable();
        Path directory = Path.of("target/differential").toAbsolutePath();
        deleteRecursively(directory);
        Files.createDirectories(directory);
        String generated = python("generate", directory.toString(), "--seed", System.getProperty("differential.seed", "20261203"));
        System.out.println(generated);

        List<Path> flows;
        try (Stream<Path> files = Files.list(directory.resolve("flows"))) {
            flows = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(flows).as("generated flows").hasSizeGreaterThan(300);
        for (Configuration configuration : CONFIGURATIONS) {
            runAll(directory, flows, configuration);
        }
        String checked = python("check", directory.toString());
        System.out.println(checked);
        assertThat(checked).contains(" 0 differ");
    }

    private static void runAll(Path directory, List<Path> flows, Configuration configuration) throws IOException {
        Path results = Files.createDirectories(directory.resolve("results").resolve(configuration.name()));
        var config = new EngineConfig(directory.resolve(".flowfile-" + configuration.name()), configuration.threads(), 2, "2GB",
                1L << 30);
        long started = System.nanoTime();
        try (FlowEngine engine = FlowEngine.create(config, NodeRegistry.load(DifferentialIT.class.getClassLoader()))) {
            for (Path flow : flows) {
                String name = flow.getFileName().toString().replaceFirst("\\.json$", "");
                String error = runOne(engine, directory, flow, configuration);
                if (error != null) {
                    Files.writeString(results.resolve(name + ".error"), error, StandardCharsets.UTF_8);
                }
            }
        }
        System.out.printf("differential: %d flows in %s in %d ms%n", flows.size(), configuration.name(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Runs one case's flow; null when it succeeded, else every problem or error it reported. */
    private static String runOne(FlowEngine engine, Path directory, Path flow, Configuration configuration) {
        try {
            var document = engine.flowCodec().read(Files.readString(flow, StandardCharsets.UTF_8), FlowFormat.JSON);
            ValidatedFlow validated = engine.validate(document, directory, Map.of("out", "results/" + configuration.name()));
            if (!validated.valid()) {
                return "problems: " + validated.problems();
            }
            RunResult result = engine.run(validated, configuration.mode(), event -> { });
            return result.succeeded() ? null : "errors: " + result.errors();
        } catch (RuntimeException | IOException e) {
            return "exception: " + e;
        }
    }

    private static String python(String... arguments) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of(PYTHON.toString(), SUITE.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the suite's Python step ended").isTrue();
        if (process.exitValue() != 0 && !output.contains(" differ")) {
            throw new AssertionError("the suite's Python step failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
