package io.flowfile.app.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.cli.FlowfileCommand;
import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;
import io.flowfile.engine.duckdb.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flows with Python Script nodes, run by the command line on a real kernel in Docker. */
class PythonScriptFlowIT {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static Path dir;

    @BeforeAll
    static void defineKernels() throws Exception {
        dir = Files.createTempDirectory("flowfile-python-it");
        assertThat(flowfile("kernel", "--data-dir", data(), "define", "examples", "--memory-gb", "1").exitCode()).isZero();
        assertThat(flowfile("kernel", "--data-dir", data(), "define", "idle", "--memory-gb", "1").exitCode()).isZero();
    }

    @AfterAll
    static void stopKernels() {
        try (KernelPlane plane = KernelPlane.open(Path.of(data()), java.util.Optional.empty())) {
            plane.manager().close();
        }
    }

    private static String data() {
        return dir.resolve("data").toString();
    }

    private static Outcome flowfile(String... args) {
        return Cli.run(Path.of(data()), args);
    }

    private static Outcome run(Path flow, String... extra) {
        var args = new ArrayList<>(List.of("run", flow.toString()));
        args.addAll(List.of(extra));
        return flowfile(args.toArray(String[]::new));
    }

    private static Path flow(String name, String kernel, String cells, String extraSettings, boolean downstream) throws Exception {
        var text = new StringBuilder();
        text.append("flowfile: 1\nname: ").append(name).append("\nnodes:\n")
                .append("  - id: orders\n    type: read_csv\n    settings:\n      path: ").append(EXAMPLES.resolve("sales/orders.csv")).append('\n')
                .append("  - id: py\n    type: python_script\n    settings:\n      kernel_id: ").append(kernel).append('\n')
                .append("      cells:\n").append(cells).append('\n');
        if (!extraSettings.isEmpty()) {
            text.append(extraSettings).append('\n');
        }
        if (downstream) {
            text.append("  - id: out\n    type: write_parquet\n    settings:\n      path: ").append(dir.resolve(name + ".parquet")).append('\n');
        }
        text.append("edges:\n  - from: orders\n    to: py\n");
        if (downstream) {
            text.append("  - from: py\n    to: out\n");
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text.toString());
        return file;
    }

    private static String cell(String code) {
        return "        - |\n" + code.lines().map(line -> "          " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static List<String> rows(Path parquet, String query) throws Exception {
        try (var connection = DuckDb.connect(new Properties());
             var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query.replace("FILE", "read_parquet('" + parquet + "')"))) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    @Test
    void theExampleFlowScoresOrdersInPython() throws Exception {
        Path out = dir.resolve("example-out");
        Outcome run = run(EXAMPLES.resolve("python/order-scores.yaml"), "--param", "output_dir=" + out);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[INFO] scoring 12 orders").contains("| total revenue 2063.0")
                .contains("score   python_script  succeeded  12 rows");
        // Orders with quantity * unit_price >= 100 in orders.csv (awk -F, 'NR>1 {r=$5*$6} r>=100'): 8, summing to 1844.
        assertThat(rows(out.resolve("big-orders.parquet"), "SELECT count(*) || ' ' || sum(revenue) FROM FILE"))
                .containsExactly("8 1844.0");
    }

    private static final String REVENUE_MODEL = """
            flowfile_node: 1
            type: fit_revenue_model
            title: Fit a revenue model
            category: script
            inputs: [main]
            form:
              sections:
                - title: Model
                  components:
                    - {name: target, kind: column, label: Target, column_types: numeric, required: true}
                    - {name: feature, kind: column, label: Feature, column_types: numeric, required: true}
                    - {name: artifact, kind: text, label: Artifact name, default: revenue_model}
            implementation:
              kind: python
              requirements: [REQUIREMENTS]
              code: |
                from sklearn.linear_model import LinearRegression
                frame = inputs["main"].collect()
                x = frame.select(settings["feature"]).to_numpy()
                model = LinearRegression().fit(x, frame[settings["target"]].to_numpy())
                flowfile.publish_artifact(settings["artifact"], model)
                print(f"fitted on {frame.height} orders; published", settings["artifact"], type(flowfile.read_artifact(settings["artifact"])).__name__)
                return frame.select(settings["feature"], settings["target"]).with_columns(prediction=model.predict(x))
              output_schemas:
                main: {quantity: BIGINT, unit_price: DOUBLE, prediction: DOUBLE}
            """;

    private static Path customFlow(String name) throws Exception {
        String text = "flowfile: 1\nname: " + name + "\nnodes:\n"
                + "  - {id: orders, type: read_csv, settings: {path: " + EXAMPLES.resolve("sales/orders.csv") + "}}\n"
                + "  - {id: model, type: fit_revenue_model, settings: {kernel_id: examples, start_kernel: true, target: unit_price, "
                + "feature: quantity}}\n"
                + "  - {id: out, type: write_parquet, settings: {path: " + dir.resolve(name + ".parquet") + "}}\n"
                + "edges: [{from: orders, to: model}, {from: model, to: out}]\n";
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aPythonNodeTypeFitsAScikitLearnModelOnTheKernelAndPublishesIt() throws Exception {
        Path types = Path.of(data()).resolve("node-types");
        Files.createDirectories(types);
        Files.writeString(types.resolve("fit_revenue_model.yaml"), REVENUE_MODEL.replace("REQUIREMENTS", "scikit-learn>=1.0, polars"));
        try {
            Outcome schema = flowfile("schema", "fit_revenue_model", "--data-dir", data());
            assertThat(schema.out()).contains("\"x-flowfile-column\" : \"main\"").contains("\"kernel_id\"");
            Outcome run = run(customFlow("custom-python"));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("fitted on 12 orders; published revenue_model LinearRegression").containsPattern("model +fit_revenue_model +succeeded +12 rows");
            assertThat(rows(dir.resolve("custom-python.parquet"), "SELECT count(*) || ' ' || count(prediction) FROM FILE"))
                    .containsExactly("12 12");

            // a package the kernel's environment lacks is named, with the kernel, before anything runs
            Files.writeString(types.resolve("fit_revenue_model.yaml"), REVENUE_MODEL.replace("REQUIREMENTS", "scikit-learn>=99, xgboost"));
            Outcome missing = run(customFlow("custom-missing"));
            assertThat(missing.exitCode()).isEqualTo(FlowfileCommand.INVALID);
            assertThat(missing.err()).contains("kernel 'examples' lacks what node type 'fit_revenue_model' requires: "
                    + "scikit-learn>=99 (1.9.1 installed), xgboost (not installed)");
        } finally {
            Files.delete(types.resolve("fit_revenue_model.yaml"));
        }
    }

    @Test
    void aPythonNodeTypeCanPredictItsColumnsBeforeItRuns() throws Exception {
        Path types = Path.of(data()).resolve("node-types");
        Files.createDirectories(types);
        String predicting = REVENUE_MODEL.replace("REQUIREMENTS", "scikit-learn").replace("""
                  output_schemas:
                    main: {quantity: BIGINT, unit_price: DOUBLE, prediction: DOUBLE}
                """, """
                  predict_schema: |
                    columns = {settings["feature"]: input_schemas["main"][settings["feature"]],
                               settings["target"]: input_schemas["main"][settings["target"]]}
                    columns["prediction"] = "DOUBLE"
                    return columns
                """);
        assertThat(predicting).contains("predict_schema");
        Files.writeString(types.resolve("fit_revenue_model.yaml"), predicting);
        try {
            assertThat(flowfile("kernel", "--data-dir", data(), "start", "examples").exitCode()).isZero();
            // the nodes after it validate before any run of it: its columns come from predict_schema on the kernel
            Outcome validated = flowfile("validate", customFlow("custom-predicted").toString());
            assertThat(validated.exitCode()).as(validated.out() + validated.err()).isZero();
            Outcome run = run(customFlow("custom-predicted"));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(dir.resolve("custom-predicted.parquet"), "SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM FILE)"))
                    .containsExactly("quantity BIGINT, unit_price DOUBLE, prediction DOUBLE");

            Files.writeString(types.resolve("fit_revenue_model.yaml"), predicting.replace("return columns", "return ['not', 'columns']"));
            Outcome wrong = flowfile("validate", customFlow("custom-wrong").toString());
            assertThat(wrong.exitCode()).isEqualTo(FlowfileCommand.INVALID);
            assertThat(wrong.err()).contains("predict_schema of node type 'fit_revenue_model' must return {column: DuckDB type}");
        } finally {
            Files.delete(types.resolve("fit_revenue_model.yaml"));
        }
    }

    @Test
    void aPythonExceptionFailsTheNodeWithItsTraceback() throws Exception {
        Path flow = flow("failing", "examples", cell("def check(n):\n    raise ValueError(f'bad order count {n}')\ncheck(flowfile.read_input().collect().height)"),
                "      start_kernel: true", false);
        Outcome run = run(flow);
        assertThat(run.exitCode()).isEqualTo(FlowfileCommand.RUN_FAILED);
        assertThat(run.out()).contains("cell 1 of node 'py' raised ValueError: bad order count 12").contains("check(");
    }

    @Test
    void aMissingOrStoppedKernelFailsValidationSayingWhatToDo() throws Exception {
        Outcome missing = run(flow("missing", "nope", cell("pass"), "", false));
        assertThat(missing.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(missing.err()).contains("kernel 'nope' does not exist; define it with 'flowfile kernel define nope'");
        Outcome stopped = run(flow("stopped", "idle", cell("pass"), "", false));
        assertThat(stopped.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(stopped.err()).contains("kernel 'idle' is STOPPED").contains("or set start_kernel: true");
    }

    @Test
    void aDeclaredSchemaIsCheckedAgainstWhatTheCodePublishes() throws Exception {
        Path flow = flow("mismatch", "examples", cell("flowfile.publish_output(flowfile.read_input().select('order_id'))"),
                "      start_kernel: true\n      output_schemas:\n        main:\n          order_id: VARCHAR", true);
        Outcome run = run(flow);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(FlowfileCommand.RUN_FAILED);
        assertThat(run.out()).contains("node 'py' declares output 'main' as (order_id VARCHAR) but its code published (order_id BIGINT)");
    }

    @Test
    void anUndeclaredSchemaIsKnownAfterTheNodeRanOnce() throws Exception {
        String code = cell("flowfile.publish_output(flowfile.read_input().select('order_id', 'status'))");
        String start = "      start_kernel: true";
        Outcome before = run(flow("later", "examples", code, start, true));
        assertThat(before.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(before.err()).contains("node 'py', settings.output_schemas.main: the columns of output 'main' are known only once the node has run")
                .contains("[SCHEMA_UNKNOWN]");
        assertThat(run(flow("alone", "examples", code, start, false)).exitCode()).isZero();
        Outcome after = run(flow("later", "examples", code, start, true));
        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
        assertThat(rows(dir.resolve("later.parquet"), "SELECT count(*) FROM FILE")).containsExactly("12");
    }

    /** Strings and binaries cross as Arrow views; nested, dictionary-encoded and decimal columns too. */
    @Test
    void whatTheCodePublishesComesBackValueForValue() throws Exception {
        String code = cell("""
                import datetime, decimal
                import polars as pl
                long = 'a string longer than twelve bytes'
                flowfile.publish_output(pl.DataFrame({
                    'i': [1, 2, 3, 4],
                    's': ['a', None, long, ''],
                    'b': [b'x', None, b'y' * 40, b''],
                    'c': pl.Series(['p', 'q', None, 'p'], dtype=pl.Categorical),
                    'e': pl.Series(['lo', 'hi', 'lo', None], dtype=pl.Enum(['lo', 'hi'])),
                    'l': [['x', long], None, [], [None]],
                    'st': [{'k': 'v', 'n': 1}, None, {'k': long, 'n': 2}, {'k': None, 'n': None}],
                    'd': [datetime.date(2026, 1, 1), None, datetime.date(1999, 12, 31), datetime.date(2026, 11, 21)],
                    'dec': pl.Series([decimal.Decimal('1.25'), None, decimal.Decimal('-3.50'), decimal.Decimal('0')], dtype=pl.Decimal(10, 2)),
                }))""");
        Outcome alone = run(flow("typed-alone", "examples", code, "      start_kernel: true", false)); // its columns become known
        assertThat(alone.exitCode()).as(alone.out() + alone.err()).isZero();
        Outcome run = run(flow("typed", "examples", code, "      start_kernel: true", true));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String agg = "string_agg(coalesce(%s, 'NULL'), ',' ORDER BY i)";
        String query = "SELECT " + String.join(" || ' / ' || ", List.of(agg.formatted("s"), agg.formatted("octet_length(b)::VARCHAR"),
                agg.formatted("c::VARCHAR"), agg.formatted("e::VARCHAR"), agg.formatted("l[2]"), agg.formatted("len(l)::VARCHAR"),
                agg.formatted("st.k"), agg.formatted("d::VARCHAR"), agg.formatted("dec::VARCHAR"))) + " FROM FILE";
        String longText = "a string longer than twelve bytes";
        assertThat(rows(dir.resolve("typed.parquet"), query)).containsExactly(String.join(" / ",
                "a,NULL," + longText + ",", "1,NULL,40,0", "p,q,NULL,p", "lo,hi,lo,NULL", longText + ",NULL,NULL,NULL",
                "2,NULL,0,1", "v,NULL," + longText + ",NULL", "2026-01-01,NULL,1999-12-31,2026-11-21", "1.25,NULL,-3.50,0.00"));
    }

    @Test
    void twoFlowsOnOneKernelDoNotSeeEachOthersVariables() throws Exception {
        String start = "      start_kernel: true";
        Path first = flow("first", "examples", cell("import polars as pl\nsecret = 42\n"
                + "flowfile.publish_output(pl.DataFrame({'seen': ['secret' in globals()]}))"), start, true);
        Path second = flow("second", "examples", cell("import polars as pl\n"
                + "flowfile.publish_output(pl.DataFrame({'seen': ['secret' in globals()]}))"), start, true);
        String schema = "\n      output_schemas:\n        main:\n          seen: BOOLEAN";
        Files.writeString(first, Files.readString(first).replace(start, start + schema));
        Files.writeString(second, Files.readString(second).replace(start, start + schema));
        assertThat(run(first).exitCode()).isZero();
        assertThat(run(second).exitCode()).isZero();
        assertThat(rows(dir.resolve("first.parquet"), "SELECT seen FROM FILE")).containsExactly("true");
        assertThat(rows(dir.resolve("second.parquet"), "SELECT seen FROM FILE")).containsExactly("false");
    }

    @Test
    void cancellingTheRunInterruptsTheCell() throws Exception {
        Path flow = flow("sleepy", "examples", cell("import time\ntime.sleep(60)"), "      start_kernel: true", false);
        try (KernelPlane plane = KernelPlane.open(Path.of(data()), java.util.Optional.empty());
             var engine = io.flowfile.engine.FlowEngine.create(io.flowfile.engine.EngineConfig.defaults(Path.of(data())),
                     io.flowfile.engine.registry.NodeRegistry.load(getClass().getClassLoader()), plane.gateway())) {
            plane.manager().start("examples").get(60, java.util.concurrent.TimeUnit.SECONDS);
            var validated = engine.validate(engine.load(flow), flow.getParent(), java.util.Map.of());
            assertThat(validated.problems()).isEmpty();
            var events = new java.util.concurrent.CopyOnWriteArrayList<io.flowfile.engine.exec.NodeEvent>();
            try (var run = engine.start(engine.plan(validated, io.flowfile.engine.plan.ExecutionMode.PERFORMANCE), events::add)) {
                var result = java.util.concurrent.CompletableFuture.supplyAsync(run::execute);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while (events.stream().noneMatch(event -> event instanceof io.flowfile.engine.exec.NodeEvent.Running running
                        && running.nodeId().equals("py")) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // the node is running and its cell is on the kernel (not merely queued): then cancel
                while (plane.manager().info("examples").orElseThrow().state() != io.flowfile.kernel.manager.KernelState.EXECUTING
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(events).anyMatch(event -> event instanceof io.flowfile.engine.exec.NodeEvent.Running running
                        && running.nodeId().equals("py"));
                assertThat(plane.manager().info("examples").orElseThrow().state()).isEqualTo(io.flowfile.kernel.manager.KernelState.EXECUTING);
                long start = System.nanoTime();
                run.cancel();
                var outcome = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
                assertThat(outcome.state().name()).isEqualTo("CANCELLED");
                assertThat(outcome.outcomes().get("py")).isInstanceOf(io.flowfile.engine.exec.NodeEvent.Cancelled.class);
            }
            // The kernel took the interrupt and runs the next cell at once.
            var info = plane.manager().info("examples").orElseThrow();
            assertThat(info.state().name()).isIn("READY", "EXECUTING");
            assertThat(plane.manager().client("examples").execute("1 + 1", java.time.Duration.ofSeconds(10)).ok()).isTrue();
        }
    }
}
