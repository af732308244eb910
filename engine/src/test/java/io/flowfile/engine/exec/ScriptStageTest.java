package io.flowfile.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.Problem;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.PlanPrinter;
import io.flowfile.engine.testing.Flows;
import io.flowfile.engine.testing.SqlKernelGateway;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodeErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code nodes in the engine: Arrow hand-off, schemas, caching and cancellation, on a hand-written SQL "kernel". */
class ScriptStageTest {

    @TempDir
    Path dir;

    private SqlKernelGateway kernels;
    private FlowEngine engine;
    private final List<NodeEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        kernels = new SqlKernelGateway(Files.createDirectories(dir.resolve("exchange")), "sql");
        engine = Flows.engine(dir.resolve("data"), kernels);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static String flow(String script, boolean downstream) {
        return """
                flowfile: 1
                name: scripted
                nodes:
                  - {id: source, type: test_table, settings: {columns: "x INTEGER, name VARCHAR", rows: ["(1, 'a')", "(2, 'b')", "(3, 'c')"]}}
                  - {id: py, type: test_script, settings: %s}
                """.formatted(script)
                + (downstream ? "  - {id: after, type: test_query, settings: {sql: \"SELECT x * 10 AS x10 FROM {main}\"}}\n" : "")
                + "edges:\n  - {from: source, to: py}\n"
                + (downstream ? "  - {from: py, to: after}\n" : "");
    }

    private ValidatedFlow valid(String text) {
        ValidatedFlow flow = engine.validate(Flows.yaml(text), dir, Map.of());
        assertThat(flow.problems()).isEmpty();
        return flow;
    }

    private List<String> rows(ValidatedFlow flow, String node, ExecutionMode mode) {
        return engine.preview(flow, new RelationId(node, "main"), 100, mode, true).rows().stream()
                .map(row -> String.join(",", row.stream().map(String::valueOf).toList())).toList();
    }

    @Test
    void inputsGoToTheKernelAsArrowAndThePublishedOutputComesBack() throws Exception {
        ValidatedFlow flow = valid(flow("{kernel: sql, cells: [\"SELECT x, upper(name) AS name FROM main WHERE x > 1\"], "
                + "declared: {x: INTEGER, name: VARCHAR}}", true));
        assertThat(PlanPrinter.explain(engine.plan(flow, ExecutionMode.PERFORMANCE))).contains("run py on kernel 'sql'")
                .contains("inputs as Arrow IPC files: source\n");
        RunResult result = engine.run(flow, ExecutionMode.PERFORMANCE, events::add);
        assertThat(result.state()).as(result.errors().toString()).isEqualTo(RunResult.State.SUCCEEDED);
        assertThat(((NodeEvent.Succeeded) result.outcomes().get("py")).rows()).isEqualTo(2);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(NodeEvent.Output.class,
                output -> assertThat(output.text()).startsWith("ran SELECT x, upper(name)")));
        assertThat(events).filteredOn(NodeEvent.Exchanged.class::isInstance).map(NodeEvent.Exchanged.class::cast)
                .extracting(event -> event.nodeId() + " " + event.direction() + " " + event.port() + " " + event.rows())
                .containsExactly("py INPUT main 3", "py OUTPUT main 2");
        assertThat(events).filteredOn(NodeEvent.Exchanged.class::isInstance).map(NodeEvent.Exchanged.class::cast)
                .allSatisfy(event -> assertThat(event.bytes()).as("the Arrow file's size").isGreaterThan(100));
        assertThat(rows(flow, "after", ExecutionMode.PERFORMANCE)).containsExactly("20", "30");
        assertThat(kernels.exchangesLeft()).as("exchange directories are removed").isFalse();
    }

    @Test
    void anUndeclaredSchemaIsKnownAfterTheNodeRanAndThenChecked() {
        String script = "{kernel: sql, cells: [\"SELECT x FROM main\"]}";
        ValidatedFlow before = engine.validate(Flows.yaml(flow(script, true)), dir, Map.of());
        assertThat(before.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.nodeId()).isEqualTo("py");
            assertThat(problem.path()).isEqualTo("settings.output_schemas.main");
            assertThat(problem.code()).isEqualTo(EngineErrorCode.SCHEMA_UNKNOWN);
        });
        assertThat(engine.run(valid(flow(script, false)), ExecutionMode.PERFORMANCE, events::add).state())
                .isEqualTo(RunResult.State.SUCCEEDED);
        ValidatedFlow after = valid(flow(script, true));
        assertThat(rows(after, "after", ExecutionMode.PERFORMANCE)).containsExactly("10", "20", "30");
    }

    @Test
    void columnsThatChangedSinceTheLastRunFailOnceAndAreKnownAtTheNextValidation() throws Exception {
        Path data = dir.resolve("columns.csv");
        Files.writeString(data, "x\n1\n2\n");
        String script = "{kernel: sql, cells: [\"SELECT * FROM read_csv('" + data + "')\"]}"; // its columns come from the file
        assertThat(engine.run(valid(flow(script, false)), ExecutionMode.PERFORMANCE, events::add).state()).isEqualTo(RunResult.State.SUCCEEDED);
        ValidatedFlow before = valid(flow(script, true));
        Files.writeString(data, "x,y\n1,5\n2,6\n");
        RunResult changed = engine.run(before, ExecutionMode.PERFORMANCE, events::add);
        assertThat(changed.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(NodeErrorCode.OUTPUT_MISMATCH);
            assertThat(error.message()).contains("published in an earlier run", "validate the flow again");
        });
        RunResult again = engine.run(valid(flow(script, true)), ExecutionMode.PERFORMANCE, events::add);
        assertThat(again.state()).as(again.errors().toString()).isEqualTo(RunResult.State.SUCCEEDED);
    }

    @Test
    void publishedColumnsThatDifferFromTheDeclaredOnesFailTheNode() {
        ValidatedFlow flow = valid(flow("{kernel: sql, cells: [\"SELECT x::VARCHAR AS x FROM main\"], declared: {x: INTEGER}}", true));
        RunResult result = engine.run(flow, ExecutionMode.PERFORMANCE, events::add);
        assertThat(result.state()).isEqualTo(RunResult.State.FAILED);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.nodeId()).isEqualTo("py");
            assertThat(error.code()).isEqualTo(NodeErrorCode.OUTPUT_MISMATCH);
            assertThat(error.message()).contains("declares output 'main' as (x INTEGER) but its code published (x VARCHAR)");
        });
    }

    @Test
    void nothingDownstreamOfACodeNodeComesFromTheCache() {
        // The "kernel" answers differently on every run, as code with randomness or state may.
        ValidatedFlow flow = valid(flow("{kernel: sql, cells: [\"SELECT x + {run} AS x FROM main\"], declared: {x: INTEGER}}", true));
        assertThat(rows(flow, "after", ExecutionMode.DEVELOPMENT)).containsExactly("20", "30", "40");
        assertThat(rows(flow, "after", ExecutionMode.DEVELOPMENT)).containsExactly("30", "40", "50");
    }

    @Test
    void aMissingKernelFailsValidationAndAnErrorInTheCodeFailsTheNode() {
        ValidatedFlow missing = engine.validate(Flows.yaml(flow("{kernel: other, cells: [\"SELECT 1\"]}", false)), dir, Map.of());
        assertThat(missing.problems()).extracting(Problem::code).containsExactly(NodeErrorCode.KERNEL_UNAVAILABLE);
        RunResult failed = engine.run(valid(flow("{kernel: sql, cells: [FAIL]}", false)), ExecutionMode.PERFORMANCE, events::add);
        assertThat(failed.errors()).singleElement().satisfies(error -> assertThat(error.code()).isEqualTo(NodeErrorCode.SCRIPT_FAILED));
    }

    @Test
    void cancellingTheRunInterruptsTheCodeAndTheNextRunIsUnaffected() throws Exception {
        ValidatedFlow waiting = valid(flow("{kernel: sql, cells: [WAIT], declared: {x: INTEGER}}", false));
        try (FlowRun run = engine.start(engine.plan(waiting, ExecutionMode.PERFORMANCE), events::add)) {
            CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(run::execute);
            assertThat(kernels.waiting.await(30, TimeUnit.SECONDS)).isTrue();
            run.cancel();
            RunResult cancelled = result.get(30, TimeUnit.SECONDS);
            assertThat(cancelled.state()).isEqualTo(RunResult.State.CANCELLED);
            assertThat(cancelled.outcomes().get("py")).isInstanceOf(NodeEvent.Cancelled.class);
        }
        assertThat(kernels.exchangesLeft()).isFalse();
        // The stage threads are shared by runs: the cancel must not reach the next one.
        for (int i = 0; i < 3; i++) {
            ValidatedFlow next = valid(flow("{kernel: sql, cells: [\"SELECT x FROM main\"], declared: {x: INTEGER}}", true));
            assertThat(engine.run(next, ExecutionMode.PERFORMANCE, events::add).state()).isEqualTo(RunResult.State.SUCCEEDED);
        }
    }
}
