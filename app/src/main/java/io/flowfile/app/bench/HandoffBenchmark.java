package io.flowfile.app.bench;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.app.kernel.KernelPlane;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.arrow.ArrowExchange;
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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
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
        try (KernelPlane plane = KernelPlane.open(engine.dataDirectory(), engine.catalog());
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
            List<Phases> arrow = new ArrayList<>();
            List<Double> parquet = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                arrow.add(arrowPath(flows, validated));
                parquet.add(parquetPath(plane, duckDb));
            }
            List<Double> arrowTotals = arrow.stream().map(Phases::total).toList();
            double arrowMedian = Stats.median(arrowTotals);
            double parquetMedian = Stats.median(parquet);
            out.printf(Locale.ROOT, "Arrow IPC hand-off (flow run, engine -> kernel -> engine): median %.0f ms %s = %.2f GB/s%n",
                    arrowMedian, Stats.list(arrowTotals), arrowBytes / 1e9 / (arrowMedian / 1e3));
            out.printf(Locale.ROOT, "  input written %.0f ms, cell %.0f ms, output read %.0f ms (medians)%n",
                    Stats.median(arrow.stream().map(Phases::input).toList()), Stats.median(arrow.stream().map(Phases::cell).toList()),
                    Stats.median(arrow.stream().map(Phases::output).toList()));
            out.printf(Locale.ROOT, "Parquet files (DuckDB COPY -> polars read/write_parquet -> DuckDB read): median %.0f ms %s = %.2f GB/s%n",
                    parquetMedian, Stats.list(parquet), arrowBytes / 1e9 / (parquetMedian / 1e3));
            out.printf(Locale.ROOT, "ratio Parquet / Arrow: %.2fx (goal >= 5x, and >= 2 GB/s)%n", parquetMedian / arrowMedian);
            out.flush();
            floors(out, plane, duckDb, arrowBytes, parquetMedian);
            plane.manager().stop(KERNEL, "benchmark done");
        }
        return 0;
    }

    /** The in-memory Arrow size of the data: the size of the uncompressed Arrow IPC file. */
    private static long arrowSize(Statement statement) throws Exception {
        Path file = Files.createTempFile("handoff", ".arrow");
        try (var exchange = new ArrowExchange()) {
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

    /** The Python node's time in a flow run, in milliseconds, and where it went. */
    private record Phases(double total, double input, double output) {
        double cell() {
            return total - input - output;
        }
    }

    /** The Python node's time in a flow run: input to Arrow, the cell, the output back into DuckDB. */
    private static Phases arrowPath(FlowEngine flows, ValidatedFlow validated) {
        List<NodeEvent.Exchanged> exchanged = new CopyOnWriteArrayList<>();
        RunResult result = flows.run(validated, ExecutionMode.PERFORMANCE, event -> {
            if (event instanceof NodeEvent.Exchanged crossing) {
                exchanged.add(crossing);
            }
        });
        if (!(result.outcomes().get("python") instanceof NodeEvent.Succeeded succeeded)) {
            throw new IllegalStateException("the hand-off flow failed: " + result.errors());
        }
        return new Phases(succeeded.duration().toNanos() / 1e6, millis(exchanged, NodeEvent.Exchanged.Direction.INPUT),
                millis(exchanged, NodeEvent.Exchanged.Direction.OUTPUT));
    }

    private static double millis(List<NodeEvent.Exchanged> events, NodeEvent.Exchanged.Direction direction) {
        return events.stream().filter(event -> event.direction() == direction).mapToLong(event -> event.duration().toNanos()).sum() / 1e6;
    }

    /**
     * What no hand-off through files can beat on this machine, each part timed alone: DuckDB's
     * export of the table as Arrow (no file), writing the Arrow bytes once into a new file on the
     * exchange file system (the input), and Polars alone in the kernel reading the input and writing
     * it back (what {@code publish_output(read_input())} must do at the least).
     */
    private static void floors(PrintWriter out, KernelPlane plane, Connection duckDb, long arrowBytes, double parquetMedian)
            throws Exception {
        KernelGateway.ExchangeArea area = plane.gateway().openExchange(KERNEL, "floor-bench", "python");
        try (var exchange = new ArrowExchange()) {
            Path input = area.inputs().resolve("main-0.arrow");
            exchange.write(duckDb, "handoff", input);
            List<Double> export = new ArrayList<>();
            List<Double> write = new ArrayList<>();
            List<Double> polars = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                export.add(exportOnly(duckDb));
                write.add(writeOnce(input, area.hostDirectory().resolve("copy.arrow")));
                polars.add(polarsOnly(plane, area, input));
            }
            double floor = Stats.median(export) + Stats.median(write) + Stats.median(polars);
            out.printf(Locale.ROOT, "Floors on this machine (medians of 3, each part alone): DuckDB Arrow export %.0f ms; "
                            + "one write of the %.0f MB into a new exchange file %.0f ms (%.2f GB/s); Polars read+write in the kernel %.0f ms%n",
                    Stats.median(export), arrowBytes / 1e6, Stats.median(write), arrowBytes / 1e9 / (Stats.median(write) / 1e3),
                    Stats.median(polars));
            out.printf(Locale.ROOT, "  export + input write + Polars alone (which writes the output) = %.0f ms, before the engine reads anything back: at most %.2f GB/s and %.1fx "
                            + "the Parquet path on this machine (2 GB/s would be %.0f ms for the whole trip; 5x would be %.0f ms)%n",
                    floor, arrowBytes / 1e9 / (floor / 1e3), parquetMedian / floor, arrowBytes / 2e9 * 1e3, parquetMedian / 5);
            out.flush();
        } finally {
            plane.gateway().closeExchange(area);
        }
    }

    private static double exportOnly(Connection duckDb) throws Exception {
        try (var allocator = new RootAllocator();
             Statement statement = duckDb.createStatement()) {
            long start = System.nanoTime();
            try (ResultSet result = statement.executeQuery("SELECT * FROM handoff");
                 var reader = (ArrowReader) result.unwrap(DuckDBResultSet.class)
                         .arrowExportStream(allocator, ArrowExchange.BATCH_ROWS)) {
                while (reader.loadNextBatch()) {
                    reader.getVectorSchemaRoot().getRowCount();
                }
            }
            return Stats.millis(start);
        }
    }

    /** Copies {@code source} (already in memory) into a new file, as one write of its bytes. */
    private static double writeOnce(Path source, Path target) throws Exception {
        try (var in = FileChannel.open(source)) {
            var mapped = in.map(FileChannel.MapMode.READ_ONLY, 0, in.size());
            mapped.load();
            long start = System.nanoTime();
            try (var outChannel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (mapped.hasRemaining()) {
                    outChannel.write(mapped);
                }
            }
            double millis = Stats.millis(start);
            Files.delete(target);
            return millis;
        }
    }

    private static double polarsOnly(KernelPlane plane, KernelGateway.ExchangeArea area, Path input) throws Exception {
        Path output = area.outputs().resolve("main.arrow");
        long start = System.nanoTime();
        ExecutionResult result = plane.manager().client(KERNEL).execute("import polars as pl\npl.scan_ipc("
                + Sql.literal(area.kernelPath(input)) + ").sink_ipc(" + Sql.literal(area.kernelPath(output))
                + ", compression='uncompressed', compat_level=pl.CompatLevel.newest())", Duration.ofMinutes(5));
        double millis = Stats.millis(start);
        if (!result.ok()) {
            throw new IllegalStateException("Polars alone failed: " + result.errorValue());
        }
        Files.delete(output);
        return millis;
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
            plane.gateway().closeExchange(area); // removes the two files with it
        }
    }
}
