package io.flowfile.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.testing.Flows;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodeErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRunTest {

    private static final String TWO_BRANCHES = """
            flowfile: 1
            name: branches
            nodes:
              - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)", "(2)", "(3)", "(4)"]}}
              - {id: even, type: test_query, settings: {sql: "SELECT * FROM {main} WHERE x % 2 = 0"}}
              - {id: odd, type: test_query, settings: {sql: "SELECT * FROM {main} WHERE x % 2 = 1"}}
              - {id: even_out, type: test_csv_sink, settings: {path: even.csv}}
              - {id: odd_out, type: test_csv_sink, settings: {path: odd.csv}}
            edges:
              - {from: source, to: even}
              - {from: source, to: odd}
              - {from: even, to: even_out}
              - {from: odd, to: odd_out}
            """;

    @TempDir
    Path dir;

    private FlowEngine engine;
    private final List<NodeEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        engine = Flows.engine(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private ValidatedFlow flow(String text) {
        ValidatedFlow flow = engine.validate(Flows.yaml(text), dir, Map.of());
        assertThat(flow.problems()).isEmpty();
        return flow;
    }

    @Test
    void runsBranchesAndReportsEveryNode() throws Exception {
        RunResult result = engine.run(flow(TWO_BRANCHES), ExecutionMode.PERFORMANCE, events::add);
        assertThat(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
        assertThat(Files.readAllLines(dir.resolve("even.csv"))).containsExactly("x", "2", "4");
        assertThat(Files.readAllLines(dir.resolve("odd.csv"))).containsExactly("x", "1", "3");
        assertThat(result.outcomes()).hasSize(5).allSatisfy((node, event) -> assertThat(event).isInstanceOf(NodeEvent.Succeeded.class));
        assertThat(((NodeEvent.Succeeded) result.outcomes().get("even_out")).rows()).isEqualTo(2);
        for (String node : List.of("source", "even", "odd", "even_out", "odd_out")) {
            assertThat(events.stream().filter(event -> event.nodeId().equals(node)).map(Object::getClass).toList())
                    .containsExactly(NodeEvent.Queued.class, NodeEvent.Running.class, NodeEvent.Succeeded.class);
        }
        assertThat(dir.toFile().list()).noneMatch(name -> name.contains(".tmp-"));
    }

    @Test
    void aFailureSkipsWhatDependsOnItAndLetsOtherBranchesFinish() throws Exception {
        String failing = TWO_BRANCHES.replace("WHERE x % 2 = 0", "WHERE CAST('x' || x AS INTEGER) > 0");
        RunResult result = engine.run(flow(failing), ExecutionMode.DEVELOPMENT, events::add);
        assertThat(result.state()).isEqualTo(RunResult.State.FAILED);
        assertThat(result.outcomes().get("even")).isInstanceOfSatisfying(NodeEvent.Failed.class, failed -> {
            assertThat(failed.error().code()).isEqualTo(EngineErrorCode.NODE_FAILED);
            assertThat(failed.error().message()).contains("x1");
        });
        assertThat(result.outcomes().get("even_out")).isInstanceOfSatisfying(NodeEvent.Skipped.class,
                skipped -> assertThat(skipped.reason()).contains("even"));
        assertThat(result.outcomes().get("odd_out")).isInstanceOf(NodeEvent.Succeeded.class);
        assertThat(Files.readAllLines(dir.resolve("odd.csv"))).containsExactly("x", "1", "3");
        assertThat(dir.resolve("even.csv")).doesNotExist();
    }

    @Test
    void anExistingOutputIsKeptWhenTheModeSaysFail() throws Exception {
        Files.writeString(dir.resolve("even.csv"), "precious\n");
        String failIfExists = TWO_BRANCHES.replace("{path: even.csv}", "{path: even.csv, mode: fail_if_exists}");
        RunResult result = engine.run(flow(failIfExists), ExecutionMode.PERFORMANCE, events::add);
        assertThat(result.outcomes().get("even_out")).isInstanceOfSatisfying(NodeEvent.Failed.class, failed -> {
            assertThat(failed.error().code()).isEqualTo(NodeErrorCode.OUTPUT_EXISTS);
            assertThat(failed.error().message()).contains(dir.resolve("even.csv").toString());
        });
        assertThat(Files.readString(dir.resolve("even.csv"))).isEqualTo("precious\n");
    }

    @Test
    void cancelStopsALongRunPromptly() throws Exception {
        String slow = """
                flowfile: 1
                name: slow
                nodes:
                  - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)"]}}
                  - id: heavy
                    type: test_query
                    settings: {sql: "SELECT count(*) AS n FROM {main}, range(200000000) a, range(100) b WHERE a.range * b.range % 7 = x"}
                  - {id: after, type: test_query, settings: {sql: "SELECT * FROM {main}"}}
                edges: [{from: source, to: heavy}, {from: heavy, to: after}]
                """;
        try (FlowRun run = engine.start(engine.plan(flow(slow), ExecutionMode.DEVELOPMENT), events::add)) {
            var executor = Executors.newSingleThreadExecutor();
            var future = executor.submit(run::execute);
            waitFor(() -> events.stream().anyMatch(event -> event instanceof NodeEvent.Running && event.nodeId().equals("heavy")));
            Thread.sleep(300);
            long cancelledAt = System.nanoTime();
            run.cancel();
            RunResult result = future.get(30, TimeUnit.SECONDS);
            Duration stopping = Duration.ofNanos(System.nanoTime() - cancelledAt);
            executor.shutdown();
            assertThat(result.state()).isEqualTo(RunResult.State.CANCELLED);
            assertThat(result.outcomes().get("heavy")).isInstanceOf(NodeEvent.Cancelled.class);
            assertThat(result.outcomes().get("after")).isInstanceOf(NodeEvent.Cancelled.class);
            assertThat(stopping).as("cancellation stops the statement rather than waiting for it").isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void reRunningAfterAnEditRecomputesOnlyTheEditedNodeAndWhatDependsOnIt() throws Exception {
        RunResult first = engine.run(flow(TWO_BRANCHES), ExecutionMode.DEVELOPMENT, events::add);
        assertThat(first.outcomes().values()).allSatisfy(event -> assertThat(((NodeEvent.Succeeded) event).cached()).isFalse());

        engine.close();
        engine = Flows.engine(dir.resolve("data"));
        RunResult unchanged = engine.run(flow(TWO_BRANCHES), ExecutionMode.DEVELOPMENT, events::add);
        assertThat(unchanged.outcomes().values()).allSatisfy(event -> assertThat(((NodeEvent.Succeeded) event).cached()).isTrue());

        RunResult edited = engine.run(flow(TWO_BRANCHES.replace("x % 2 = 0", "x % 2 = 0 AND x > 2")),
                ExecutionMode.DEVELOPMENT, events::add);
        Map<String, Boolean> cached = new java.util.TreeMap<>();
        edited.outcomes().forEach((node, event) -> cached.put(node, ((NodeEvent.Succeeded) event).cached()));
        assertThat(cached).isEqualTo(Map.of("source", true, "odd", true, "odd_out", true, "even", false, "even_out", false));
        assertThat(Files.readAllLines(dir.resolve("even.csv"))).containsExactly("x", "4");
    }

    @Test
    void aChangedSourceFileInvalidatesItsResult() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "x\n1\n2\n");
        String flow = """
                flowfile: 1
                name: file
                nodes:
                  - {id: total, type: test_query, settings: {sql: "SELECT sum(x) AS s FROM read_csv('PATH')", inputs: [], files: [in.csv]}}
                edges: []
                """.replace("PATH", dir.resolve("in.csv").toString());
        var relation = new RelationId("total", "main");
        assertThat(engine.preview(flow(flow), relation, 10, ExecutionMode.DEVELOPMENT, true).rows()).containsExactly(List.of("3"));
        Files.writeString(dir.resolve("in.csv"), "x\n1\n2\n3\n");
        assertThat(engine.preview(flow(flow), relation, 10, ExecutionMode.DEVELOPMENT, true).rows()).containsExactly(List.of("6"));
    }

    @Test
    void previewReadsTheFirstRowsOfAnyNode() {
        Table table = engine.preview(flow(TWO_BRANCHES), new RelationId("odd", "main"), 1, ExecutionMode.PERFORMANCE, false);
        assertThat(table.schema().names()).containsExactly("x");
        assertThat(table.rows()).hasSize(1);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
