package io.flowfile.app.bench;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.exec.RunListener;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.Sql;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code flowfile bench engine}: the orders pipeline through our engine against one hand-written
 * DuckDB statement, same data, same process, same DuckDB settings; then validation + planning of a
 * generated 1,000-node flow.
 */
@Command(name = "engine", description = "Engine vs hand-written DuckDB SQL on the orders pipeline; planning time of a 1,000-node flow.")
public final class EngineBenchmark implements Callable<Integer> {

    static final String HAND_WRITTEN = """
            COPY (
              SELECT c.country, c.segment, sum(o.amount * (1 - o.discount)) AS revenue, count(o.order_id) AS orders
              FROM read_parquet(%s) AS o
              JOIN read_parquet(%s) AS c ON o.customer_id = c.customer_id
              WHERE o.status IN ('shipped', 'delivered')
              GROUP BY c.country, c.segment
              ORDER BY revenue DESC
            ) TO %s (FORMAT parquet, COMPRESSION zstd)""";

    private static final int PLANNING_WARM_UP = 10;

    @Option(names = "--rows", defaultValue = "10000000", description = "Orders rows (default: 10,000,000).")
    long rows;

    @Option(names = "--customers", defaultValue = "100000", description = "Customers rows (default: 100,000).")
    long customers;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each side after one warm-up (default: 5).")
    int runs;

    @Option(names = "--nodes", defaultValue = "1000", description = "Nodes of the generated flow for the planning benchmark.")
    int nodes;

    @Option(names = "--planning-rounds", defaultValue = "40", description = "Timed rounds of the planning benchmark (default: 40).")
    int planningRounds;

    @Option(names = "--dir", defaultValue = "bench-data", description = "Where the generated data goes (default: ./bench-data).")
    Path directory;

    @Mixin
    EngineOptions engineOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1 || runs > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be between 1 and 50");
        }
        if (planningRounds < 1 || planningRounds > 200) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--planning-rounds must be between 1 and 200");
        }
        Path data = directory.toAbsolutePath();
        EngineConfig config = engineOptions.config();
        out.printf(Locale.ROOT, "Machine: %d cores, %s; Java %s; DuckDB threads %d, memory limit %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), Runtime.version(),
                config.duckDbThreads(), config.memoryLimit());
        // Planning first: it needs no data, and it then runs in a JVM the 10M-row pipeline has not grown.
        planning(out);
        try (Connection duckDb = open(config); FlowEngine engine = engineOptions.start()) {
            if (!Files.exists(data.resolve("orders.parquet")) || !Files.exists(data.resolve(".rows-" + rows + "-" + customers))) {
                out.printf(Locale.ROOT, "Generating %,d orders and %,d customers in %s ...%n", rows, customers, data);
                long start = System.nanoTime();
                BenchData.generate(duckDb, data, rows, customers);
                Files.writeString(data.resolve(".rows-" + rows + "-" + customers), "");
                out.printf(Locale.ROOT, "  generated in %.1f s%n", Stats.millis(start) / 1000);
            }
            out.flush();
            pipeline(out, engine, duckDb, data);
        }
        return 0;
    }

    private void pipeline(PrintWriter out, FlowEngine engine, Connection duckDb, Path data) throws Exception {
        FlowDocument flow = engine.flowCodec().read(resource("bench/orders-pipeline.yaml"), FlowFormat.YAML);
        Path flowOutput = data.resolve("out-flow.parquet");
        Path sqlOutput = data.resolve("out-sql.parquet");
        Map<String, String> parameters = Map.of("data", data.toString(), "output", flowOutput.toString());
        String sql = HAND_WRITTEN.formatted(Sql.literal(data.resolve("orders.parquet")),
                Sql.literal(data.resolve("customers.parquet")), Sql.literal(sqlOutput));
        var engineTimes = new ArrayList<Double>();
        var sqlTimes = new ArrayList<Double>();
        for (int run = 0; run <= runs; run++) {
            long start = System.nanoTime();
            ValidatedFlow validated = engine.validate(flow, data, parameters);
            RunResult result = engine.run(validated, ExecutionMode.PERFORMANCE, RunListener.NONE);
            double engineMillis = Stats.millis(start);
            if (!result.succeeded()) {
                throw new IllegalStateException("the benchmark flow failed: " + result.errors());
            }
            start = System.nanoTime();
            try (Statement statement = duckDb.createStatement()) {
                statement.execute(sql);
            }
            double sqlMillis = Stats.millis(start);
            if (run > 0) {
                engineTimes.add(engineMillis);
                sqlTimes.add(sqlMillis);
            }
        }
        requireSameRows(duckDb, flowOutput, sqlOutput);
        double engineMedian = Stats.median(engineTimes);
        double sqlMedian = Stats.median(sqlTimes);
        out.printf(Locale.ROOT, "%nPipeline read -> filter -> formula -> join -> group by -> sort -> write, %,d orders (%d runs after a warm-up)%n",
                rows, runs);
        out.printf(Locale.ROOT, "  (a) flow through the engine (validate + plan + run): median %8.1f ms  runs %s%n", engineMedian, Stats.list(engineTimes));
        out.printf(Locale.ROOT, "  (b) hand-written DuckDB SQL:                         median %8.1f ms  runs %s%n", sqlMedian, Stats.list(sqlTimes));
        out.printf(Locale.ROOT, "  ratio (a)/(b) = %.3f (goal <= 1.10); outputs identical%n", engineMedian / sqlMedian);
        out.flush();
    }

    /**
     * Cold: a fresh engine, nothing bound before. Edit: the same engine after one node's expression
     * changed. The first {@link #PLANNING_WARM_UP} rounds only warm up the JVM (class loading, JIT),
     * as a running server is; each round still starts from a fresh engine and binds every query.
     */
    private void planning(PrintWriter out) {
        FlowDocument flow = GeneratedFlow.of(nodes);
        var cold = new ArrayList<Double>();
        var edited = new ArrayList<Double>();
        int stages = 0;
        for (int run = 1 - PLANNING_WARM_UP; run <= planningRounds; run++) {
            try (FlowEngine engine = engineOptions.start()) {
                long start = System.nanoTime();
                stages = validateAndPlan(engine, flow);
                double coldMillis = Stats.millis(start);
                start = System.nanoTime();
                validateAndPlan(engine, GeneratedFlow.edit(flow, run + PLANNING_WARM_UP));
                double editMillis = Stats.millis(start);
                if (run > 0) {
                    cold.add(coldMillis);
                    edited.add(editMillis);
                }
            }
        }
        out.printf(Locale.ROOT, "Validation + schema propagation + planning of a generated %,d-node flow (%d stages; %d rounds after %d warm-up rounds; goal <= 100 ms)%n",
                flow.nodes().size(), stages, planningRounds, PLANNING_WARM_UP);
        out.printf(Locale.ROOT, "  cold (fresh engine, every expression bound by DuckDB): median %6.1f ms  runs %s%n",
                Stats.median(cold), Stats.list(cold));
        out.printf(Locale.ROOT, "  after editing one node (re-validation):              median %6.1f ms  runs %s%n",
                Stats.median(edited), Stats.list(edited));
        out.flush();
    }

    private int validateAndPlan(FlowEngine engine, FlowDocument flow) {
        ValidatedFlow validated = engine.validate(flow, directory.toAbsolutePath(), Map.of());
        if (!validated.valid()) {
            throw new IllegalStateException("the generated flow is invalid: " + validated.problems());
        }
        return engine.plan(validated, ExecutionMode.PERFORMANCE).stages().size();
    }

    private static void requireSameRows(Connection duckDb, Path flowOutput, Path sqlOutput) throws Exception {
        // Sums of doubles depend on the order DuckDB adds them in: revenue may differ in its last digits.
        String difference = "SELECT count(*) FROM read_parquet(%s) AS a FULL JOIN read_parquet(%s) AS b USING (country, segment)"
                + " WHERE a.orders IS DISTINCT FROM b.orders OR a.revenue IS NULL OR b.revenue IS NULL"
                + " OR abs(a.revenue - b.revenue) > 1e-9 * abs(b.revenue)";
        try (Statement statement = duckDb.createStatement();
             ResultSet result = statement.executeQuery(difference.formatted(Sql.literal(flowOutput), Sql.literal(sqlOutput)))) {
            result.next();
            if (result.getLong(1) != 0) {
                throw new IllegalStateException("the flow and the hand-written SQL wrote different rows");
            }
        }
    }

    private static Connection open(EngineConfig config) throws Exception {
        var properties = new Properties();
        properties.setProperty("threads", Integer.toString(config.duckDbThreads()));
        properties.setProperty("memory_limit", config.memoryLimit());
        properties.setProperty("temp_directory", config.dataDirectory().resolve("spill").toString());
        return DuckDb.connect(properties);
    }

    private static String resource(String name) throws Exception {
        try (var stream = EngineBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
