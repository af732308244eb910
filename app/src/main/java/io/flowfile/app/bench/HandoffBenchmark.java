package io.flowfile.app.bench;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.app.kernel.KernelPlane;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.Sql;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code flowfile bench handoff}: a Python node that reads its input and publishes it unchanged,
 * engine → kernel → engine, through our Arrow IPC hand-off (a flow run) against the same round
 * trip through Parquet files (the way Flowfile hands data to its kernels), on the same kernel and
 * data, alternating.
 */
@Command(name = "handoff", description = "Engine -> kernel -> engine hand-off: Arrow IPC (our path) vs Parquet files, 10M rows x 5 columns.")
public final class HandoffBenchmark implements Callable<Integer> {

    private static final String KERNEL = "bench-handoff";

    @Option(names = "--rows", defaultValue = "10000000", description = "Rows (default: 10,000,000).")
    long rows;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each path after a warm-up (default: 5).")
    int runs;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createDirectories(engine.dataDirectory().resolve("bench-handoff"));
        Path data = work.resolve("rows-" + rows + ".parquet");
        long arrowBytes;
        try (Connection duckDb = DuckDb.connect(new Properties()); Statement statement = duckDb.createStatement()) {
            if (!Files.exists(data)) {
                statement.execute("COPY (SELECT i AS id, ((i % 100000) * 0.25)::DOUBLE AS amount, (i % 97)::INTEGER AS quantity, "
                        + "'category ' || (i % 20) AS category, DATE '2026-01-01' + (i % 365)::INTEGER AS day FROM range(" + rows
                        + ") t(i)) TO " + Sql.literal(data) + " (FORMAT parquet)");
            }
            statement.execute("CREATE TABLE handoff AS SELECT * FROM read_parquet(" + Sql.literal(data) + ")");
            arrowBytes = arrowSize(statement);
        }
        Path flow = writeFlow(work, data);
        try (KernelPlane plane = KernelPlane.open(engine.dataDirectory());
             FlowEngine flows = FlowEngine.create(engine.config(), NodeRegistry.load(getClass().getClassLoader()), plane.gateway());
             Connection duckDb = DuckDb.connect(new Properties())) {
            plane.define(new KernelDefinition(KERNEL, "hand-off benchmark", "local", List.of(), 8, 2, 0, null, null, null));
            plane.manager().start(KERNEL).get(5, TimeUnit.MINUTES);
            try (Statement statement = duckDb.createStatement()) {
                statement.execute("CREATE TABLE handoff AS SELECT * FROM read_parquet(" + Sql.literal(data) + ")");
            }
            ValidatedFlow validated = flows.validate(flows.load(flow), work, Map.of());
            if (!validated.valid()) {
                throw new IllegalStateException("benchmark flow is invalid: " + validated.problems());
            }
            out.printf(Locale.ROOT, "Hand-off benchmark — %,d rows x 5 columns (%.0f MB as Arrow), %d cores, Java %s%n", rows,
                    arrowBytes / 1e6, Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
            arrowPath(flows, validated);
            parquetPath(plane, duckDb);
            List<Double> arrow = new ArrayList<>();
            List<Double> parquet = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                arrow.add(arrowPath(flows, validated));
                parquet.add(parquetPath(plane, duckDb));
            }
            double arrowMedian = Stats.median(arrow);
            double parquetMedian = Stats.median(parquet);
            out.printf(Locale.ROOT, "Arrow IPC hand-off (flow run, engine -> kernel -> engine): median %.0f ms %s = %.2f GB/s%n",
                    arrowMedian, Stats.list(arrow), arrowBytes / 1e9 / (arrowMedian / 1e3));
            out.printf(Locale.ROOT, "Parquet files (DuckDB COPY -> polars read/write_parquet -> DuckDB read): median %.0f ms %s = %.2f GB/s%n",
                    parquetMedian, Stats.list(parquet), arrowBytes / 1e9 / (parquetMedian / 1e3));
            out.printf(Locale.ROOT, "ratio Parquet / Arrow: %.2fx (goal >= 5x, and >= 2 GB/s)%n", parquetMedian / arrowMedian);
            out.flush();
            plane.manager().stop(KERNEL, "benchmark done");
        }
        return 0;
    }

    /** The in-memory Arrow size of the data: the size of the uncompressed Arrow IPC file. */
    private static long arrowSize(Statement statement) throws Exception {
        Path file = Files.createTempFile("handoff", ".arrow");
        try (var exchange = new io.flowfile.engine.arrow.ArrowExchange()) {
            exchange.write(statement.getConnection(), "handoff", file);
            return Files.size(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Path writeFlow(Path work, Path data) throws Exception {
        Path flow = work.resolve("handoff.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: handoff-benchmark
                nodes:
                  - id: data
                    type: read_parquet
                    settings:
                      path: %s
                  - id: python
                    type: python_script
                    settings:
                      kernel_id: %s
                      cells:
                        - flowfile.publish_output(flowfile.read_input())
                      output_schemas:
                        main: {id: BIGINT, amount: DOUBLE, quantity: INTEGER, category: VARCHAR, day: DATE}
                edges:
                  - from: data
                    to: python
                """.formatted(data, KERNEL));
        return flow;
    }

    /** The Python node's time in a flow run: input to Arrow, the cell, the output back into DuckDB. */
    private static double arrowPath(FlowEngine flows, ValidatedFlow validated) {
        RunResult result = flows.run(validated, ExecutionMode.PERFORMANCE, event -> { });
        if (!(result.outcomes().get("python") instanceof NodeEvent.Succeeded succeeded)) {
            throw new IllegalStateException("the hand-off flow failed: " + result.errors());
        }
        return succeeded.duration().toNanos() / 1e6;
    }

    /** The same round trip through Parquet files in the kernel's exchange directory. */
    private static double parquetPath(KernelPlane plane, Connection duckDb) throws Exception {
        KernelGateway.ExchangeArea area = plane.gateway().openExchange(KERNEL, "parquet-bench", "python");
        Path input = area.hostDirectory().resolve("inputs/main.parquet");
        Path output = area.hostDirectory().resolve("outputs/main.parquet");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS back");
            long start = System.nanoTime();
            statement.execute("COPY handoff TO " + Sql.literal(input) + " (FORMAT parquet)");
            ExecutionResult result = plane.manager().client(KERNEL).execute("import polars as pl\npl.read_parquet("
                    + Sql.literal(area.kernelPath(input)) + ").write_parquet(" + Sql.literal(area.kernelPath(output)) + ")",
                    Duration.ofMinutes(5));
            if (!result.ok()) {
                throw new IllegalStateException("the Parquet round trip failed: " + result.errorValue());
            }
            statement.execute("CREATE TABLE back AS SELECT * FROM read_parquet(" + Sql.literal(output) + ")");
            double millis = Stats.millis(start);
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM back")) {
                count.next();
            }
            return millis;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }
}
